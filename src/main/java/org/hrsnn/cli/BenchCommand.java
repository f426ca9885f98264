package org.hrsnn.cli;

import org.hrsnn.bench.SimulationBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (speed and memory).",
        subcommands = {BenchCommand.Simulate.class})
final class BenchCommand {

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = {"Times the reference network (1,000 LIF neurons, 800 E / 200 I, p = 0.1, ~100,000 synapses,",
                    "1 ms delays, dt = 0.1 ms, ~15 Hz) on one thread, without and with STDP."})
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
            for (boolean stdp : new boolean[] {false, true})
                System.out.print(SimulationBenchmark.format(SimulationBenchmark.measure(stdp, seconds, repeats, seed)));
            return 0;
        }
    }
}
