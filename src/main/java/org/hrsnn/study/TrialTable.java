package org.hrsnn.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.hrsnn.opt.Parameter;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Trials as rows of named columns, for CSV ({@code trials.csv}, {@code study trials|best --format csv})
 * and as records for JSON and YAML. To add a column, add it to {@link #columns}; a new metric appears by
 * itself (after the known ones in {@link #METRICS}, by name).
 */
public final class TrialTable {
    /** The metrics in the order they are listed; any other metric a trial has follows, sorted by name. */
    public static final List<String> METRICS = List.of("s", "silentFraction", "maxRate", "mc", "mcCurrent", "mcShuffled", "mcInputOnly", "e",
            "accuracy", "nrmse", "baseline", "strongBaseline", "stacked", "stackedNull");

    /** A named column of rows of type T; a null value is an empty cell (JSON null). */
    public record Column<T>(String name, Function<T, Object> value) {}

    private static final CsvMapper CSV = new CsvMapper();

    private TrialTable() {}

    /** Lower-case state name, as in the journal. */
    public static String state(Trial t) {
        return t.state().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The unfinished trials whose worker is gone (by the same rule as the runner's: the process table on this
     * host, the heartbeat's grace period for another host): the next run or resume re-runs them.
     */
    public static java.util.Set<Integer> orphaned(Storage storage) throws java.io.IOException {
        java.time.Instant now = java.time.Instant.now();
        java.time.Duration grace;
        try {
            grace = StudyRunner.Liveness.fromEnvironment().grace();
        } catch (IllegalArgumentException e) {
            grace = java.time.Duration.ofSeconds(120);
        }
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        for (Storage.Lease l : storage.leases()) if (StudyRunner.gone(l, now, grace)) out.add(l.trial().number());
        return out;
    }

    /** The metric names of these trials: {@link #METRICS}, then any others, sorted. */
    public static List<String> metricNames(List<Trial> trials) {
        Set<String> names = new LinkedHashSet<>(METRICS);
        Set<String> others = new TreeSet<>();
        for (Trial t : trials) others.addAll(t.metrics().keySet());
        names.addAll(others);
        return new ArrayList<>(names);
    }

    /** One flat row per trial: number, state, seed, seconds, reason, every metric, every parameter of the space. */
    public static List<Column<Trial>> columns(Study s, List<Trial> trials) {
        List<Column<Trial>> c = new ArrayList<>();
        c.add(new Column<>("trial", Trial::number));
        c.add(new Column<>("state", TrialTable::state));
        c.add(new Column<>("seed", Trial::seed));
        c.add(new Column<>("seconds", t -> String.format(Locale.ROOT, "%.3f", t.seconds())));
        c.add(new Column<>("reason", Trial::reason));
        for (String m : metricNames(trials)) c.add(new Column<>(m, t -> t.metric(m)));
        for (Parameter p : s.space().parameters()) c.add(new Column<>(p.name(), t -> t.params().get(p.name())));
        return c;
    }

    /** A trial as a record for JSON or YAML: trial, state, seed, params, metrics, reason (null when none), seconds. */
    public static Map<String, Object> record(Trial t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", t.number());
        m.put("state", state(t));
        m.put("seed", t.seed());
        m.put("params", t.params());
        m.put("metrics", t.metrics());
        m.put("reason", t.reason());
        m.put("seconds", t.seconds());
        return m;
    }

    /** RFC 4180 CSV with a header line: fields with commas, quotes or line breaks are quoted, quotes doubled. */
    public static <T> String csv(List<Column<T>> columns, List<T> rows) {
        CsvSchema.Builder schema = CsvSchema.builder();
        for (Column<T> c : columns) schema.addColumn(c.name());
        List<Map<String, Object>> out = new ArrayList<>();
        for (T row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Column<T> c : columns) m.put(c.name(), c.value().apply(row));
            out.add(m);
        }
        try {
            return CSV.writer(schema.build().withHeader().withLineSeparator("\n")).writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
