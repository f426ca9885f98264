package org.hrsnn.bench;

import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.Noise;
import org.hrsnn.model.ReferenceNetworks;
import org.hrsnn.sim.Network;
import org.hrsnn.sim.PopulationRate;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;

import java.util.List;

/**
 * Times the reference network (see {@link ReferenceNetworks#benchmark(boolean)}) on one thread: build time,
 * then {@code repeats} runs of {@code seconds} of biological time, each on a freshly built network with
 * seed = base seed + repeat. The first run includes JIT warm-up; the median of the rest is the figure to
 * compare.
 */
public final class SimulationBenchmark {
    /** One timed run. */
    /**
     * What is timed: no STDP, homogeneous STDP (shared traces), heterogeneous STDP (per-synapse traces), and
     * no STDP with Gaussian background noise (sigma 2 mV on every neuron, the cost of one normal draw per
     * neuron and step).
     */
    public enum Variant {
        STATIC("STDP off"), STDP("STDP on (homogeneous)"), HETEROGENEOUS_STDP("STDP on (heterogeneous A and tau)"),
        GAUSSIAN_NOISE("STDP off, Gaussian noise (sigma 2 mV)");

        final String label;

        Variant(String label) { this.label = label; }

        NetworkSpec spec() {
            return switch (this) {
                case STATIC -> ReferenceNetworks.benchmark(false);
                case STDP -> ReferenceNetworks.benchmark(true);
                case HETEROGENEOUS_STDP -> ReferenceNetworks.benchmarkHeterogeneousStdp();
                case GAUSSIAN_NOISE -> ReferenceNetworks.benchmark(false).withNoise(new Noise.Gaussian(2), new Noise.Gaussian(2));
            };
        }
    }

    public record Run(Variant variant, int repeat, double buildSeconds, double wallSeconds, double biologicalSeconds,
                      long synapticEvents, double meanRate, int synapses) {
        public double realtimeFactor() { return biologicalSeconds / wallSeconds; }
        public double eventsPerSecond() { return synapticEvents / wallSeconds; }
    }

    /** Summary of the runs of one configuration. */
    public record Summary(Variant variant, List<Run> runs, long peakHeapBytes) {
        public Run first() { return runs.get(0); }

        /** Fastest run after the first: the least disturbed figure on a shared machine. */
        public double minWallSeconds() {
            return runs.stream().skip(runs.size() > 1 ? 1 : 0).mapToDouble(Run::wallSeconds).min().orElse(Double.NaN);
        }

        /** Median wall time of the runs after the first (all runs if there is only one). */
        public double medianWallSeconds() {
            double[] w = runs.stream().skip(runs.size() > 1 ? 1 : 0).mapToDouble(Run::wallSeconds).sorted().toArray();
            return w.length % 2 == 1 ? w[w.length / 2] : (w[w.length / 2 - 1] + w[w.length / 2]) / 2;
        }
    }

    private SimulationBenchmark() {}

    public static Summary measure(Variant variant, double seconds, int repeats, long seed) {
        NetworkSpec spec = variant.spec();
        int steps = (int) Math.round(seconds * 1000 / spec.dt());
        resetPeaks();
        List<Run> runs = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            Network net = Network.instantiate(spec, seed + r);
            long t1 = System.nanoTime();
            PopulationRate rate = new PopulationRate(100);
            net.run(steps, rate);
            long t2 = System.nanoTime();
            runs.add(new Run(variant, r, (t1 - t0) / 1e9, (t2 - t1) / 1e9, seconds, net.synapticEvents(), rate.meanRate(), net.synapseCount()));
        }
        return new Summary(variant, runs, peakHeap());
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
    }

    /** Sum over heap pools of their peak usage since the last reset (an upper bound of the true peak). */
    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    public static String format(Summary s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%s: %d synapses%n", s.variant().label, s.first().synapses()));
        out.append(String.format("  %-6s %8s %8s %10s %14s %9s%n", "run", "build s", "wall s", "sim s/s", "syn. events/s", "rate Hz"));
        for (Run r : s.runs())
            out.append(String.format("  %-6d %8.3f %8.3f %10.2f %14.3e %9.2f%n", r.repeat(), r.buildSeconds(), r.wallSeconds(),
                    r.realtimeFactor(), r.eventsPerSecond(), r.meanRate()));
        out.append(String.format("  runs after the first: min wall %.3f s, median wall %.3f s; peak heap %.1f MiB%n",
                s.minWallSeconds(), s.medianWallSeconds(), s.peakHeapBytes() / (1024.0 * 1024.0)));
        return out.toString();
    }

}
