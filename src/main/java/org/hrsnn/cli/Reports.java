package org.hrsnn.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.score.MemoryEvaluation;
import org.hrsnn.score.TrialEvaluator;

/** How evaluation results are printed and written as JSON, shared by evaluate and study. */
final class Reports {
    private Reports() {}

    static void putMemory(ObjectNode o, MemoryEvaluation.Result r) {
        var t = r.timings();
        o.put("spikingActivityHz", r.activity().meanRate());
        if (!r.runaway()) o.put("silentFraction", r.activity().silentFraction()).put("maxRateHz", r.activity().maxRate());
        if (r.memory() != null) {
            o.put("memoryCapacity", r.memory().total()).put("currentInputR2", r.memory().current());
            var curve = o.putArray("memoryCurve");
            for (double v : r.memory().curve()) curve.add(v);
        }
        if (r.controls() != null)
            o.putObject("memoryControls").put("shuffledInput", r.controls().shuffled()).put("inputOnly", r.controls().inputOnly());
        if (r.failed()) o.put("failure", r.failure());
        else o.put("e", r.e());
        o.putObject("memorySeconds").put("build", t.build()).put("training", t.training()).put("run", t.run()).put("readout", t.readout());
    }

    static void putTask(ObjectNode o, TrialEvaluator.TaskScore s) {
        String m = Character.toUpperCase(s.metric().charAt(0)) + s.metric().substring(1);
        o.put(s.metric(), s.value()).put("baseline" + m, s.baseline()).put("strongBaseline" + m, s.strongBaseline())
                .put("taskSpikingActivityHz", s.activity().meanRate()).put("taskSilentFraction", s.activity().silentFraction())
                .put("taskSeconds", s.seconds());
        if (!Double.isNaN(s.stacked().value())) // too few training samples to cross-fit: left out rather than NaN
            o.put("stacked" + m, s.stacked().value()).put("stackedNull" + m, s.stacked().nullValue()).put("stackedFirstStage", s.stacked().firstStage());
    }

    static void printMemory(MemoryEvaluation.Result r) {
        var t = r.timings();
        if (r.runaway()) System.out.printf("S  = %.3f Hz up to where the ceiling stopped the run%n", r.activity().meanRate());
        else System.out.printf("S  = %.3f Hz (silent %.1f%%, max %.1f Hz)%n", r.activity().meanRate(), 100 * r.activity().silentFraction(), r.activity().maxRate());
        if (r.memory() != null) {
            System.out.printf("MC = %.3f   controls: input shuffled in time %.3f, the input alone %.3f (both should be ~0); current input r^2 %.3f%n",
                    r.memory().total(), r.controls().shuffled(), r.controls().inputOnly(), r.memory().current());
            double[] c = r.memory().curve();
            System.out.println("r_k^2, k = 1.." + c.length + "  " + Sparkline.of(c).replace(" Hz)", ")"));
        }
        if (r.failed()) System.out.println("failed: " + r.failure());
        else System.out.printf("E  = S / MC = %.4f%n", r.e());
        System.out.printf("memory stage: build %.2f s, STDP training %.2f s, evaluation run %.2f s, readouts %.2f s%n",
                t.build(), t.training(), t.run(), t.readout());
    }

    static void printTask(TrialEvaluator.TaskScore s) {
        if (s.higherIsBetter())
            System.out.printf("test accuracy %.2f%%   baselines, the same readout on the raw input: at the network's moments %.2f%%, at every time step %.2f%%%n",
                    100 * s.value(), 100 * s.baseline(), 100 * s.strongBaseline());
        else
            System.out.printf("NRMSE %.4f on the held-out segment   baselines, the same readout on raw inputs: last 10 %.4f, best tapped delay line %.4f%n",
                    s.value(), s.baseline(), s.strongBaseline());
        if (!Double.isNaN(s.stacked().value()))
            System.out.printf(s.higherIsBetter()
                            ? "what the network adds: the %s, then the network for its residual %.2f%% (null, the network's rows shuffled: %.2f%%)%n"
                            : "what the network adds: the %s, then the network for its residual %.4f (null, the network's rows shuffled: %.4f)%n",
                    s.stacked().firstStage(), (s.higherIsBetter() ? 100 : 1) * s.stacked().value(), (s.higherIsBetter() ? 100 : 1) * s.stacked().nullValue());
        System.out.printf("task stage: S = %.3f Hz (silent %.1f%%); STDP pass, runs and readout %.1f s%n", s.activity().meanRate(),
                100 * s.activity().silentFraction(), s.seconds());
    }
}
