package org.hrsnn.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.task.LabelledSeries;
import org.hrsnn.task.MelFrontEnd;
import org.hrsnn.task.ShippedData;
import org.hrsnn.task.SpokenDigits;
import org.hrsnn.task.TsFormat;

import org.hrsnn.random.Seeds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The tasks a design is scored on, in one place: each task's name, kind, metric and direction, the data it
 * needs (shipped with hrsnn, generated from the trial seed, or files the user names), how they are read, and
 * their identity (name, SHA-256 of the bytes read, and the paths as given), which a study records and checks
 * before it runs again. Used by {@code hrsnn evaluate}, {@code hrsnn study create}, {@link TrialEvaluator}
 * and the HRSNN study problem.
 */
public final class Tasks {
    private Tasks() {}

    public enum Kind { MEMORY, CLASSIFICATION, PREDICTION }

    /** How a prediction task makes its series: from the seed, the horizon and the shipped series (sunspots). */
    @FunctionalInterface
    public interface Generator {
        org.hrsnn.task.Series make(long seed, int horizon, double[] shipped);
    }

    /**
     * One task: {@code help} is its line in the command help; a prediction task has the {@code generator} of
     * its series, and {@code hasHorizon} when it predicts a chosen number of steps ahead (NARMA-10 is always one).
     */
    public record Task(String name, Kind kind, String help, Generator generator, boolean hasHorizon) {
        Task(String name, Kind kind, String help) {
            this(name, kind, help, null, false);
        }

        /** The series of this prediction task for {@code seed}, {@code horizon} steps ahead. */
        public org.hrsnn.task.Series series(long seed, int horizon, double[] shipped) {
            if (generator == null) throw new IllegalArgumentException("not a prediction task: " + name);
            return generator.make(seed, horizon, shipped);
        }

        /** The horizon this task predicts at when {@code horizon} is asked for. */
        public int effectiveHorizon(int horizon) {
            return hasHorizon ? horizon : 1;
        }

        /** Whether there is a stage after the memory stage (S, MC, E). */
        public boolean hasTaskStage() {
            return kind != Kind.MEMORY;
        }

        /** The task stage's metric, as named in journals and exports: "accuracy", "nrmse", or null (memory only). */
        public String metric() {
            return switch (kind) {
                case MEMORY -> null;
                case CLASSIFICATION -> "accuracy";
                case PREDICTION -> "nrmse";
            };
        }

        public boolean higherIsBetter() {
            return kind == Kind.CLASSIFICATION;
        }

        /** The metric oriented so that lower is better: minus accuracy, or NRMSE. */
        public double loss(double value) {
            return higherIsBetter() ? -value : value;
        }
    }

    public static final List<Task> ALL = List.of(
            new Task("memory-capacity", Kind.MEMORY, "the first stage only"),
            new Task("japanese-vowels", Kind.CLASSIFICATION, "accuracy on the shipped JapaneseVowels split (UEA/UCR)"),
            new Task("uea", Kind.CLASSIFICATION, "accuracy on a shipped UEA/UCR problem (--dataset NAME) or on any .ts pair (--train FILE --test FILE)"),
            new Task("fsdd", Kind.CLASSIFICATION, "spoken-digit accuracy on the FSDD archive (--data FILE)"),
            new Task("narma10", Kind.PREDICTION, "NRMSE of one-step prediction of NARMA-10",
                    (seed, h, shipped) -> org.hrsnn.task.Series.narma10(Tasks.PREDICTION_STEPS, Seeds.rng(seed, "task.narma10")), false),
            new Task("mackey-glass", Kind.PREDICTION, "NRMSE of prediction of Mackey-Glass (tau 17)",
                    (seed, h, shipped) -> org.hrsnn.task.Series.mackeyGlass(Tasks.PREDICTION_STEPS, h, Seeds.rng(seed, "task.mackey-glass")), true),
            new Task("lorenz", Kind.PREDICTION, "NRMSE of prediction of Lorenz-63 x",
                    (seed, h, shipped) -> org.hrsnn.task.Series.lorenz(Tasks.PREDICTION_STEPS, h, Seeds.rng(seed, "task.lorenz")), true),
            new Task("sunspots", Kind.PREDICTION, "NRMSE of prediction of the yearly sunspot numbers (shipped)",
                    (seed, h, shipped) -> org.hrsnn.task.Series.ahead("sunspots", shipped, shipped.length, h), true));

    public static List<String> names() {
        return ALL.stream().map(Task::name).toList();
    }

    /** "a, b, ... or z": the task names for messages and help. */
    public static String namesText() {
        List<String> n = names();
        return String.join(", ", n.subList(0, n.size() - 1)) + " or " + n.get(n.size() - 1);
    }

    /** The task called {@code name}; an IllegalArgumentException naming the tasks otherwise. */
    public static Task get(String name) {
        for (Task t : ALL) if (t.name().equals(name)) return t;
        throw new IllegalArgumentException("unknown task '" + name + "'; tasks: " + namesText());
    }

    /**
     * Where a task's data come from, as given on the command line: a shipped UEA/UCR problem
     * ({@code --dataset}), a pair of .ts files ({@code --train}, {@code --test}) or an FSDD archive
     * ({@code --data}); null where not given.
     */
    public record Source(String dataset, Path train, Path test, Path archive) {
        public static final Source NONE = new Source(null, null, null, null);

        public static Source dataset(String name) {
            return new Source(name, null, null, null);
        }

        public static Source files(Path train, Path test) {
            return new Source(null, train, test, null);
        }

        public static Source archive(Path archive) {
            return new Source(null, null, null, archive);
        }

        boolean any() {
            return dataset != null || train != null || test != null || archive != null;
        }

        /** The command-line options that name this source, for hints ({@code --dataset N}, {@code --train F --test F}, {@code --data F}). */
        public List<String> arguments() {
            List<String> a = new ArrayList<>();
            if (dataset != null) a.addAll(List.of("--dataset", dataset));
            if (train != null) a.addAll(List.of("--train", train.toString()));
            if (test != null) a.addAll(List.of("--test", test.toString()));
            if (archive != null) a.addAll(List.of("--data", archive.toString()));
            return a;
        }
    }

    /** Checks that {@code s} is what task {@code t} takes; an IllegalArgumentException naming the options otherwise. */
    public static Source check(Task t, Source s) {
        if (s == null) s = Source.NONE;
        switch (t.name()) {
            case "uea" -> {
                if (s.archive() != null) throw new IllegalArgumentException("--task uea takes --dataset NAME or --train FILE --test FILE, not --data");
                if (s.dataset() != null) {
                    if (s.train() != null || s.test() != null) throw new IllegalArgumentException("--task uea takes --dataset NAME or --train FILE --test FILE, not both");
                    if (!ShippedData.UEA.contains(s.dataset()))
                        throw new IllegalArgumentException("--dataset must be one of " + String.join(", ", ShippedData.UEA) + ", got '" + s.dataset() + "'");
                } else if (s.train() == null || s.test() == null) {
                    throw new IllegalArgumentException("--task uea needs --dataset NAME, or --train FILE and --test FILE");
                }
            }
            case "fsdd" -> {
                if (s.archive() == null) throw new IllegalArgumentException("--task fsdd needs --data FILE (the fsdd-recordings.tar.gz archive)");
                if (s.dataset() != null || s.train() != null || s.test() != null)
                    throw new IllegalArgumentException("--task fsdd takes --data FILE only, not --dataset, --train or --test");
            }
            default -> {
                if (s.any())
                    throw new IllegalArgumentException("--task " + t.name() + " has its own data: --dataset, --train, --test and --data are for --task uea and fsdd");
            }
        }
        return s;
    }

    /** The source a study recorded in {@code evaluation.data} (see {@link Data#identity}). */
    public static Source recorded(Task t, JsonNode data) {
        if (data == null || !(t.name().equals("uea") || t.name().equals("fsdd"))) return Source.NONE;
        return new Source(text(data, "dataset"), path(data, "train"), path(data, "test"), path(data, "data"));
    }

    private static String text(JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asText() : null;
    }

    private static Path path(JsonNode n, String key) {
        return n.hasNonNull(key) ? Path.of(n.get(key).asText()) : null;
    }

    /** A user's data that cannot be used: unreadable, malformed, or not the data a study recorded. */
    public static final class DataException extends IOException {
        public DataException(String message) {
            super(message);
        }
    }

    /**
     * A task's data as read. {@code train} and {@code test} for classification, {@code series} for the
     * shipped sunspots (the other prediction series are generated from the trial seed). {@code identity}:
     * {@code name}; for shipped UEA/UCR problems {@code dataset}; the paths as given ({@code train},
     * {@code test}, {@code data}); the SHA-256 of each file's bytes ({@code train.sha256},
     * {@code test.sha256}, {@code sha256}); or {@code generated} for generated series. Null for the memory
     * task, which reads no data.
     */
    public record Data(Task task, Source source, LabelledSeries train, LabelledSeries test, double[] series, ObjectNode identity) {
        /** A short description for people, as printed by {@code hrsnn evaluate}. */
        public String describe(int horizon) {
            return switch (task.kind()) {
                case MEMORY -> "";
                case CLASSIFICATION -> String.format(" (%s: %d train / %d test, %d channels, %d classes)", train.name(), train.size(), test.size(),
                        train.channels(), train.classes().size());
                case PREDICTION -> String.format(" (%d steps, %d step(s) ahead)", series != null ? series.length : PREDICTION_STEPS,
                        task.effectiveHorizon(horizon));
            };
        }
    }

    /** Length of the generated prediction series. */
    public static final int PREDICTION_STEPS = 3000;

    /**
     * Reads task {@code t}'s data from {@code s}. With {@code expected} (a study's recorded identity), a
     * file whose SHA-256 differs from the recorded one is refused, naming the file and both hashes.
     */
    public static Data load(Task t, Source s, JsonNode expected) throws IOException {
        check(t, s);
        ObjectNode id = JsonNodeFactory.instance.objectNode();
        switch (t.name()) {
            case "memory-capacity" -> {
                return new Data(t, s, null, null, null, null);
            }
            case "japanese-vowels", "uea" -> {
                boolean shipped = s.train() == null;
                String name = t.name().equals("uea") ? s.dataset() : "JapaneseVowels";
                byte[] train = shipped ? ShippedData.bytes(name + "_TRAIN.ts.gz") : read(s.train());
                byte[] test = shipped ? ShippedData.bytes(name + "_TEST.ts.gz") : read(s.test());
                String trainSource = shipped ? name + "_TRAIN.ts" : s.train().toString(), testSource = shipped ? name + "_TEST.ts" : s.test().toString();
                id.put("name", name); // a file's name is its @problemName, below
                if (s.dataset() != null) id.put("dataset", s.dataset());
                if (!shipped) id.put("train", s.train().toString());
                id.put("train.sha256", sha256(train));
                if (!shipped) id.put("test", s.test().toString());
                id.put("test.sha256", sha256(test));
                verify(id, expected); // before parsing: changed data are named as changed, whatever they now hold
                LabelledSeries tr = parseTs(trainSource, train), te = parseTs(testSource, test);
                if (!shipped) id.put("name", tr.name());
                return new Data(t, s, tr, te, null, id);
            }
            case "fsdd" -> {
                byte[] b = read(s.archive());
                id.put("name", "FSDD").put("data", s.archive().toString()).put("sha256", sha256(b));
                verify(id, expected);
                try {
                    SpokenDigits.Split split = SpokenDigits.read(s.archive().toString(), new ByteArrayInputStream(b), MelFrontEnd.SPEECH_8K);
                    return new Data(t, s, split.train(), split.test(), null, id);
                } catch (TsFormat.FormatException e) {
                    throw new DataException(e.getMessage());
                }
            }
            case "sunspots" -> {
                id.put("name", "sunspots").put("sha256", sha256(ShippedData.bytes("sunspots.csv")));
                verify(id, expected);
                return new Data(t, s, null, null, ShippedData.sunspots(), id);
            }
            case "narma10", "mackey-glass", "lorenz" -> {
                id.put("name", t.name()).put("generated", "from the trial seed, " + PREDICTION_STEPS + " steps");
                return new Data(t, s, null, null, null, id);
            }
            default -> throw new IllegalStateException("task " + t.name() + " has no loader");
        }
    }

    private static byte[] read(Path f) throws DataException {
        try {
            return Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            throw new DataException(f + ": no such file" + (f.isAbsolute() ? "" : " (relative to " + Path.of("").toAbsolutePath() + ")"));
        } catch (IOException e) {
            throw new DataException(Files.isDirectory(f) ? f + ": is a folder, not a file" : org.hrsnn.export.FileProblems.describe(e));
        }
    }

    /** A .ts file's bytes, plain or gzipped (told by the gzip magic number). */
    static LabelledSeries parseTs(String source, byte[] bytes) throws IOException {
        InputStream in = new ByteArrayInputStream(bytes);
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) in = new GZIPInputStream(in);
        try (var r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return TsFormat.parse(source, r);
        } catch (TsFormat.FormatException e) {
            throw new DataException(e.getMessage());
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses data whose hashes are not the recorded ones ({@code expected} null: nothing recorded). */
    private static void verify(ObjectNode identity, JsonNode expected) throws DataException {
        if (expected == null) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            var f = it.next();
            if (!f.getKey().endsWith("sha256")) continue;
            String was = f.getValue().asText(), now = identity.path(f.getKey()).asText(null);
            if (was.equals(now)) continue;
            String part = f.getKey().equals("sha256") ? "" : f.getKey().substring(0, f.getKey().length() - ".sha256".length());
            String file = !part.isEmpty() && expected.hasNonNull(part) ? expected.get(part).asText()
                    : part.isEmpty() && expected.hasNonNull("data") ? expected.get("data").asText()
                    : "the " + (part.isEmpty() ? "" : part + " split of the ") + "shipped " + expected.path("name").asText() + " data";
            throw new DataException(file + " has changed since the study recorded it: its SHA-256 is now " + (now == null ? "(none)" : now)
                    + ", the study recorded " + was + ". Restore the file the study was made with, or create a new study for these data.");
        }
    }
}
