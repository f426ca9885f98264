package org.hrsnn.report;

import org.hrsnn.model.Encoding;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.sim.Network;
import org.hrsnn.sim.PopulationRate;
import org.hrsnn.sim.SpikeRaster;
import org.hrsnn.sim.Stimulus;
import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A short run of a network driven by the test signal, recorded as a spike raster and E and I population
 * rates, and drawn as one figure (raster above, rates below).
 *
 * @param dt      time step, ms
 * @param binMs   width of a rate bin, ms
 * @param times   spike times, ms (one per spike, with {@code neurons})
 */
public record ActivityRun(double dt, int size, int excitatory, double[] times, int[] neurons, double binMs, double[] excitatoryRate,
                          double[] inhibitoryRate, double meanRate) {

    /** Width of a rate bin, ms. */
    public static final double BIN_MS = 10;

    /** Runs the network built from {@code spec} and {@code seed} for {@code durationMs}, plasticity on or off. */
    public static ActivityRun of(NetworkSpec spec, long seed, double durationMs, boolean stdp) {
        return of(Network.instantiate(spec, seed), durationMs, stdp);
    }

    /** Runs {@code net} for {@code durationMs} with the test signal. */
    public static ActivityRun of(Network net, double durationMs, boolean stdp) {
        NetworkSpec spec = net.spec();
        net.setPlastic(stdp);
        int steps = (int) Math.round(durationMs / spec.dt());
        SpikeRaster r = SpikeRaster.all();
        int bin = Math.max(1, (int) Math.round(BIN_MS / spec.dt()));
        PopulationRate rate = new PopulationRate(bin);
        net.run(testSignal(spec, steps), r, rate);
        double[] times = new double[r.size()];
        for (int k = 0; k < times.length; k++) times[k] = (r.step(k) + 1) * spec.dt();
        return new ActivityRun(spec.dt(), net.size(), net.excitatorySize(), times, r.neurons(), bin * spec.dt(), rate.excitatoryRate(),
                rate.inhibitoryRate(), rate.meanRate());
    }

    /** A deterministic drive for each input channel, in the range the encoding expects: a sum of two slow sines, one sample per ms. */
    public static Stimulus testSignal(NetworkSpec spec, int steps) {
        int c = spec.input().channels();
        if (c == 0) return Stimulus.silence(steps);
        int per = Math.max(1, (int) Math.round(1 / spec.dt())); // one sample per ms
        int samples = (steps + per - 1) / per;
        double[][] u = new double[samples][c];
        boolean unit = spec.input().encoding() instanceof Encoding.Rate;
        for (int k = 0; k < samples; k++)
            for (int j = 0; j < c; j++) {
                double x = 0.5 * Math.sin(2 * Math.PI * k / (97.0 + 13 * j)) + 0.5 * Math.sin(2 * Math.PI * k / (31.0 + 7 * j));
                u[k][j] = unit ? 0.5 + 0.5 * x : x;
            }
        return new Stimulus(u, per);
    }

    /** Spike raster, E neurons blue below, I neurons red above. */
    public XYChart raster(String title, int width, int height) {
        XYChart c = Charts.xy(title, "time (ms)", "neuron", width, height);
        int nE = 0;
        for (int k : neurons) if (k < excitatory) nE++;
        double[] ex = new double[nE], ey = new double[nE], ix = new double[neurons.length - nE], iy = new double[neurons.length - nE];
        int a = 0, b = 0;
        for (int k = 0; k < neurons.length; k++) {
            if (neurons[k] < excitatory) {
                ex[a] = times[k];
                ey[a++] = neurons[k];
            } else {
                ix[b] = times[k];
                iy[b++] = neurons[k];
            }
        }
        // XChart refuses an empty series: a silent population is drawn as no point, named in the legend only when it spiked
        if (nE > 0) Charts.points(c, "E spikes", ex, ey, Charts.BLUE, true).setMarkerColor(Charts.BLUE);
        if (ix.length > 0) Charts.points(c, "I spikes", ix, iy, Charts.RED, true);
        if (neurons.length == 0) Charts.points(c, "no spikes", new double[] {0}, new double[] {0}, Color.WHITE, true);
        c.getStyler().setMarkerSize(2);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(steps() * dt);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax((double) size);
        return c;
    }

    /** E and I population rates per bin, Hz per neuron. */
    public XYChart rates(String title, int width, int height) {
        XYChart c = Charts.xy(title, "time (ms)", "rate (Hz per neuron)", width, height);
        double[] t = new double[excitatoryRate.length];
        for (int k = 0; k < t.length; k++) t[k] = (k + 0.5) * binMs;
        if (t.length == 0) t = new double[] {0};
        Charts.line(c, "E", t, excitatoryRate.length == 0 ? new double[] {0} : excitatoryRate, Charts.BLUE, 1.6f);
        Charts.line(c, "I", t, inhibitoryRate.length == 0 ? new double[] {0} : inhibitoryRate, Charts.RED, 1.6f);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(steps() * dt);
        return c;
    }

    private double steps() {
        return excitatoryRate.length * binMs / dt;
    }

    /** Raster above rates, as one PNG {@code file}. */
    public void write(Path file, String title) throws IOException {
        Charts.writeGrid(List.of(raster(title, 900, 420), rates("population rate per " + (int) binMs + " ms", 900, 260)), 1, file);
    }
}
