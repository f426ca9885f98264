package org.hrsnn.cli;

import org.hrsnn.bench.SimulationBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (speed and memory).",
        subcommands = {BenchCommand.Simulate.class, BenchCommand.Optimizer.class, BenchCommand.Readout.class, BenchCommand.Trial.class, BenchCommand.Workers.class})
final class BenchCommand {

    @Command(name = "workers", mixinStandardHelpOptions = true,
            header = "Times 1 against several workers on one study whose objective sleeps.",
            description = "For each seed, a study of a reference problem whose evaluation sleeps --sleep seconds is run to --trials finished trials "
                    + "by 1 worker and by --workers workers (threads sharing the storage); prints both wall times, their ratio, the simple regret "
                    + "after the budget of each, and the time a worker took to get a trial (snapshot, GP proposal, claim).")
    static final class Workers implements Callable<Integer> {
        @Option(names = "--problem", defaultValue = "branin", description = "Reference problem (as for bench optimizer; default: ${DEFAULT-VALUE}).") String problem;
        @Option(names = "--trials", defaultValue = "40", description = "Budget of each study (default: ${DEFAULT-VALUE}).") int trials;
        @Option(names = "--workers", defaultValue = "4", description = "Workers of the parallel run (default: ${DEFAULT-VALUE}).") int workers;
        @Option(names = "--sleep", defaultValue = "1", description = "Seconds each evaluation sleeps (default: ${DEFAULT-VALUE}).") double sleep;
        @Option(names = "--seeds", defaultValue = "3", description = "Seeds, each run sequentially and in parallel (default: ${DEFAULT-VALUE}).") int seeds;
        @Option(names = "--storage", paramLabel = "URL", description = "Storage of the studies (default: a temporary journal folder, deleted after).") String storage;

        @Override
        public Integer call() throws Exception {
            if (trials < 1 || trials > 100_000) throw new Main.BadInputException("--trials must be from 1 to 100000, got " + trials);
            if (workers < 1 || workers > 256) throw new Main.BadInputException("--workers must be from 1 to 256, got " + workers);
            if (!(sleep >= 0 && sleep <= 3600)) throw new Main.BadInputException("--sleep must be from 0 to 3600 seconds, got " + sleep);
            if (seeds < 1) throw new Main.BadInputException("--seeds must be >= 1, got " + seeds);
            org.hrsnn.opt.ReferenceProblem p;
            try {
                p = org.hrsnn.opt.ReferenceProblem.named(problem.trim());
            } catch (IllegalArgumentException e) {
                throw new Main.BadInputException("--problem: " + e.getMessage());
            }
            org.hrsnn.study.StorageUrl url = storage == null ? null : StudyCommand.url(storage, null);
            System.out.printf("hrsnn %s, Java %s, %d cores%n", Main.version(), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            org.hrsnn.bench.WorkerBenchmark.run(p, url, trials, workers, sleep, seeds, System.out);
            return 0;
        }
    }

    @Command(name = "trial", mixinStandardHelpOptions = true,
            header = "Times whole trials at each network size.",
            description = "Times whole trials: the memory stage (build, STDP training, measurement, readouts) under the default protocol "
                    + "and the JapaneseVowels task stage, for a design resized to each size (default: the shipped reservoir template).")
    static final class Trial implements Callable<Integer> {
        @Option(names = "--design", paramLabel = "FILE", defaultValue = "search-spaces/designs/reservoir.json",
                description = "Design to resize (default: ${DEFAULT-VALUE}).")
        java.nio.file.Path design;

        @Option(names = "--sizes", split = ",", defaultValue = "200,1000", description = "Network sizes (default: ${DEFAULT-VALUE}).")
        int[] sizes;

        @Option(names = "--repeats", defaultValue = "2", description = "Runs per size (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--no-task", description = "Time the memory stage only.")
        boolean noTask;

        @Option(names = "--trial-threads", split = ",", paramLabel = "N", defaultValue = "1",
                description = "Threads per trial, or a list timed in turn (1,2): with 2 the task stage runs beside the memory stage (default: ${DEFAULT-VALUE}).")
        int[] threads;

        @Override
        public Integer call() throws Exception {
            org.hrsnn.model.NetworkSpec spec;
            try {
                spec = org.hrsnn.export.DesignFiles.read(Main.shipped(design)).network();
            } catch (org.hrsnn.export.DesignFormatException e) {
                throw new Main.BadInputException(e.getMessage());
            }
            for (int n : sizes) if (n < 2) throw new Main.BadInputException("--sizes must be >= 2, got " + n);
            for (int k : threads) if (k < 1 || k > 256) throw new Main.BadInputException("--trial-threads must be from 1 to 256, got " + k);
            org.hrsnn.bench.TrialBenchmark.run(spec, sizes, Math.max(1, repeats), !noTask, threads, System.out);
            return 0;
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            header = "Times the 1000-neuron reference network without and with STDP, and with background noise.",
            description = "The reference network has 1000 LIF neurons (800 E / 200 I), connection probability 0.1 "
                    + "(about 100 thousand synapses), 1 ms delays, dt = 0.1 ms and fires at about 15 Hz. It is run on one thread "
                    + "without STDP, with homogeneous STDP, with heterogeneous STDP (per-synapse A and tau), and without STDP "
                    + "but with Gaussian background noise (sigma 2 mV).")
    static final class Simulate implements Callable<Integer> {
        @Option(names = "--seconds", defaultValue = "1", description = "Biological seconds per run (default: ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--repeats", defaultValue = "7", description = "Runs per configuration; the first is JIT warm-up (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the first run; run r uses seed + r (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            if (!(seconds > 0)) throw new Main.BadInputException("--seconds must be > 0, got " + seconds);
            if (repeats < 1) throw new Main.BadInputException("--repeats must be >= 1, got " + repeats);
            System.out.printf("hrsnn %s, Java %s, %d cores available (the simulation uses one)%n", Main.version(),
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            for (SimulationBenchmark.Variant v : SimulationBenchmark.Variant.values())
                System.out.print(SimulationBenchmark.format(SimulationBenchmark.measure(v, seconds, repeats, seed)));
            return 0;
        }
    }

    @Command(name = "optimizer", mixinStandardHelpOptions = true,
            header = "Compares GP-BO with Sobol and random search on reference problems.",
            description = "Sample efficiency of GP-BO against Sobol and random search on reference problems with known "
                    + "minima (log10 simple regret), and GP-BO's time per proposal at 50, 200 and 500 observations on Hartmann-6 "
                    + "and on Hartmann-6 embedded in 32 dimensions.")
    static final class Optimizer implements Callable<Integer> {
        @Option(names = "--problems", split = ",", defaultValue = "branin,hartmann6,ackley5,rosenbrock4,levy10,hartmann6-noisy",
                description = "Comma-separated problems (default: ${DEFAULT-VALUE}).")
        java.util.List<String> problems;

        @Option(names = "--methods", split = ",", defaultValue = "gp,sobol,random", description = "Methods: gp, gp-global, gp-reflect, gp-local, gp-noise, gp-tr-noise, gp-trmix, sobol, random, gp:K (GP-BO with K initial Sobol points), gp-tr-ts, gp-tr-ei, gp-tr-stallK, gp-tr-mean and combinations (trust-region variants) (default: ${DEFAULT-VALUE}).")
        java.util.List<String> methods;

        @Option(names = "--seeds", defaultValue = "20", description = "Seeds per problem and method (default: ${DEFAULT-VALUE}).")
        int seeds;

        @Option(names = "--budgets", split = ",", defaultValue = "50,100", description = "Budgets to report (default: ${DEFAULT-VALUE}).")
        int[] budgets;

        @Option(names = "--pareto", split = ",", paramLabel = "P",
                description = "Two-objective problems (zdt1-D, zdt2-D, dtlz2s-D: DTLZ2 with its front inside the cube) to run ParEGO, NSGA-II (Jenetics) and random search on, "
                        + "reported as hypervolume gaps, instead of the single-objective problems.")
        java.util.List<String> pareto;

        @Option(names = "--timing-proposals", defaultValue = "5",
                description = "Proposals timed after the first at each observation count (default: ${DEFAULT-VALUE}).")
        int warm;

        @Option(names = "--timing", defaultValue = "50,200,500",
                description = "Comma-separated observation counts for the time per proposal, or 'none' (default: ${DEFAULT-VALUE}).")
        String timing;

        @Override
        public Integer call() {
            if (warm < 0) throw new Main.BadInputException("--timing-proposals must be >= 0, got " + warm);
            if (seeds < 1) throw new Main.BadInputException("--seeds must be >= 1, got " + seeds);
            for (int b : budgets) if (b < 1) throw new Main.BadInputException("--budgets must be >= 1, got " + b);
            if (pareto != null) {
                var two = new java.util.ArrayList<org.hrsnn.opt.moo.BiObjectiveProblem>();
                for (String name : pareto) {
                    try {
                        two.add(org.hrsnn.opt.moo.BiObjectiveProblem.named(name.trim()));
                    } catch (IllegalArgumentException e) {
                        throw new Main.BadInputException("--pareto: " + e.getMessage());
                    }
                }
                System.out.printf("hrsnn %s, Java %s, %d cores%n", Main.version(), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
                try (WorkProgress progress = WorkProgress.of("bench optimizer --pareto", "runs")) {
                    org.hrsnn.bench.OptimizerBenchmark.runPareto(two, seeds, budgets, System.out, progress);
                }
                return 0;
            }
            var ps = new java.util.ArrayList<org.hrsnn.opt.ReferenceProblem>();
            for (String name : problems) {
                try {
                    ps.add(org.hrsnn.opt.ReferenceProblem.named(name.trim()));
                } catch (IllegalArgumentException e) {
                    throw new Main.BadInputException("--problems: " + e.getMessage());
                }
            }
            for (String m : methods)
                if (!m.matches("gp|gp-global|gp-reflect|gp-local|gp-noise|gp-tr-noise|gp-trmix|sobol|random|gp:\\d{1,4}|gp-tr(-(ts|ei|stall\\d|mean))+"))
                    throw new Main.BadInputException("--methods: unknown method " + m + "; known: gp (within TuRBO's trust region, the default), gp-global (the whole cube, the previous default), gp-reflect (mutation reflected off the cube's faces), gp-local (proposals within 0.2 of the best point), gp-noise (with noise: posterior-mean incumbent and augmented EI, whole cube), gp-tr-noise (the same within the trust region), gp-trmix (every 4th proposal global), sobol, random, gp:K (K initial points), gp-tr-ts (Thompson sampling in the trust region at any dimension), gp-tr-ei (log EI in the trust region at any dimension), gp-tr-stallK (a global proposal and a new region after K halvings), gp-tr-mean (with noise: improvements on the posterior mean), and their combinations such as gp-tr-ts-stall2");
            System.out.printf("hrsnn %s, Java %s, %d cores%n", Main.version(), System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            try (WorkProgress progress = WorkProgress.of("bench optimizer", "runs")) {
                org.hrsnn.bench.OptimizerBenchmark.run(ps, seeds, budgets, methods, System.out, progress);
            }
            int[] counts;
            try {
                counts = timing.equals("none") ? new int[0] : java.util.Arrays.stream(timing.split(",")).mapToInt(t -> Integer.parseInt(t.trim())).toArray();
            } catch (NumberFormatException e) {
                throw new Main.BadInputException("--timing must be 'none' or whole numbers separated by commas, got '" + timing + "'");
            }
            var timed = java.util.List.of(org.hrsnn.opt.ReferenceProblem.hartmann6(),
                    org.hrsnn.opt.ReferenceProblem.embedded(org.hrsnn.opt.ReferenceProblem.hartmann6(), 32));
            if (counts.length > 0)
                System.out.printf("GP-BO seconds per proposal with n Sobol observations: the first with a fresh sampler (a refit),%n"
                        + "then the median of the next %d as a running study makes them; wall time and CPU time (all threads)%n", warm);
            for (var p : timed)
                for (int n : counts) {
                    var t = org.hrsnn.bench.OptimizerBenchmark.proposalTime(p, n, warm);
                    System.out.printf("%-18s n %5d: first %7.2f s (cpu %7.2f s), next %7.2f s (cpu %7.2f s)%n", p.name(), n, t.cold(),
                            t.coldCpu(), t.warm(), t.warmCpu());
                }
            return 0;
        }
    }

    @Command(name = "readout", mixinStandardHelpOptions = true,
            header = "Times the ridge readout: the tridiagonal path and the previous eigenvector path side by side.",
            description = "Builds the readout on a random design, then runs GCV fits of several targets as memory capacity does, "
                    + "for the current tridiagonal path and the previous eigenvector path, side by side.")
    static final class Readout implements Callable<Integer> {
        @Option(names = "--rows", defaultValue = "1200", description = "Training rows (default: ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--features", split = ",", defaultValue = "200,1000,2000,4000",
                description = "Comma-separated feature counts (default: ${DEFAULT-VALUE}).")
        int[] features;

        @Option(names = "--targets", defaultValue = "60", description = "Targets fitted per readout (default: ${DEFAULT-VALUE}).")
        int targets;

        @Option(names = "--repeats", defaultValue = "3", description = "Timed runs per path and feature count (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the random data (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            if (rows < 3) throw new Main.BadInputException("--rows must be >= 3, got " + rows);
            for (int p : features) if (p < 1) throw new Main.BadInputException("--features must be >= 1, got " + p);
            if (targets < 1) throw new Main.BadInputException("--targets must be >= 1, got " + targets);
            if (repeats < 1) throw new Main.BadInputException("--repeats must be >= 1, got " + repeats);
            System.out.printf("hrsnn %s, Java %s, %d cores available (the readout uses one)%n", Main.version(),
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            var result = org.hrsnn.bench.ReadoutBenchmark.measure(rows, features, targets, repeats, seed, System.out);
            System.out.print(org.hrsnn.bench.ReadoutBenchmark.format(result, rows, targets));
            return 0;
        }
    }
}
