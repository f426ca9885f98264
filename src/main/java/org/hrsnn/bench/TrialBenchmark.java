package org.hrsnn.bench;

import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.Population;
import org.hrsnn.score.MemoryEvaluation;
import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.score.TrialEvaluator;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Time per trial: the memory stage (build, STDP training, measurement run, readouts) and the
 * JapaneseVowels task stage of a design resized to each size (80:20), under the default protocol; and the
 * memory a trial takes: the peak heap of the trial (the heap pools' peak usage, reset after a full GC before the
 * trial, less the heap in use then) beside the network's estimate ({@link org.hrsnn.sim.MemoryEstimate}).
 */
public final class TrialBenchmark {
    private TrialBenchmark() {}

    /**
     * @param threads per trial: 2 or more runs the task stage beside the memory stage ({@link TrialEvaluator#taskAhead}),
     *                so the total is the wall time of both; a list times each setting in turn, size by size
     */
    public static void run(NetworkSpec template, int[] sizes, int repeats, boolean task, int[] threads, PrintStream out) throws IOException {
        var evaluator = new TrialEvaluator("japanese-vowels");
        var pool = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-task-stage");
            t.setDaemon(true);
            return t;
        });
        out.printf("%8s %7s %4s %8s %8s %8s %8s %8s %8s %8s %9s %9s%n", "neurons", "threads", "run", "build", "STDP", "measure", "readout", "memory", "task",
                "total", "peak MiB", "net MiB");
        for (int n : sizes) {
            int nE = Math.round(0.8f * n);
            NetworkSpec spec = new NetworkSpec(new Population(nE, template.excitatory().neuron()), new Population(n - nE, template.inhibitory().neuron()),
                    template.recurrent(), template.input(), template.stdp(), template.dt());
            double estimate = org.hrsnn.sim.MemoryEstimate.of(spec).bytes() / (1 << 20);
            for (int r = 0; r < repeats; r++)
                for (int k : threads) {
                    long before = heapBeforeTrial();
                    long t0 = System.nanoTime();
                    var ahead = task && k > 1 ? evaluator.taskAhead(spec, 1 + r, MemoryProtocol.DEFAULT, pool) : null;
                    MemoryEvaluation.Result m = MemoryEvaluation.evaluate(spec, 1 + r, MemoryProtocol.DEFAULT);
                    double memory = (System.nanoTime() - t0) / 1e9;
                    double taskSeconds = !task ? 0 : ahead != null ? ahead.get().seconds() : evaluator.task(spec, 1 + r).seconds();
                    double total = (System.nanoTime() - t0) / 1e9;
                    var t = m.timings();
                    double peak = (peakHeap() - before) / (double) (1 << 20);
                    out.printf("%8d %7d %4d %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %9.0f %9.0f%n", n, k, r + 1, t.build(), t.training(), t.run(), t.readout(), memory,
                            taskSeconds, total, peak, estimate);
                }
        }
    }

    /** The heap in use after a full collection; resets the pools' peaks so that {@link #peakHeap} sees only what follows. */
    static long heapBeforeTrial() {
        System.gc();
        var pools = java.lang.management.ManagementFactory.getMemoryPoolMXBeans();
        long used = 0;
        for (var p : pools)
            if (p.getType() == java.lang.management.MemoryType.HEAP) {
                used += p.getUsage().getUsed();
                p.resetPeakUsage();
            }
        return used;
    }

    /** The sum of the heap pools' peak usage since the last reset (an upper bound of the peak heap: pools peak at different times). */
    static long peakHeap() {
        long peak = 0;
        for (var p : java.lang.management.ManagementFactory.getMemoryPoolMXBeans())
            if (p.getType() == java.lang.management.MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        return peak;
    }
}
