package org.hrsnn.cli;

import org.hrsnn.export.DesignFiles;
import org.hrsnn.problem.HrsnnProblem;
import org.hrsnn.problem.HrsnnStudies;
import org.hrsnn.problem.StudyExport;
import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.score.Tasks;
import org.hrsnn.study.Objective;
import org.hrsnn.study.Ranking;
import org.hrsnn.study.Replicates;
import org.hrsnn.study.SearchSpaceFiles;
import org.hrsnn.study.StorageUrl;
import org.hrsnn.study.Study;
import org.hrsnn.study.StudyConfig;
import org.hrsnn.study.StudyException;
import org.hrsnn.study.StudyRunner;
import org.hrsnn.study.Trial;
import org.hrsnn.study.TrialTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "study", mixinStandardHelpOptions = true, description = "Hyper-parameter studies: create, run, resume, inspect, export.",
        subcommands = {StudyCommand.Create.class, StudyCommand.Run.class, StudyCommand.Resume.class, StudyCommand.ListStudies.class, StudyCommand.Copy.class, CompareCommand.class,
                StudyCommand.Status.class, StudyCommand.Trials.class, StudyCommand.Best.class, StudyCommand.Replicate.class, StudyCommand.Export.class, ReportCommand.class})
final class StudyCommand {
    static final String PROTOCOL_FIELDS = "trainingInputs, washout, inputs, trainFraction, delays, holdMs, states (e.g. voltage+counts), mcFloor, minRate, maxRate (Hz, or none)";
    static final String STUDY_NAME = "The study (its folder under --root).";

    static class Root {
        @Option(names = "--root", paramLabel = "DIR", defaultValue = Main.STUDIES_DEFAULT, description = "Folder of studies (default: $HRSNN_STUDIES, else ./studies; now ${DEFAULT-VALUE}).")
        Path root;

        @Option(names = "--storage", paramLabel = "URL", defaultValue = "${env:HRSNN_STORAGE}",
                description = "Where studies are stored instead of --root: journal:DIR, sqlite:FILE or postgresql://[USER@]HOST[:PORT]/DB"
                        + " (password from $PGPASSWORD or the address; never printed). Default: $HRSNN_STORAGE, else the --root folder.")
        String storage;

        @Spec
        CommandSpec spec;

        /** The storage: --storage (or $HRSNN_STORAGE), else the journal folder --root. */
        StorageUrl url() {
            return StudyCommand.url(storage, root);
        }

        /** Where the command writes its output (standard output, unless the CommandLine says otherwise). */
        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** " --root DIR" or " --storage URL" for a hint to paste, or "" when the storage is the default one. */
        String rootArg() {
            return storage != null && !storage.isBlank() ? " --storage " + shell(url().toString()) : StudyCommand.rootArg(root);
        }
    }

    static StorageUrl url(String storage, Path root) {
        if ((storage == null || storage.isBlank()) && root != null) return StorageUrl.journal(root);
        try {
            return StorageUrl.parse(storage);
        } catch (IllegalArgumentException e) {
            throw new Main.BadInputException("--storage (or $HRSNN_STORAGE): " + e.getMessage().replaceFirst("^storage:? ?", ""));
        }
    }

    /** Where a study is, for people: its folder, or its database (without credentials). */
    static String place(Study s) {
        return s.folder() != null ? s.folder().toString() : s.url().toString();
    }

    /** The studies folder a command uses without --root: $HRSNN_STUDIES, else ./studies. */
    static Path defaultRoot() {
        String env = System.getenv("HRSNN_STUDIES");
        return Path.of(env == null || env.isEmpty() ? "studies" : env);
    }

    /** " --root DIR" (absolute, quoted for the shell when needed) for a hint to paste, or "" when {@code root} is the default folder. */
    static String rootArg(Path root) {
        Path a = root.toAbsolutePath().normalize();
        return a.equals(defaultRoot().toAbsolutePath().normalize()) ? "" : " --root " + shell(a.toString());
    }

    /** A word as the shell reads it: as it is when it holds nothing special, else in single quotes. */
    static String shell(String word) {
        if (word.matches("[A-Za-z0-9_./:=@%+,-]+")) return word;
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The --format option of status, trials and best. */
    static class Formatted extends Root {
        @Option(names = "--format", paramLabel = "F", defaultValue = "table",
                description = "table, csv, json or yaml, in any case (default: ${DEFAULT-VALUE}).")
        String format;

        StudyOutput.Format format() {
            return StudyOutput.Format.parse(format);
        }
    }

    /** The HRSNN problem of a study, or a clear refusal (a study this version cannot evaluate). */
    static HrsnnProblem problem(Study s) {
        try {
            return HrsnnProblem.of(s.config());
        } catch (StudyException e) {
            throw new Main.BadInputException(e.getMessage());
        }
    }

    /** Reads a study's data and checks them against what it recorded, or a clear refusal. */
    static final String TRIAL_THREADS = "Threads per trial: with 2 or more, a trial's task stage runs beside its memory stage (same results, sooner)."
            + " Default: the cores divided by the workers.";

    /** The threads per trial an option asks for, or the default for {@code workers}. */
    static int trialThreads(Integer option, int workers) {
        if (option == null) return HrsnnProblem.defaultTrialThreads(workers);
        if (option < 1 || option > 256) throw new Main.BadInputException("--trial-threads must be from 1 to 256, got " + option);
        return option;
    }

    static void loadData(HrsnnProblem problem) {
        try {
            problem.loadData();
        } catch (StudyException e) {
            throw new Main.BadInputException(e.getMessage());
        }
    }

    static Study open(StorageUrl url, String name) {
        try {
            return Study.open(url, name);
        } catch (StudyException e) {
            throw new Main.BadInputException(e.getMessage());
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a study from a search-space file.")
    static final class Create extends Root implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "Name of the new study (a folder under --root): 1-64 letters, digits, '.', '_' or '-'.") String name;
        @Option(names = "--space", required = true, paramLabel = "FILE",
                description = "Search-space file (YAML or JSON); a relative path that is not in the working directory is looked up in the installation (search-spaces/...).") Path space;
        @Option(names = "--task", required = true, description = "memory-capacity, japanese-vowels, uea, fsdd, narma10, mackey-glass, lorenz or sunspots (as for hrsnn evaluate).") String task;
        @Option(names = "--dataset", paramLabel = "NAME", description = "For --task uea: a UEA/UCR problem shipped with hrsnn (JapaneseVowels, GunPoint or BasicMotions).") String dataset;
        @Option(names = "--train", paramLabel = "FILE", description = "For --task uea: the training split (.ts, or .ts.gz).") Path train;
        @Option(names = "--test", paramLabel = "FILE", description = "For --task uea: the test split (.ts, or .ts.gz).") Path test;
        @Option(names = "--data", paramLabel = "FILE", description = "For --task fsdd: the FSDD archive (fsdd-recordings.tar.gz).") Path data;
        @Option(names = "--objective", description = "e, e-then-task, task, gain (what the network adds to the raw-input readout), mc or pareto (E and the task metric as two objectives; default: e for memory-capacity, else e-then-task).") String objective;
        @Option(names = "--seed", defaultValue = "1", description = "Study seed (default: ${DEFAULT-VALUE}).") long seed;
        @Option(names = "--trials", defaultValue = "30", description = "Budget of finished trials (default: ${DEFAULT-VALUE}).") int trials;
        @Option(names = "--initial", defaultValue = "-1", description = "Quasi-random trials before the GP (default: min(1 + dimension, 11, max(5, trials / 2))).") int initial;
        @Option(names = "--no-defaults", description = "Do not evaluate the space's default point first.") boolean noDefaults;
        @Option(names = "--protocol", paramLabel = "FILE", description = "Memory protocol (YAML or JSON): any of " + PROTOCOL_FIELDS
                + "; the others keep their defaults (docs/scoring.md). Recorded in the study; its state kinds are read by the task stage too.") Path protocol;

        @Override
        public Integer call() {
            Tasks.Source source = new Tasks.Source(dataset, train, test, data);
            Tasks.Task t = EvaluateCommand.evaluator(task, source, 1).definition(); // the same checks as evaluate
            Objective obj;
            try {
                obj = objective == null ? (t.hasTaskStage() ? Objective.E_THEN_TASK : Objective.E) : Objective.parse(objective);
            } catch (IllegalArgumentException e) {
                throw new Main.BadInputException("--objective: " + e.getMessage());
            }
            Path file = Main.shipped(space);
            if (!java.nio.file.Files.exists(file))
                throw new Main.BadInputException("--space " + space + ": no such file" + (space.isAbsolute() ? ""
                        : " in " + Path.of("").toAbsolutePath() + " or in the installation " + Main.home()));
            try {
                Study s = HrsnnStudies.create(url(), new HrsnnStudies.Request(name, file, task, source, obj, seed, trials, initial, !noDefaults,
                        EvaluateCommand.protocol(protocol), "hrsnn " + Main.version()));
                var id = s.config().evaluation().get("data");
                PrintWriter out = out();
                out.printf("created study '%s' in %s: %d-D space %s, task %s%s, objective %s, seed %d, %d trials%n", name, place(s),
                        s.space().dimension(), file, task, id == null ? "" : " (" + id.path("name").asText() + ")", obj.label(), seed, trials);
                out.printf("run it: hrsnn study run %s%s%n", shell(name), rootArg());
                out.flush();
                warnShortBudget(out, s.space().dimension(), trials, initial);
                out.flush();
            } catch (StudyException e) {
                throw new Main.BadInputException(e.getMessage());
            }
            return 0;
        }
    }

    /** The GP needs some proposals to be worth its cost; below 10 the study is mostly its initial design. */
    static final int FEWEST_MODEL_PROPOSALS = 10;

    /**
     * Warns when a budget leaves the GP fewer than {@link #FEWEST_MODEL_PROPOSALS} proposals; on the
     * command's output with the description of the study it made (the study is valid, so not an error).
     */
    static void warnShortBudget(PrintWriter out, int dim, int trials, int initial) {
        int init = org.hrsnn.opt.gp.GpSampler.initialPoints(dim, trials, initial);
        int gp = org.hrsnn.opt.gp.GpSampler.modelProposals(dim, trials, initial);
        if (gp < FEWEST_MODEL_PROPOSALS)
            out.printf("warning: %d trials with %d initial Sobol points leave the GP %d proposal%s (fewer than %d): the study is "
                    + "mostly quasi-random search; raise --trials to at least %d%s%n", trials, init, gp, gp == 1 ? "" : "s",
                    FEWEST_MODEL_PROPOSALS, init + FEWEST_MODEL_PROPOSALS, initial >= 0 ? " or lower --initial" : "");
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs a study until its budget is reached (also after a stop or a crash).")
    static class Run extends Root implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = STUDY_NAME) String name;
        @Option(names = "--trials", description = "Change the budget of finished trials to N.") Integer trials;
        @Option(names = "--timeout", paramLabel = "D", description = "Stop starting trials after this long (ISO-8601 like PT10M, or 90s, 10m, 2h).") String timeout;
        @Option(names = "--workers", defaultValue = "1", description = "Trials evaluated in parallel threads (default: ${DEFAULT-VALUE}).") int workers;
        @Option(names = "--trial-timeout", paramLabel = "D", description = "Record a trial as failed when it takes longer than this (90s, 10m, PT5M).") String trialTimeout;
        @Option(names = "--trial-threads", paramLabel = "N", description = TRIAL_THREADS) Integer trialThreads;
        @Option(names = "--progress", paramLabel = "HOW", defaultValue = "auto",
                description = "bar (a live bar with ETA, redrawn in place), lines (a line per trial), or auto: bar on a terminal, else lines (default: ${DEFAULT-VALUE}).")
        String progress;

        boolean progressMode() {
            return switch (progress) {
                case "bar" -> true;
                case "lines" -> false;
                case "auto" -> System.console() != null && !"dumb".equals(System.getenv("TERM"));
                default -> throw new Main.BadInputException("--progress must be auto, bar or lines, got '" + progress + "'");
            };
        }

        @Override
        public Integer call() throws Exception {
            // Everything is checked before anything is written: options, study, data, journal; the budget last.
            if (workers < 1 || workers > 256) throw new Main.BadInputException("--workers must be from 1 to 256, got " + workers);
            int threads = trialThreads(trialThreads, workers);
            Duration d = timeout == null ? null : duration("--timeout", timeout);
            Duration perTrial = trialTimeout == null ? null : duration("--trial-timeout", trialTimeout);
            StudyRunner.Liveness liveness;
            try {
                liveness = StudyRunner.Liveness.fromEnvironment();
            } catch (IllegalArgumentException e) {
                throw new Main.BadInputException(e.getMessage());
            }
            Study s = open(url(), name);
            HrsnnProblem problem = problem(s).withTrialThreads(threads);
            loadData(problem); // before anything is changed: data that changed since the study was made are refused
            s.trials(); // a corrupt journal is refused before the budget is rewritten
            if (trials != null) {
                try {
                    s = s.withTrials(trials);
                } catch (StudyException e) {
                    throw new Main.BadInputException(e.getMessage());
                }
            }
            long before = s.trials().stream().filter(Trial::finished).count();
            PrintWriter out = out();
            out.printf("study '%s': %d of %d trials finished; task %s, objective %s%n", name, before, s.config().trials(),
                    s.config().task(), s.config().objective().label());
            out.flush();
            int n;
            try (RunProgress progress = RunProgress.of(out, progressMode(), name, before, s.config().trials())) {
                n = new StudyRunner(s, problem, perTrial).liveness(liveness).run(d, workers, progress);
            }
            List<Trial> all = s.trials();
            String where = shell(name) + rootArg();
            out.printf("this run finished %d trial(s); %d of %d done. Results: hrsnn study status %s; designs: hrsnn study export %s%n",
                    n, all.stream().filter(Trial::finished).count(), s.config().trials(), where, where);
            out.flush();
            return 0;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, header = "Same as run: continues a stopped or crashed study.",
            description = "Same as run: continues a stopped or crashed study; trials left running by a dead process are re-run with their parameters and seed.")
    static final class Resume extends Run {
    }

    /** A positive duration given to {@code option}: 90s, 10m, 2h or ISO-8601 (PT10M). */
    static Duration duration(String option, String s) {
        Duration d;
        try {
            if (s.toUpperCase(Locale.ROOT).startsWith("P")) d = Duration.parse(s);
            else {
                char unit = s.charAt(s.length() - 1);
                long v = Long.parseLong(s.substring(0, s.length() - 1));
                d = switch (unit) {
                    case 's' -> Duration.ofSeconds(v);
                    case 'm' -> Duration.ofMinutes(v);
                    case 'h' -> Duration.ofHours(v);
                    default -> throw new IllegalArgumentException();
                };
            }
        } catch (RuntimeException e) {
            throw new Main.BadInputException(option + " must look like 90s, 10m, 2h or PT10M, got '" + s + "'");
        }
        if (d.isNegative() || d.isZero()) throw new Main.BadInputException(option + " must be longer than zero, got '" + s + "'");
        return d;
    }

    static void progress(PrintWriter out, Trial t, List<Trial> all, int budget, StudyRunner.Pace pace) {
        out.println(progressLine(t, all, budget, pace));
        out.flush();
    }

    /** The line printed after each finished trial: counts, the trial, the best so far, the pace and the ETA. */
    static String progressLine(Trial t, List<Trial> all, int budget, StudyRunner.Pace pace) {
        long done = all.stream().filter(Trial::finished).count();
        String workers = pace.workers() > 1 ? String.format(" (%d workers: %.1f s of wall time per trial)", pace.workers(), pace.wallSecondsPerTrial()) : "";
        return String.format("[%d/%d] trial %d %s%s | %s | %.1f s/trial%s, ETA %s", done, budget, t.number(), t.state().name().toLowerCase(Locale.ROOT),
                summary(t), bestSoFar(all), pace.secondsPerTrial(), workers, eta(pace.etaSeconds(budget - done)));
    }

    /** "best E 3.2 (trial 10), best accuracy 0.99 (trial 12)" */
    static String bestSoFar(List<Trial> all) {
        List<Trial> byE = Ranking.byE(all), byTask = Ranking.byTask(all);
        String best = byE.isEmpty() ? "-" : String.format("%.4g (trial %d)", byE.get(0).metric("e"), byE.get(0).number());
        String task = byTask.isEmpty() ? "" : String.format(", best %s %.4g (trial %d)", byTask.get(0).metric("accuracy") != null ? "accuracy" : "NRMSE",
                byTask.get(0).metric("accuracy") != null ? byTask.get(0).metric("accuracy") : byTask.get(0).metric("nrmse"), byTask.get(0).number());
        List<Trial> byGain = Ranking.byGain(all);
        String gain = byGain.isEmpty() ? "" : String.format(", best gain over the raw input %+.4f (trial %d)", Ranking.gain(byGain.get(0)), byGain.get(0).number());
        return "best E " + best + task + gain;
    }

    static String summary(Trial t) {
        StringBuilder b = new StringBuilder();
        if (t.metric("e") != null) b.append(String.format(" E=%.4g", t.metric("e")));
        if (t.metric("mc") != null) b.append(String.format(" MC=%.3g", t.metric("mc")))
                .append(t.metric("mcShuffled") == null ? "" : String.format(" (shuffled %.2g)", t.metric("mcShuffled")));
        if (t.metric("s") != null) b.append(String.format(" S=%.3g Hz", t.metric("s")));
        String raw = t.metric("baseline") == null ? "" : String.format(" (raw input %.4f", t.metric("baseline"))
                + (t.metric("strongBaseline") == null ? "" : String.format(", strong %.4f", t.metric("strongBaseline")))
                + (t.metric("stacked") == null ? ")" : String.format("; raw then network %.4f, null %.4f)", t.metric("stacked"), t.metric("stackedNull")));
        if (t.metric("accuracy") != null) b.append(String.format(" accuracy=%.4f", t.metric("accuracy"))).append(raw);
        if (t.metric("nrmse") != null) b.append(String.format(" NRMSE=%.4f", t.metric("nrmse"))).append(raw);
        if (t.reason() != null) b.append(" (").append(t.reason()).append(")");
        return b.toString();
    }

    static String eta(double seconds) {
        if (seconds <= 0) return "0 s";
        return seconds < 120 ? String.format("%.0f s", seconds) : seconds < 7200 ? String.format("%.0f min", seconds / 60) : String.format("%.1f h", seconds / 3600);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the studies.")
    static final class ListStudies extends Root implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            PrintWriter out = out();
            List<String> names = Study.list(url());
            if (names.isEmpty())
                if (url().kind() == StorageUrl.Kind.JOURNAL)
                    out.printf("no studies in %s (it has no NAME/%s); --root DIR or $HRSNN_STUDIES chooses another folder%n", root.toAbsolutePath().normalize(), Study.CONFIG);
                else out.printf("no studies in %s%n", url());
            for (String n : names) {
                try { // one unreadable study does not hide the others
                    Study s = Study.open(url(), n);
                    var t = s.trials();
                    out.printf("%-24s %3d/%-3d finished  task %-16s objective %s%n", n, t.stream().filter(Trial::finished).count(), s.config().trials(),
                            s.config().task(), s.config().objective().label());
                } catch (StudyException | java.io.IOException e) {
                    out.printf("%-24s cannot be opened: %s%n", n, Main.oneLine(e instanceof java.io.IOException io ? org.hrsnn.export.FileProblems.describe(io) : e.getMessage()));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "copy", mixinStandardHelpOptions = true, description = "Copies a study (configuration and every trial event) into another storage,"
            + " e.g. a journal study into PostgreSQL: hrsnn study copy NAME --to postgresql://HOST/DB.")
    static final class Copy extends Root implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The study to copy (from --root or --storage).") String name;
        @Option(names = "--to", required = true, paramLabel = "URL", description = "The storage to copy into: journal:DIR, sqlite:FILE or postgresql://[USER@]HOST[:PORT]/DB.") String to;
        @Option(names = "--as", paramLabel = "NAME", description = "The copy's name (default: the same name).") String as;

        @Override
        public Integer call() throws Exception {
            StorageUrl target = StudyCommand.url(to, null);
            Study s = open(url(), name);
            String newName = as == null ? name : as;
            Study copy;
            try {
                copy = s.copyTo(target, newName);
            } catch (StudyException e) {
                throw new Main.BadInputException(e.getMessage());
            }
            PrintWriter out = out();
            out.printf("copied study '%s' (%d trials) to '%s' in %s; run it there: hrsnn study run %s --storage %s%n", name, copy.trials().size(), newName,
                    target, shell(newName), shell(target.toString()));
            out.flush();
            s.close();
            copy.close();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Counts by state, best so far, time per trial.")
    static final class Status extends Formatted implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = STUDY_NAME) String name;

        @Override
        public Integer call() throws Exception {
            StudyOutput.Format f = format();
            Study s = open(url(), name);
            Map<String, Object> facts = facts(s, s.trials());
            PrintWriter out = out();
            switch (f) {
                case CSV -> StudyOutput.flatCsv(out, facts);
                case JSON, YAML -> StudyOutput.tree(out, f, facts);
                case TABLE -> print(out, s, facts);
            }
            return 0;
        }

        /** What status reports, as a tree (JSON and YAML; flattened for CSV; printed for people). */
        static Map<String, Object> facts(Study s, List<Trial> all) throws java.io.IOException {
            java.util.Set<Integer> orphaned = new java.util.HashSet<>(TrialTable.orphaned(s.storage()));
            orphaned.retainAll(all.stream().filter(t -> !t.finished()).map(Trial::number).toList());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("study", s.config().name());
            m.put("folder", place(s));
            m.put("task", s.config().task());
            m.put("objective", s.config().objective().label());
            m.put("seed", s.config().seed());
            m.put("budget", s.config().trials());
            m.put("finished", all.stream().filter(Trial::finished).count());
            Map<String, Object> counts = new LinkedHashMap<>();
            for (Trial.State st : Trial.State.values())
                counts.put(st.name().toLowerCase(Locale.ROOT), all.stream().filter(t -> t.state() == st && !orphaned.contains(t.number())).count());
            counts.put("orphaned", (long) orphaned.size());
            m.put("counts", counts);
            var seconds = all.stream().filter(Trial::finished).mapToDouble(Trial::seconds).average();
            m.put("secondsPerTrial", seconds.isPresent() ? seconds.getAsDouble() : null);
            List<Trial> byE = Ranking.byE(all), byTask = Ranking.byTask(all);
            m.put("bestByE", byE.isEmpty() ? null : best(byE.get(0)));
            m.put("bestByTask", byTask.isEmpty() ? null : best(byTask.get(0)));
            List<Trial> byGain = Ranking.byGain(all);
            m.put("bestByGain", byGain.isEmpty() ? null : best(byGain.get(0)));
            List<Double> running = new ArrayList<>();
            double low = Double.POSITIVE_INFINITY;
            for (Trial t : all) if (t.metric("e") != null) running.add(low = Math.min(low, t.metric("e")));
            m.put("bestEOverTrials", running);
            return m;
        }

        private static Map<String, Object> best(Trial t) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trial", t.number());
            m.put("metrics", t.metrics());
            return m;
        }

        @SuppressWarnings("unchecked")
        private static void print(PrintWriter out, Study s, Map<String, Object> facts) throws Exception {
            out.printf("study '%s' (%s): task %s, objective %s, seed %d, budget %d%n", facts.get("study"), facts.get("folder"), facts.get("task"),
                    facts.get("objective"), facts.get("seed"), facts.get("budget"));
            Map<String, Long> counts = (Map<String, Long>) facts.get("counts");
            String resume = "hrsnn study resume " + shell(s.config().name()) + (s.folder() != null ? StudyCommand.rootArg(s.folder().getParent()) : " --storage " + shell(s.url().toString()));
            counts.forEach((state, c) -> {
                if (c == 0) return;
                if (state.equals("orphaned"))
                    out.printf("  %-9s %d  (left unfinished by a process that has ended; re-run with the same parameters and seed by '%s')%n", state, c, resume);
                else out.printf("  %-9s %d%n", state, c);
            });
            Double seconds = (Double) facts.get("secondsPerTrial");
            out.println("  time per trial " + (seconds == null ? "-" : String.format("%.1f s", seconds)));
            List<Trial> all = s.trials();
            for (String key : List.of("bestByE", "bestByTask")) {
                Map<String, Object> b = (Map<String, Object>) facts.get(key);
                if (b == null) continue;
                Trial t = all.stream().filter(x -> x.number() == (Integer) b.get("trial")).findFirst().orElseThrow();
                out.println((key.equals("bestByE") ? "  best by E:    trial " : "  best by task: trial ") + t.number() + summary(t));
            }
            List<Double> running = (List<Double>) facts.get("bestEOverTrials");
            if (running.size() > 1)
                out.println("  best E over trials " + Sparkline.of(running.stream().mapToDouble(Double::doubleValue).toArray()).replace(" Hz)", ")"));
            out.flush();
        }
    }

    @Command(name = "trials", mixinStandardHelpOptions = true, description = "All trials as a table, CSV, JSON or YAML.")
    static final class Trials extends Formatted implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = STUDY_NAME) String name;

        /** The columns of the table; CSV, JSON and YAML have every metric and parameter (study.TrialTable). */
        static List<StudyOutput.TableColumn<Trial>> table(java.util.Set<Integer> orphaned) {
            return List.of(
                new StudyOutput.TableColumn<>("trial", 5, t -> String.valueOf(t.number())),
                new StudyOutput.TableColumn<>("state", -9, TrialTable::state),
                new StudyOutput.TableColumn<>("E", 10, t -> f(t.metric("e"))),
                new StudyOutput.TableColumn<>("MC", 8, t -> f(t.metric("mc"))),
                new StudyOutput.TableColumn<>("S Hz", 8, t -> f(t.metric("s"))),
                new StudyOutput.TableColumn<>("task", 10, t -> f(t.metric("accuracy") != null ? t.metric("accuracy") : t.metric("nrmse"))),
                new StudyOutput.TableColumn<>("seconds", 8, t -> String.format("%.1f", t.seconds())),
                new StudyOutput.TableColumn<>(" reason", -1, t -> " " + (t.reason() != null ? t.reason()
                        : orphaned.contains(t.number()) ? "(its process has ended; re-run on the next run or resume)" : "")));
        }

        @Override
        public Integer call() throws Exception {
            StudyOutput.Format f = format();
            Study s = open(url(), name);
            List<Trial> all = s.trials();
            switch (f) {
                case CSV -> {
                    out().print(StudyExport.csv(s, all));
                    out().flush();
                }
                case JSON, YAML -> StudyOutput.tree(out(), f, all.stream().map(TrialTable::record).toList());
                case TABLE -> StudyOutput.table(out(), table(TrialTable.orphaned(s.storage())), all);
            }
            return 0;
        }
    }

    static String f(Double v) {
        return v == null ? "-" : String.format("%.4g", v);
    }

    @Command(name = "best", mixinStandardHelpOptions = true, description = "The best trials by E (then task), by the task, and the Pareto set.")
    static final class Best extends Formatted implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = STUDY_NAME) String name;
        @Option(names = "--top", defaultValue = "5", description = "How many (default: ${DEFAULT-VALUE}).") int top;

        /** The rankings: title in the table, key in JSON and YAML, value of the "ranking" column in CSV. */
        record Ranked(String title, String key, String label, List<Trial> trials) {}

        @Override
        public Integer call() throws Exception {
            if (top < 0) throw new Main.BadInputException("--top must be >= 0, got " + top);
            StudyOutput.Format f = format();
            Study s = open(url(), name);
            List<Trial> all = s.trials();
            List<Replicates.Replicate> reps = replicates(s);
            List<Ranked> rankings = new ArrayList<>(List.of(
                    new Ranked("by E, then task", "byE", "by E", Ranking.byE(all).stream().limit(top).toList()),
                    new Ranked("by task metric", "byTask", "by task", Ranking.byTask(all).stream().limit(top).toList())));
            List<Trial> byGain = Ranking.byGain(all);
            if (!byGain.isEmpty()) rankings.add(new Ranked("by gain over the raw input (raw then network, against its null)", "byGain", "by gain", byGain.stream().limit(top).toList()));
            rankings.add(new Ranked("Pareto set of (E, task metric)", "pareto", "Pareto", Ranking.pareto(all)));
            PrintWriter out = out();
            switch (f) {
                case TABLE -> {
                    for (Ranked r : rankings) {
                        out.println(r.title() + ":");
                        r.trials().forEach(t -> {
                            out.println("  trial " + t.number() + summary(t));
                            String spread = spreadLine(t, reps);
                            if (spread != null) out.println("    " + spread);
                        });
                        if (r.trials().isEmpty()) out.println("  (none)");
                    }
                    Ranking.ParetoVolume hv = Ranking.paretoHypervolume(all);
                    if (hv != null)
                        out.printf("hypervolume of the Pareto set in (E, task loss), reference (worst E, worst task loss) = (%.4g, %.4g): %.4g%n",
                                hv.reference()[0], hv.reference()[1], hv.hypervolume());
                    out.flush();
                }
                case JSON, YAML -> {
                    Map<String, Object> tree = new LinkedHashMap<>();
                    for (Ranked r : rankings) tree.put(r.key(), r.trials().stream().map(t -> {
                        Map<String, Object> rec = new LinkedHashMap<>(TrialTable.record(t));
                        Map<String, Object> sum = Replicates.summary(t, reps);
                        if (!sum.isEmpty()) rec.put("replicates", sum);
                        return rec;
                    }).toList());
                    Ranking.ParetoVolume hv = Ranking.paretoHypervolume(all);
                    if (hv != null) {
                        Map<String, Object> v = new LinkedHashMap<>();
                        v.put("value", hv.hypervolume());
                        v.put("reference", Map.of("e", hv.reference()[0], "taskLoss", hv.reference()[1]));
                        tree.put("paretoHypervolume", v);
                    }
                    StudyOutput.tree(out, f, tree);
                }
                case CSV -> {
                    record Row(String ranking, int rank, Trial trial) {}
                    List<Row> rows = new ArrayList<>();
                    for (Ranked r : rankings) for (int i = 0; i < r.trials().size(); i++) rows.add(new Row(r.label(), i + 1, r.trials().get(i)));
                    List<TrialTable.Column<Row>> columns = new ArrayList<>();
                    columns.add(new TrialTable.Column<>("ranking", Row::ranking));
                    columns.add(new TrialTable.Column<>("rank", Row::rank));
                    for (TrialTable.Column<Trial> c : TrialTable.columns(s, all)) columns.add(new TrialTable.Column<>(c.name(), row -> c.value().apply(row.trial())));
                    if (!reps.isEmpty())
                        for (String metric : List.of("e", "accuracy", "nrmse", "gain")) {
                            if (reps.stream().noneMatch(x -> x.metrics().containsKey(metric.equals("gain") ? "stacked" : metric))) continue;
                            columns.add(new TrialTable.Column<>(metric + "_replicates_n", row -> {
                                var sp = Replicates.spread(row.trial(), reps, metric);
                                return sp == null ? null : sp.n();
                            }));
                            columns.add(new TrialTable.Column<>(metric + "_mean", row -> {
                                var sp = Replicates.spread(row.trial(), reps, metric);
                                return sp == null ? null : sp.mean();
                            }));
                            columns.add(new TrialTable.Column<>(metric + "_sd", row -> {
                                var sp = Replicates.spread(row.trial(), reps, metric);
                                return sp == null || Double.isNaN(sp.sd()) ? null : sp.sd();
                            }));
                        }
                    out.print(TrialTable.csv(columns, rows));
                    out.flush();
                }
            }
            return 0;
        }
    }

    static List<Replicates.Replicate> replicates(Study s) {
        try {
            return Replicates.read(s);
        } catch (StudyException e) {
            throw new Main.BadInputException(e.getMessage());
        }
    }

    /** "over N seeds: E mean ± sd [min, max], ..." for a trial with replicates, or null. */
    static String spreadLine(Trial t, List<Replicates.Replicate> reps) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (String metric : List.of("e", "accuracy", "nrmse", "gain")) {
            Replicates.Spread sp = Replicates.spread(t, reps, metric);
            if (sp == null) continue;
            n = Math.max(n, sp.n());
            b.append(b.length() == 0 ? "" : "; ").append(metric.equals("e") ? "E" : metric)
                    .append(String.format(" %.4g ± %.2g [%.4g, %.4g]", sp.mean(), sp.sd(), sp.min(), sp.max()));
        }
        return b.length() == 0 ? null : "over " + n + " seeds (this trial's and its replicates'): " + b;
    }

    @Command(name = "replicate", mixinStandardHelpOptions = true,
            header = "Re-evaluates the best designs with fresh seeds: mean and spread over network realisations.",
            description = "Evaluates each of the --top best trials by E, by the task metric and by the gain over the raw input --replicates more times, each with a "
                    + "fresh seed derived from the trial's (so reproducible from the study seed); replicates already recorded are kept. "
                    + "study best and study export then report each design's mean and spread. Stored in STUDY/" + Replicates.FILE + ".")
    static final class Replicate extends Root implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = STUDY_NAME) String name;
        @Option(names = "--replicates", required = true, paramLabel = "K", description = "Re-evaluations per design (1 to 100).") int replicates;
        @Option(names = "--top", defaultValue = "3", description = "How many by E and by task (default: ${DEFAULT-VALUE}).") int top;

        @Override
        public Integer call() throws Exception {
            if (replicates < 1 || replicates > 100) throw new Main.BadInputException("--replicates must be from 1 to 100, got " + replicates);
            if (top < 1 || top > 100) throw new Main.BadInputException("--top must be from 1 to 100, got " + top);
            Study s = open(url(), name);
            if (s.folder() == null)
                throw new Main.BadInputException("study replicate keeps replicates beside a journal study's files; '" + name + "' is in "
                        + s.url() + " (copy it to a journal folder with study copy --to journal:DIR)");
            HrsnnProblem problem = problem(s);
            replicates(s); // a malformed replicates file is refused before any work
            loadData(problem);
            List<Trial> chosen = Ranking.best(s.trials(), top);
            PrintWriter out = out();
            if (chosen.isEmpty()) {
                out.println("study '" + name + "' has no finished trial with an E or a task metric to replicate");
                out.flush();
                return 0;
            }
            List<Replicates.Replicate> reps = Replicates.run(s, problem, chosen, replicates, r -> {
                out.printf("trial %d, replicate %d (seed %d): %s%s%n", r.trial(), r.index(), r.seed(), r.state().name().toLowerCase(Locale.ROOT),
                        r.metrics().containsKey("e") ? String.format(" E=%.4g", r.metrics().get("e")) : "");
                out.flush();
            });
            for (Trial t : chosen) {
                String line = spreadLine(t, reps);
                out.println("trial " + t.number() + ": " + (line == null ? "no replicate measured a metric" : line));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            header = "Writes the best designs as design files, and all trials as trials.csv.",
            description = "Writes the best designs (by E, by task, and the Pareto set) as self-contained design files "
                    + "(network, seed, metrics, provenance), and all trials as trials.csv.")
    static final class Export extends Root implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = STUDY_NAME) String name;
        @Option(names = "--top", defaultValue = "3", description = "How many by E and by task (default: ${DEFAULT-VALUE}).") int top;
        @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: STUDY/export).") Path out;
        @Option(names = "--nir", description = "Also write each design's network, trained by the task's STDP phase, as a NIR graph (trial-NNNN.nir; docs/nir.md).") boolean nir;

        @Override
        public Integer call() throws Exception {
            if (top < 0) throw new Main.BadInputException("--top must be >= 0, got " + top);
            Study s = open(url(), name);
            Path dir = out != null ? out : s.folder() != null ? s.folder().resolve("export") : Path.of(s.config().name() + "-export");
            var byNumber = new java.util.HashMap<Integer, Trial>();
            s.trials().forEach(t -> byNumber.put(t.number(), t));
            HrsnnProblem problem = problem(s); // refuses a study this version cannot rebuild designs for
            PrintWriter w = out();
            List<Path> files = StudyExport.export(s, dir, top, "hrsnn " + Main.version());
            for (Path f : files) {
                int n = Integer.parseInt(f.getFileName().toString().replaceAll("\\D", ""));
                w.println("wrote " + f + summary(byNumber.get(n)));
            }
            w.println("wrote " + dir.resolve("trials.csv") + " (" + byNumber.size() + " trials)");
            if (nir) {
                java.util.Set<String> warned = new java.util.LinkedHashSet<>();
                for (var e : StudyExport.exportNir(s, dir, top, "hrsnn " + Main.version()).entrySet()) {
                    w.println("wrote " + e.getKey() + " (NIR graph, trained by the " + s.config().task() + " task's STDP phase)");
                    warned.addAll(e.getValue());
                }
                w.flush();
                for (String x : warned) System.err.println("warning: not expressed in NIR: " + x);
            }
            if (!files.isEmpty()) {
                StringBuilder cmd = new StringBuilder("hrsnn evaluate --design ").append(shell(files.get(0).toString())).append(" --task ").append(s.config().task());
                for (String a : problem.dataArguments()) cmd.append(' ').append(shell(a));
                w.println("re-evaluate one with: " + cmd);
            }
            w.flush();
            return 0;
        }
    }
}
