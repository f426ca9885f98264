package org.hrsnn.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.export.DesignFiles;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.report.ActivityRun;
import org.hrsnn.sim.Network;
import org.hrsnn.sim.PopulationRate;
import org.hrsnn.sim.SpikeRaster;
import org.hrsnn.sim.Stimulus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        header = "Builds a network from a design and a seed, runs it and prints its activity.",
        description = "Networks with input channels are driven by a test signal (a sum of slow sines, scaled to the encoding).")
final class SimulateCommand implements Callable<Integer> {
    @Mixin
    DesignSource design;

    @Option(names = "--seed", description = "Instantiation seed (default: the design's seed, else 1).")
    Long seed;

    @Option(names = "--duration", paramLabel = "MS", defaultValue = "1000", description = "Biological time, ms (default: ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--no-stdp", description = "Freeze the weights (plasticity off).")
    boolean noStdp;

    @Option(names = "--raster", paramLabel = "FILE", description = "Write the spike raster as CSV (time_ms,neuron).")
    Path raster;

    @Option(names = "--plot", paramLabel = "FILE", description = "Draw the spike raster and the E and I population rates as a PNG image.")
    Path plot;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    /** Longest run: 10 million steps (1,000 s at dt = 0.1 ms, an hour or more of computing for 1,000 neurons). */
    static final long MAX_STEPS = 10_000_000;

    @Override
    public Integer call() throws Exception {
        if (!(duration > 0)) throw new Main.BadInputException("--duration must be > 0 ms, got " + duration);
        DesignFiles.Design d = design.load();
        NetworkSpec spec = d.network();
        if (duration / spec.dt() > MAX_STEPS) // beyond it the step count overflows, and the raster outgrows memory
            throw new Main.BadInputException(String.format("--duration must be at most %.0f ms (%,d time steps of dt = %s ms), got %s", MAX_STEPS * spec.dt(), MAX_STEPS, spec.dt(), duration));
        long s = DesignSource.seed(seed, d);
        long t0 = System.nanoTime();
        Network net = Network.instantiate(spec, s);
        long t1 = System.nanoTime();
        net.setPlastic(!noStdp);
        int steps = (int) Math.round(duration / spec.dt());
        Stimulus stimulus = ActivityRun.testSignal(spec, steps);
        SpikeRaster r = SpikeRaster.all();
        int bin = Math.max(1, (int) Math.round(10 / spec.dt()));
        PopulationRate rate = new PopulationRate(bin);
        double[] w0 = net.excitatoryWeights();
        net.run(stimulus, r, rate);
        long t2 = System.nanoTime();
        double[] w1 = net.excitatoryWeights();
        if (raster != null) {
            StringBuilder csv = new StringBuilder("time_ms,neuron\n");
            for (int k = 0; k < r.size(); k++) csv.append(String.format("%.4f,%d%n", (r.step(k) + 1) * spec.dt(), r.neuron(k)));
            DesignFiles.writeAtomically(raster, csv.toString());
        }
        if (plot != null) plot(r, rate, net, spec, s);
        double[] e = rate.excitatoryRate(), i = rate.inhibitoryRate();
        if (json) {
            ObjectNode o = DesignFiles.mapper().createObjectNode();
            o.put("design", design.describe()).put("seed", s).put("neurons", net.size()).put("synapses", net.synapseCount())
                    .put("durationMs", duration).put("meanRateHz", rate.meanRate()).put("excitatoryRateHz", mean(e))
                    .put("inhibitoryRateHz", mean(i)).put("silentFraction", rate.silentFraction()).put("maxRateHz", rate.maxRate())
                    .put("spikes", r.size()).put("synapticEvents", net.synapticEvents()).put("meanWeightChange", mean(w1) - mean(w0))
                    .put("buildSeconds", (t1 - t0) / 1e9).put("runSeconds", (t2 - t1) / 1e9);
            System.out.println(DesignFiles.mapper().writeValueAsString(o));
            return 0;
        }
        System.out.printf("design %s, seed %d: %d neurons (%d E / %d I), %d synapses, input %d channel(s)%n", design.describe(), s,
                net.size(), net.excitatorySize(), net.size() - net.excitatorySize(), net.synapseCount(), spec.input().channels());
        System.out.printf("simulated %.0f ms at dt = %.3g ms in %.3f s (built in %.3f s), STDP %s%n", duration, spec.dt(),
                (t2 - t1) / 1e9, (t1 - t0) / 1e9, net.isPlastic() ? "on" : "off");
        System.out.printf("mean rate %.2f Hz (E %.2f, I %.2f), max %.1f Hz, silent %.1f%%, %d spikes, %d synaptic events%n",
                rate.meanRate(), mean(e), mean(i), rate.maxRate(), 100 * rate.silentFraction(), r.size(), net.synapticEvents());
        if (net.isPlastic()) System.out.printf("mean E-to-E weight %.4f -> %.4f mV%n", mean(w0), mean(w1));
        System.out.println("E rate per 10 ms  " + Sparkline.of(e));
        System.out.println("I rate per 10 ms  " + Sparkline.of(i));
        if (raster != null) System.out.println("raster written to " + raster);
        if (plot != null) System.out.println("plot written to " + plot);
        return 0;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return x.length == 0 ? 0 : s / x.length;
    }

    /** Writes the raster and rates as a PNG, through a temporary file beside it (never half a picture). */
    private void plot(SpikeRaster r, PopulationRate rate, Network net, NetworkSpec spec, long seed) throws java.io.IOException {
        double[] times = new double[r.size()];
        for (int k = 0; k < times.length; k++) times[k] = (r.step(k) + 1) * spec.dt();
        int bin = Math.max(1, (int) Math.round(10 / spec.dt()));
        ActivityRun run = new ActivityRun(spec.dt(), net.size(), net.excitatorySize(), times, r.neurons(), bin * spec.dt(), rate.excitatoryRate(),
                rate.inhibitoryRate(), rate.meanRate());
        Path target = plot.toAbsolutePath();
        java.nio.file.Files.createDirectories(target.getParent());
        Path tmp = java.nio.file.Files.createTempFile(target.getParent(), "." + target.getFileName(), ".png");
        try {
            run.write(tmp, String.format(java.util.Locale.ROOT, "%s, seed %d: %.0f ms, mean rate %.2f Hz, STDP %s", design.describe(), seed, duration,
                    rate.meanRate(), net.isPlastic() ? "on" : "off"));
            org.hrsnn.export.FilePermissions.asNewFile(tmp);
            java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }
}
