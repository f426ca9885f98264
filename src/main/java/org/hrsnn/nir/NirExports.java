package org.hrsnn.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.hrsnn.model.Encoding;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.score.MemoryEvaluation;
import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.score.TrialEvaluator;
import org.hrsnn.sim.Monitor;
import org.hrsnn.sim.Network;
import org.hrsnn.sim.NetworkView;
import org.hrsnn.sim.Stimulus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Exports a design as NIR: builds the network from the design and seed, runs the task's STDP phase
 * ({@link TrialEvaluator#trainedNetwork}), freezes it and maps it ({@link NirExport}). Optionally writes the
 * data of an independent check beside it ({@link #writeCheckData}).
 */
public final class NirExports {
    private NirExports() {}

    /** The trained network and its graph. */
    public record Result(Network network, NirExport.Exported exported) {}

    public static Result export(NetworkSpec design, long seed, TrialEvaluator task, MemoryProtocol protocol, Map<String, String> provenance)
            throws IOException {
        var prov = new java.util.LinkedHashMap<String, String>(provenance);
        prov.putIfAbsent("task", task.task());
        if (!task.hasTaskStage()) {
            Network net = task.trainedNetwork(design, seed, protocol);
            return new Result(net, NirExport.graph(net.arrays(), net.spec(), seed, prov, null));
        }
        org.hrsnn.score.TaskReadout readout = task.trainedReadout(design, seed, protocol);
        Network net = readout.network();
        return new Result(net, NirExport.graph(net.arrays(), net.spec(), seed, prov, readout));
    }

    /** Milliseconds of memory-task input in the check data. */
    public static final double CHECK_MS = 1000;

    /**
     * The data of the independent check (bench/nir_check.py), as HDF5: {@code dt} (ms), {@code u} (steps x
     * channels: the memory task's evaluation input on channel 0, each value held for the protocol's window,
     * {@link #CHECK_MS} ms of it), {@code counts} (per-neuron spike counts of the exported network over that
     * input, from rest, with refractory periods, adaptation and noise switched off: the network the graph
     * describes) and {@code counts_full} (the same with everything on, for reference). The network is
     * changed (features switched off); export its graph first. Analog input only: a spike encoder's lines
     * are not reproduced here.
     */
    public static Checked writeCheckData(Path file, Network net, long seed, MemoryProtocol protocol) throws IOException {
        return writeCheckData(file, net, seed, protocol, Double.NaN);
    }

    /** The step of the second reference in the check data: the 0.1 ms. */
    public static final double OTHER_DT = 0.1;

    /**
     * As {@link #writeCheckData(Path, Network, long, MemoryProtocol)}, and, when {@code otherDt} is a step other
     * than the network's, also {@code other_dt} and {@code other_counts}: the same graph (the trained weights
     * adopted by a network of the same design and seed built at {@code otherDt}, {@link Network#adoptWeights})
     * simulated by hrsnn at that step, so that a simulator of the graph at that step can be checked neuron for
     * neuron too. When the graph cannot be held at that step (a delay that is not a whole number of its
     * steps) the reason is returned instead and those datasets are left out.
     */
    public static Checked writeCheckData(Path file, Network net, long seed, MemoryProtocol protocol, double otherDt) throws IOException {
        NetworkSpec spec = net.spec();
        long[] otherCounts = null;
        String otherProblem = null;
        if (otherDt > 0 && otherDt != spec.dt() && spec.input().encoding() instanceof Encoding.Analog) {
            try {
                Network other = Network.instantiate(spec.withDt(otherDt), seed);
                other.adoptWeights(net.arrays());
                other.setPlastic(false);
                other.removeRefractoryAdaptationAndNoise();
                other.reset();
                Counts c = new Counts(other.size());
                other.run(stimulus(other.spec(), seed, protocol), c);
                otherCounts = c.counts;
            } catch (IllegalArgumentException e) {
                otherProblem = "no reference at " + otherDt + " ms: " + e.getMessage();
            }
        }
        if (!(spec.input().encoding() instanceof Encoding.Analog))
            throw new IllegalArgumentException("check data need analog input; this design's input is " + spec.input().encoding());
        Stimulus stimulus = stimulus(spec, seed, protocol);
        double[][] u = stimulus.values();
        int steps = u.length;
        net.setPlastic(false);
        net.reset();
        Counts full = new Counts(net.size());
        net.run(stimulus, full);
        net.removeRefractoryAdaptationAndNoise();
        net.reset();
        Counts plain = new Counts(net.size());
        net.run(stimulus, plain);
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                f.putDataset("dt", spec.dt());
                f.putDataset("u", u);
                f.putDataset("counts", plain.counts);
                f.putDataset("counts_full", full.counts);
                f.putDataset("excitatory", (long) net.excitatorySize());
                if (otherCounts != null) {
                    f.putDataset("other_dt", otherDt);
                    f.putDataset("other_counts", otherCounts);
                }
            }
            org.hrsnn.export.FilePermissions.asNewFile(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Checked(plain.counts, full.counts, steps, otherCounts == null ? Double.NaN : otherDt, otherCounts, otherProblem);
    }

    /** {@link #CHECK_MS} of the memory task's evaluation input on channel 0, each value held for the protocol's window, one row per step. */
    private static Stimulus stimulus(NetworkSpec spec, long seed, MemoryProtocol protocol) {
        int hold = MemoryEvaluation.holdSteps(spec, protocol);
        int steps = (int) Math.round(CHECK_MS / spec.dt());
        double[] inputs = MemoryEvaluation.evaluationInputs(seed, protocol);
        double[][] u = new double[steps][spec.input().channels()];
        for (int k = 0; k < steps; k++) u[k][0] = inputs[(k / hold) % inputs.length];
        return new Stimulus(u, 1);
    }

    /**
     * @param otherDt      the step of {@code otherCounts} (NaN when there are none)
     * @param otherProblem why there is no reference at the other step, or null
     */
    public record Checked(long[] counts, long[] countsFull, int steps, double otherDt, long[] otherCounts, String otherProblem) {}

    /** Per-neuron spike counts. */
    private static final class Counts implements Monitor {
        final long[] counts;

        Counts(int n) {
            counts = new long[n];
        }

        @Override
        public void afterStep(NetworkView net, int step) {
            for (int k = 0; k < net.spikeCount(); k++) counts[net.spike(k)]++;
        }
    }
}
