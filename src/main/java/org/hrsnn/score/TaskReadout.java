package org.hrsnn.score;

import org.hrsnn.readout.Ridge;
import org.hrsnn.sim.Network;

import java.util.List;

/**
 * A task's trained network with its trained linear readout, for export: {@code output = weight · state + bias}
 * (the ridge's standardisation folded in), one row per output (per class, one-vs-rest, the largest wins; or the
 * one predicted value). {@code features} says in words how the state vector is read from the network, and the
 * network's input is the raw input scaled per channel, {@code (x - inputOffset) * inputFactor}.
 */
public record TaskReadout(Network network, String features, List<String> outputs, double[][] weight, double[] bias,
                          double[] inputOffset, double[] inputFactor) {

    static TaskReadout of(Network net, String features, List<String> outputs, Ridge.Model[] models, InputScaling scaling) {
        int p = models[0].coefficients().length;
        double[][] w = new double[models.length][p];
        double[] b = new double[models.length];
        for (int o = 0; o < models.length; o++) {
            Ridge.Model m = models[o];
            b[o] = m.intercept();
            for (int j = 0; j < p; j++) {
                w[o][j] = m.coefficients()[j] / m.featureScale()[j];
                b[o] -= w[o][j] * m.featureMean()[j];
            }
        }
        return new TaskReadout(net, features, List.copyOf(outputs), w, b, scaling.offset().clone(), scaling.factor().clone());
    }

    /** The readout's outputs for one state vector. */
    public double[] apply(double[] state) {
        double[] out = bias.clone();
        for (int o = 0; o < out.length; o++) for (int j = 0; j < state.length; j++) out[o] += weight[o][j] * state[j];
        return out;
    }

    static String kinds(List<org.hrsnn.sim.StateKind> kinds) {
        return org.hrsnn.sim.StateKind.labels(kinds).replace("voltage", "membrane voltage (mV)").replace("counts", "spike count in the window")
                .replace("adaptation", "adaptation variable");
    }
}
