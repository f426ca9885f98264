package org.hrsnn.baseline;

import org.hrsnn.random.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

class SrnnTest {

    /** The equations of the issue by hand: two neurons, alpha = rho = alpha_o = 1/2 (tau = 1 / ln 2), b0 0.1, beta 1. */
    @Test
    void forwardMatchesAHandComputedTwoNeuronExample() {
        SrnnSpec spec = new SrnnSpec(1, 2, 1, 1, 0.1, 1.0, SpikeFunction.MultiGaussian.PUBLISHED);
        double half = 1 / Math.log(2);
        double[][] p = {
                {1.0, 0.5},            // W_in
                {0, -0.5, 0.8, 0},     // W_rec: neuron 1 inhibits neuron 0, neuron 0 excites neuron 1
                {0, 0.1},              // bias
                {half, half},          // tau_m
                {half, half},          // tau_adp
                {1, 1},                // W_out
                {0},                   // b_out
                {half}};               // tau_out
        Srnn net = new Srnn(spec, p);
        Srnn.Trace tr = net.forward(new double[] {1, 1, 1, 0}, 4, new double[][] {{0, 0}});
        // t=0: b = 0, theta = 0.1; I = (1.0, 0.6); u = I/2 = (0.5, 0.3) > theta: both spike.
        // t=1: b = 0.5, theta = 0.6; I = (1.0 - 0.5, 0.5 + 0.8 + 0.1) = (0.5, 1.4);
        //      u = (0.25 + 0.25 - 0.6, 0.15 + 0.7 - 0.6) = (-0.1, 0.25) < theta: none.
        // t=2: b = 0.25, theta = 0.35; I = (1.0, 0.6); u = (-0.05 + 0.5, 0.125 + 0.3) = (0.45, 0.425) > theta: both.
        // t=3: b = 0.625, theta = 0.725; I = (-0.5, 0.9); u = (0.225 - 0.25 - 0.725, 0.2125 + 0.45 - 0.725) = (-0.75, -0.0625): none.
        assertArrayEquals(new double[] {0.1, 0.1, 0.6, 0.6, 0.35, 0.35, 0.725, 0.725}, tr.threshold(0), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.3, -0.1, 0.25, 0.45, 0.425, -0.75, -0.0625}, tr.membrane(0), 1e-12);
        assertArrayEquals(new double[] {1, 1, 0, 0, 1, 1, 0, 0}, tr.spikes(0), 0);
        // Readout q = s_0 + s_1 = (2, 0, 2, 0); o = o/2 + q/2.
        assertArrayEquals(new double[] {1, 0.5, 1.25, 0.625}, tr.output(), 1e-12);
        assertEquals(4, tr.spikeCount(0));
    }

    /** Central differences of the loss against the backward pass, every parameter, with a smooth stand-in for H. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void gradientMatchesFiniteDifferences(long seed) {
        for (boolean classification : new boolean[] {true, false}) {
            int inputs = 3, hidden = 4, outputs = classification ? 3 : 1, steps = 12;
            SrnnSpec spec = new SrnnSpec(inputs, hidden, 2, outputs, 0.3, 1.8, new SpikeFunction.Logistic(4));
            Srnn init = Srnn.initialise(spec, seed);
            double[][] p = init.parametersCopy();
            var rng = Seeds.rng(seed, "test.gradient");
            // Time constants of a few steps so that every path (leak, adaptation, readout) matters.
            for (int i = 0; i < p.length; i++) {
                String name = init.tensorNames()[i];
                if (name.startsWith("tau")) for (int k = 0; k < p[i].length; k++) p[i][k] = 1.5 + 6 * rng.nextDouble();
                else if (name.startsWith("bias") || name.equals("b_out")) for (int k = 0; k < p[i].length; k++) p[i][k] = rng.nextDouble() - 0.5;
            }
            double[] x = new double[steps * inputs], y = new double[steps];
            for (int i = 0; i < x.length; i++) x[i] = 2 * rng.nextDouble() - 1;
            for (int i = 0; i < y.length; i++) y[i] = rng.nextDouble();
            int label = 1;
            Srnn net = new Srnn(spec, p);
            Srnn.Trace tr = net.forward(x, steps, 7L);
            double[] dLdo = new double[steps * outputs];
            if (classification) SrnnLoss.crossEntropy(tr.output(), steps, outputs, label, dLdo, new double[outputs]);
            else SrnnLoss.meanSquared(tr.output(), y, 2, steps, dLdo);
            double[][] g = net.backward(tr, dLdo);
            double h = 1e-6;
            for (int i = 0; i < p.length; i++)
                for (int k = 0; k < p[i].length; k++) {
                    double keep = p[i][k];
                    p[i][k] = keep + h;
                    double up = loss(new Srnn(spec, p), x, y, steps, outputs, label, classification);
                    p[i][k] = keep - h;
                    double down = loss(new Srnn(spec, p), x, y, steps, outputs, label, classification);
                    p[i][k] = keep;
                    double numeric = (up - down) / (2 * h);
                    assertEquals(numeric, g[i][k], 1e-7 + 1e-5 * Math.abs(numeric),
                            (classification ? "cross-entropy" : "MSE") + ", d/d " + init.tensorNames()[i] + "[" + k + "]");
                }
        }
    }

    private static double loss(Srnn net, double[] x, double[] y, int steps, int outputs, int label, boolean classification) {
        Srnn.Trace tr = net.forward(x, steps, 7L);
        double[] d = new double[steps * outputs];
        return classification ? SrnnLoss.crossEntropy(tr.output(), steps, outputs, label, d, new double[outputs])
                : SrnnLoss.meanSquared(tr.output(), y, 2, steps, d);
    }

    /** The surrogate against its closed form at 0 and its symmetry. */
    @Test
    void multiGaussianSurrogate() {
        var f = SpikeFunction.MultiGaussian.PUBLISHED;
        double s = 0.5, h = 0.15, gamma = 0.5;
        double atZero = gamma * ((1 + h) / (s * Math.sqrt(2 * Math.PI)) - 2 * h * Math.exp(-0.5 / 36) / (6 * s * Math.sqrt(2 * Math.PI)));
        assertEquals(atZero, f.derivative(0), 1e-15);
        for (double x : new double[] {0.1, 0.7, 2.5}) assertEquals(f.derivative(x), f.derivative(-x), 1e-15);
        assertEquals(0, f.value(0));
        assertEquals(1, f.value(1e-9));
        // Negative side lobes: beyond about 2 sigma the surrogate pushes the other way.
        assertTrue(f.derivative(1.5) < 0);
    }

    @Test
    void parameterCountMatchesTheTensors() {
        SrnnSpec spec = SrnnSpec.published(12, 16, 2, 9);
        Srnn net = Srnn.initialise(spec, 1);
        long n = 0;
        for (double[] t : net.parametersCopy()) n += t.length;
        assertEquals(n, spec.parameterCount());
        // By hand: layer 0: 16*12 + 16*16 + 3*16 = 496; layer 1: 16*16 + 16*16 + 48 = 560; readout 9*16 + 18 = 162.
        assertEquals(496 + 560 + 162, n);
    }

    @Test
    void recurrentWeightsAreOrthogonal() {
        double[] w = Srnn.initialise(SrnnSpec.published(2, 10, 1, 2), 5).parametersCopy()[1];
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 10; j++) {
                double dot = 0;
                for (int k = 0; k < 10; k++) dot += w[k * 10 + i] * w[k * 10 + j];
                assertEquals(i == j ? 1 : 0, dot, 1e-12);
            }
    }
}
