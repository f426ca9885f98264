package org.hrsnn.sim;

import org.hrsnn.model.Distribution;
import org.hrsnn.model.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The LIF f-I curve: rate = 1 / (t_ref + tau ln(I / (I - theta))) for rest = reset = 0. */
class FiringRateTest {

    static double analyticRateHz(double tauMs, double refMs, double current, double theta) {
        if (current <= theta) return 0;
        return 1000.0 / (refMs + tauMs * Math.log(current / (current - theta)));
    }

    /** Mean rate from the inter-spike intervals after the first spike (the first starts from rest). */
    static double measuredRateHz(SpikeRaster raster, int neuron, double dt) {
        int[] s = raster.stepsOf(neuron);
        if (s.length < 3) return 0;
        return 1000.0 * (s.length - 1) / ((s[s.length - 1] - s[0]) * dt);
    }

    @ParameterizedTest
    @CsvSource({"20, 2, 10.5", "20, 2, 12", "20, 2, 15", "20, 2, 30", "10, 5, 20", "40, 1, 11", "20, 0, 100"})
    void singleNeuronRateMatchesAnalyticCurveWithinOnePercent(double tau, double ref, double current) {
        double dt = 0.01, theta = 10;
        NetworkSpec spec = Networks.isolated(1, Distribution.constant(tau), theta, ref, current, dt);
        Network net = Network.instantiate(spec, 7);
        SpikeRaster raster = SpikeRaster.all();
        net.run(200_000, raster); // 2 s
        double expected = analyticRateHz(tau, ref, current, theta);
        assertEquals(expected, measuredRateHz(raster, 0, dt), 0.01 * expected);
    }

    @Test
    void subthresholdCurrentNeverFires() {
        Network net = Network.instantiate(Networks.isolated(1, Distribution.constant(20), 10, 2, 9.99, 0.1), 1);
        SpikeRaster raster = SpikeRaster.all();
        net.run(50_000, raster);
        assertEquals(0, raster.size());
    }

    @Test
    void heterogeneousNeuronsEachFollowTheirOwnCurve() {
        double dt = 0.01, theta = 10, current = 14, ref = 2;
        int n = 50;
        Network net = Network.instantiate(Networks.isolated(n, Distribution.logNormal(20, 0.4), theta, ref, current, dt), 11);
        SpikeRaster raster = SpikeRaster.all();
        net.run(200_000, raster);
        for (int i = 0; i < n; i++) {
            double expected = analyticRateHz(net.tauMembrane(i), ref, current, theta);
            assertEquals(expected, measuredRateHz(raster, i, dt), 0.01 * expected, "neuron " + i + " tau " + net.tauMembrane(i));
        }
    }
}
