package org.hrsnn.cli;

import org.hrsnn.export.DesignFiles;
import org.hrsnn.problem.HrsnnProblem;
import org.hrsnn.problem.HrsnnStudies;
import org.hrsnn.problem.StudyExport;
import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.study.Objective;
import org.hrsnn.study.Ranking;
import org.hrsnn.study.SearchSpaceFiles;
import org.hrsnn.study.Study;
import org.hrsnn.study.StudyConfig;
import org.hrsnn.study.StudyException;
import org.hrsnn.study.StudyRunner;
import org.hrsnn.study.Trial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "study", mixinStandardHelpOptions = true, description = "Hyper-parameter studies: create, run, resume, inspect, export.",
        subcommands = {StudyCommand.Create.class, StudyCommand.Run.class, StudyCommand.Resume.class, StudyCommand.ListStudies.class,
                StudyCommand.Status.class, StudyCommand.Trials.class, StudyCommand.Best.class, StudyCommand.Export.class})
final class StudyCommand {
    static final String STUDY_NAME = "The study (its folder under --root).";

    static class Root {
        @Option(names = "--root", paramLabel = "DIR", defaultValue = "studies", description = "Folder of studies (default: ${DEFAULT-VALUE}).")
        Path root;
    }

    /** The HRSNN problem of a study, or a clear refusal (a study this version cannot evaluate). */
    static HrsnnProblem problem(Study s) {
        try {
            return HrsnnProblem.of(s.config());
        } catch (StudyException e) {
            throw new Main.BadInputException(e.getMessage());
        }
    }

    static Study open(Path root, String name) {
        try {
            return Study.open(root, name);
        } catch (StudyException e) {
            throw new Main.BadInputException(e.getMessage());
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a study from a search-space file.")
    static final class Create extends Root implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "Name of the new study (a folder under --root): 1-64 letters, digits, '.', '_' or '-'.") String name;
        @Option(names = "--space", required = true, paramLabel = "FILE", description = "Search-space file (YAML or JSON).") Path space;
        @Option(names = "--task", required = true, description = "memory-capacity, japanese-vowels, narma10, mackey-glass, lorenz or sunspots.") String task;
        @Option(names = "--objective", description = "e, e-then-task or task (default: e for memory-capacity, else e-then-task).") String objective;
        @Option(names = "--seed", defaultValue = "1", description = "Study seed (default: ${DEFAULT-VALUE}).") long seed;
        @Option(names = "--trials", defaultValue = "30", description = "Budget of finished trials (default: ${DEFAULT-VALUE}).") int trials;
        @Option(names = "--initial", defaultValue = "-1", description = "Quasi-random trials before the GP (default: 1 + dimension).") int initial;
        @Option(names = "--no-defaults", description = "Do not evaluate the space's default point first.") boolean noDefaults;

        @Override
        public Integer call() {
            Objective obj;
            try {
                obj = objective == null ? (task.equals("memory-capacity") ? Objective.E : Objective.E_THEN_TASK) : Objective.parse(objective);
            } catch (IllegalArgumentException e) {
                throw new Main.BadInputException("--objective: " + e.getMessage());
            }
            try {
                Study s = HrsnnStudies.create(root, new HrsnnStudies.Request(name, space, task, obj, seed, trials, initial, !noDefaults,
                        MemoryProtocol.DEFAULT, "hrsnn " + Main.version()));
                System.out.printf("created study '%s' in %s: %d-D space %s, task %s, objective %s, seed %d, %d trials%n", name, s.folder(),
                        s.space().dimension(), space, task, obj.label(), seed, trials);
            } catch (StudyException e) {
                throw new Main.BadInputException(e.getMessage());
            }
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs a study until its budget is reached (also after a stop or a crash).")
    static class Run extends Root implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = STUDY_NAME) String name;
        @Option(names = "--trials", description = "Change the budget of finished trials to N.") Integer trials;
        @Option(names = "--timeout", paramLabel = "D", description = "Stop starting trials after this long (ISO-8601 like PT10M, or 90s, 10m, 2h).") String timeout;
        @Option(names = "--workers", defaultValue = "1", description = "Trials evaluated in parallel threads (default: ${DEFAULT-VALUE}).") int workers;
        @Option(names = "--trial-timeout", paramLabel = "D", description = "Record a trial as failed when it takes longer than this (90s, 10m, PT5M).") String trialTimeout;

        @Override
        public Integer call() throws Exception {
            Study s = open(root, name);
            if (trials != null) {
                try {
                    s = s.withTrials(trials);
                } catch (StudyException e) {
                    throw new Main.BadInputException(e.getMessage());
                }
            }
            if (workers < 1) throw new Main.BadInputException("--workers must be >= 1, got " + workers);
            Duration d = timeout == null ? null : duration(timeout);
            long before = s.trials().stream().filter(Trial::finished).count();
            System.out.printf("study '%s': %d of %d trials finished; task %s, objective %s%n", name, before, s.config().trials(),
                    s.config().task(), s.config().objective().label());
            int n = new StudyRunner(s, problem(s), trialTimeout == null ? null : duration(trialTimeout)).run(d, workers, StudyCommand::progress);
            List<Trial> all = s.trials();
            System.out.printf("this run finished %d trial(s); %d of %d done. Results: hrsnn study status %s; designs: hrsnn study export %s%n",
                    n, all.stream().filter(Trial::finished).count(), s.config().trials(), name, name);
            return 0;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, header = "Same as run: continues a stopped or crashed study.",
            description = "Same as run: continues a stopped or crashed study; trials left running by a dead process are re-run with their parameters and seed.")
    static final class Resume extends Run {
    }

    static Duration duration(String s) {
        try {
            if (s.toUpperCase(Locale.ROOT).startsWith("P")) return Duration.parse(s);
            char unit = s.charAt(s.length() - 1);
            long v = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(v);
                case 'm' -> Duration.ofMinutes(v);
                case 'h' -> Duration.ofHours(v);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new Main.BadInputException("durations must look like 90s, 10m, 2h or PT10M, got '" + s + "'");
        }
    }

    static void progress(Trial t, List<Trial> all, int budget, double secondsPerTrial) {
        long done = all.stream().filter(Trial::finished).count();
        List<Trial> byE = Ranking.byE(all), byTask = Ranking.byTask(all);
        String best = byE.isEmpty() ? "-" : String.format("%.4g (trial %d)", byE.get(0).metric("e"), byE.get(0).number());
        String task = byTask.isEmpty() ? "" : String.format(", best %s %.4g (trial %d)", byTask.get(0).metric("accuracy") != null ? "accuracy" : "NRMSE",
                byTask.get(0).metric("accuracy") != null ? byTask.get(0).metric("accuracy") : byTask.get(0).metric("nrmse"), byTask.get(0).number());
        System.out.printf("[%d/%d] trial %d %s%s | best E %s%s | %.1f s/trial, ETA %s%n", done, budget, t.number(), t.state().name().toLowerCase(Locale.ROOT),
                summary(t), best, task, secondsPerTrial, eta((budget - done) * secondsPerTrial));
    }

    static String summary(Trial t) {
        StringBuilder b = new StringBuilder();
        if (t.metric("e") != null) b.append(String.format(" E=%.4g", t.metric("e")));
        if (t.metric("mc") != null) b.append(String.format(" MC=%.3g", t.metric("mc")))
                .append(t.metric("mcShuffled") == null ? "" : String.format(" (shuffled %.2g)", t.metric("mcShuffled")));
        if (t.metric("s") != null) b.append(String.format(" S=%.3g Hz", t.metric("s")));
        String raw = t.metric("baseline") == null ? "" : String.format(" (raw input %.4f", t.metric("baseline"))
                + (t.metric("strongBaseline") == null ? ")" : String.format(", strong %.4f)", t.metric("strongBaseline")));
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
            for (String n : Study.list(root)) {
                Study s = open(root, n);
                var t = s.trials();
                System.out.printf("%-24s %3d/%-3d finished  task %-16s objective %s%n", n, t.stream().filter(Trial::finished).count(), s.config().trials(),
                        s.config().task(), s.config().objective().label());
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Counts by state, best so far, time per trial.")
    static final class Status extends Root implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = STUDY_NAME) String name;

        @Override
        public Integer call() throws Exception {
            Study s = open(root, name);
            List<Trial> all = s.trials();
            System.out.printf("study '%s' (%s): task %s, objective %s, seed %d, budget %d%n", name, s.folder(), s.config().task(),
                    s.config().objective().label(), s.config().seed(), s.config().trials());
            for (Trial.State st : Trial.State.values()) {
                long c = all.stream().filter(t -> t.state() == st).count();
                if (c > 0) System.out.printf("  %-9s %d%n", st.name().toLowerCase(Locale.ROOT), c);
            }
            double mean = all.stream().filter(Trial::finished).mapToDouble(Trial::seconds).average().orElse(Double.NaN);
            System.out.printf("  time per trial %.1f s%n", mean);
            List<Trial> byE = Ranking.byE(all), byTask = Ranking.byTask(all);
            if (!byE.isEmpty()) System.out.println("  best by E:    trial " + byE.get(0).number() + summary(byE.get(0)));
            if (!byTask.isEmpty()) System.out.println("  best by task: trial " + byTask.get(0).number() + summary(byTask.get(0)));
            List<Trial> e = all.stream().filter(t -> t.metric("e") != null).toList();
            if (e.size() > 1) {
                double[] running = new double[e.size()];
                double best = Double.POSITIVE_INFINITY;
                for (int i = 0; i < running.length; i++) running[i] = best = Math.min(best, e.get(i).metric("e"));
                System.out.println("  best E over trials " + Sparkline.of(running).replace(" Hz)", ")"));
            }
            return 0;
        }
    }

    @Command(name = "trials", mixinStandardHelpOptions = true, description = "All trials as a table, CSV or JSON.")
    static final class Trials extends Root implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = STUDY_NAME) String name;
        @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).") String format;

        @Override
        public Integer call() throws Exception {
            Study s = open(root, name);
            List<Trial> all = s.trials();
            switch (format) {
                case "csv" -> System.out.print(StudyExport.csv(s, all));
                case "json" -> System.out.println(DesignFiles.mapper().writeValueAsString(all.stream().map(t -> Map.of("trial", t.number(),
                        "state", t.state().name().toLowerCase(Locale.ROOT), "seed", t.seed(), "params", t.params(), "metrics", t.metrics(),
                        "reason", String.valueOf(t.reason()), "seconds", t.seconds())).toList()));
                case "table" -> {
                    System.out.printf("%5s %-9s %10s %8s %8s %10s %8s  %s%n", "trial", "state", "E", "MC", "S Hz", "task", "seconds", "reason");
                    for (Trial t : all) {
                        Double task = t.metric("accuracy") != null ? t.metric("accuracy") : t.metric("nrmse");
                        System.out.printf("%5d %-9s %10s %8s %8s %10s %8.1f  %s%n", t.number(), t.state().name().toLowerCase(Locale.ROOT),
                                f(t.metric("e")), f(t.metric("mc")), f(t.metric("s")), f(task), t.seconds(), t.reason() == null ? "" : t.reason());
                    }
                }
                default -> throw new Main.BadInputException("--format must be table, csv or json, got '" + format + "'");
            }
            return 0;
        }
    }

    static String f(Double v) {
        return v == null ? "-" : String.format("%.4g", v);
    }

    @Command(name = "best", mixinStandardHelpOptions = true, description = "The best trials by E (then task), by the task, and the Pareto set.")
    static final class Best extends Root implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = STUDY_NAME) String name;
        @Option(names = "--top", defaultValue = "5", description = "How many (default: ${DEFAULT-VALUE}).") int top;

        @Override
        public Integer call() throws Exception {
            List<Trial> all = open(root, name).trials();
            print("by E, then task", Ranking.byE(all), top);
            print("by task metric", Ranking.byTask(all), top);
            print("Pareto set of (E, task metric)", Ranking.pareto(all), Integer.MAX_VALUE);
            return 0;
        }

        private static void print(String title, List<Trial> ts, int limit) {
            System.out.println(title + ":");
            ts.stream().limit(limit).forEach(t -> System.out.println("  trial " + t.number() + summary(t)));
            if (ts.isEmpty()) System.out.println("  (none)");
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

        @Override
        public Integer call() throws Exception {
            Study s = open(root, name);
            Path dir = out != null ? out : s.folder().resolve("export");
            var byNumber = new java.util.HashMap<Integer, Trial>();
            s.trials().forEach(t -> byNumber.put(t.number(), t));
            problem(s); // refuses a study this version cannot rebuild designs for
            for (Path f : StudyExport.export(s, dir, top, "hrsnn " + Main.version())) {
                int n = Integer.parseInt(f.getFileName().toString().replaceAll("\\D", ""));
                System.out.println("wrote " + f + summary(byNumber.get(n)));
            }
            System.out.println("wrote " + dir.resolve("trials.csv") + " (" + byNumber.size() + " trials)");
            System.out.println("re-evaluate one with: hrsnn evaluate --design FILE --task " + s.config().task());
            return 0;
        }
    }
}
