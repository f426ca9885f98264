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
 * JapaneseVowels task stage of a design resized to each size (80:20), under the default protocol.
 */
public final class TrialBenchmark {
    private TrialBenchmark() {}

    public static void run(NetworkSpec template, int[] sizes, int repeats, boolean task, PrintStream out) throws IOException {
        var evaluator = new TrialEvaluator("japanese-vowels");
        out.printf("%8s %4s %8s %8s %8s %8s %8s %8s %8s%n", "neurons", "run", "build", "STDP", "measure", "readout", "memory", "task", "total");
        for (int n : sizes) {
            int nE = Math.round(0.8f * n);
            NetworkSpec spec = new NetworkSpec(new Population(nE, template.excitatory().neuron()), new Population(n - nE, template.inhibitory().neuron()),
                    template.recurrent(), template.input(), template.stdp(), template.dt());
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                MemoryEvaluation.Result m = MemoryEvaluation.evaluate(spec, 1 + r, MemoryProtocol.DEFAULT);
                double memory = (System.nanoTime() - t0) / 1e9;
                double taskSeconds = task ? evaluator.task(spec, 1 + r).seconds() : 0;
                var t = m.timings();
                out.printf("%8d %4d %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f%n", n, r + 1, t.build(), t.training(), t.run(), t.readout(), memory,
                        taskSeconds, memory + taskSeconds);
            }
        }
    }
}
