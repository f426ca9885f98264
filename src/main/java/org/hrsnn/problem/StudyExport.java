package org.hrsnn.problem;

import org.hrsnn.export.DesignExport;
import org.hrsnn.export.DesignFiles;
import org.hrsnn.opt.Parameter;
import org.hrsnn.study.Ranking;
import org.hrsnn.study.Study;
import org.hrsnn.study.StudyException;
import org.hrsnn.study.Trial;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a study's best designs (by E, by task, Pareto set) as design files, each with its metrics and the
 * provenance needed to re-run it elsewhere (the study's evaluation and sampler settings, the space's
 * parameter values), and all trials as CSV.
 */
public final class StudyExport {
    private StudyExport() {}

    /** The trials exported: the {@code top} best by E, the {@code top} best by task, and the Pareto set. */
    public static List<Trial> chosen(List<Trial> all, int top) {
        Map<Integer, Trial> chosen = new LinkedHashMap<>();
        Ranking.byE(all).stream().limit(top).forEach(t -> chosen.put(t.number(), t));
        Ranking.byTask(all).stream().limit(top).forEach(t -> chosen.put(t.number(), t));
        Ranking.pareto(all).forEach(t -> chosen.put(t.number(), t));
        return new ArrayList<>(chosen.values());
    }

    /** Writes {@code dir/trial-NNNN.json} for each chosen trial and {@code dir/trials.csv}; returns the design files. */
    public static List<Path> export(Study s, Path dir, int top, String tool) throws IOException, StudyException {
        HrsnnProblem problem = HrsnnProblem.of(s.config());
        List<Trial> all = s.trials();
        List<Path> files = new ArrayList<>();
        for (Trial t : chosen(all, top)) {
            Path f = dir.resolve(String.format("trial-%04d.json", t.number()));
            Map<String, Object> metrics = new LinkedHashMap<>(t.metrics());
            if (t.mcCurve() != null) metrics.put("mcCurve", t.mcCurve());
            DesignExport.write(f, problem.design(t.params()), t.seed(), metrics, t.params(), s.config().name(), t.number(),
                    s.config().task(), s.config().objective().label(), tool, s.config().evaluation(), s.config().sampler());
            files.add(f);
        }
        DesignFiles.writeAtomically(dir.resolve("trials.csv"), csv(s, all));
        return files;
    }

    public static String csv(Study s, List<Trial> all) {
        var params = s.space().parameters().stream().map(Parameter::name).toList();
        var metrics = new LinkedHashSet<>(List.of("s", "silentFraction", "maxRate", "mc", "mcCurrent", "mcShuffled", "mcInputOnly", "e",
                "accuracy", "nrmse", "baseline", "strongBaseline"));
        StringBuilder b = new StringBuilder("trial,state,seed,seconds,reason");
        metrics.forEach(m -> b.append(',').append(m));
        params.forEach(p -> b.append(',').append(p));
        b.append('\n');
        for (Trial t : all) {
            b.append(t.number()).append(',').append(t.state().name().toLowerCase(Locale.ROOT)).append(',').append(t.seed()).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", t.seconds())).append(',').append(t.reason() == null ? "" : '"' + t.reason().replace("\"", "'") + '"');
            for (String m : metrics) b.append(',').append(t.metric(m) == null ? "" : String.valueOf(t.metric(m)));
            for (String p : params) b.append(',').append(t.params().get(p));
            b.append('\n');
        }
        return b.toString();
    }
}
