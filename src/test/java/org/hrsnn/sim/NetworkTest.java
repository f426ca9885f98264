package org.hrsnn.sim;

import org.hrsnn.model.Distribution;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.ReferenceNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

class NetworkTest {

    static Stimulus sine(int samples, int stepsPerSample) {
        double[][] u = new double[samples][1];
        for (int k = 0; k < samples; k++) u[k][0] = Math.sin(k * 0.05);
        return new Stimulus(u, stepsPerSample);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 12345})
    void sameSeedSameRasterAndWeights(long seed) {
        NetworkSpec spec = ReferenceNetworks.heterogeneousExample();
        Network a = Network.instantiate(spec, seed), b = Network.instantiate(spec, seed);
        SpikeRaster ra = SpikeRaster.all(), rb = SpikeRaster.all();
        a.run(sine(200, 10), ra);
        b.run(sine(200, 10), rb);
        assertTrue(ra.size() > 100, "the example network is active: " + ra.size());
        assertArrayEquals(ra.steps(), rb.steps());
        assertArrayEquals(ra.neurons(), rb.neurons());
        assertArrayEquals(a.excitatoryWeights(), b.excitatoryWeights(), 0.0);

        Network c = Network.instantiate(spec, seed + 1);
        SpikeRaster rc = SpikeRaster.all();
        c.run(sine(200, 10), rc);
        assertFalse(java.util.Arrays.equals(ra.neurons(), rc.neurons()), "another seed gives another raster");
    }

    /** An interrupted thread's run stops before its first step, however short (a classification sample is a few hundred steps), and at the next 4,096-step mark of a long one. */
    @Test
    void anInterruptedRunStopsEvenWhenShort() {
        Network net = Network.instantiate(ReferenceNetworks.heterogeneousExample(), 3);
        Thread.currentThread().interrupt();
        try {
            assertThrows(java.util.concurrent.CancellationException.class, () -> net.run(sine(3, 10)));
            assertEquals(0, net.steps(), "not a step was taken");
        } finally {
            Thread.interrupted(); // clear the flag for the tests that follow
        }
        net.run(sine(3, 10));
        assertEquals(30, net.steps(), "without the flag it runs");
        long[] at = {-1};
        assertThrows(java.util.concurrent.CancellationException.class, () -> net.run(sine(1000, 10), (Monitor) (v, k) -> {
            if (k == 5000) Thread.currentThread().interrupt();
            at[0] = k;
        }));
        Thread.interrupted();
        assertEquals(8191, at[0], "stopped at the 4,096-step mark after the interruption");
    }

    @Test
    void stdpChangesWeightsAndFreezingStopsIt() {
        Network net = Network.instantiate(ReferenceNetworks.heterogeneousExample(), 3);
        double[] before = net.excitatoryWeights();
        net.run(sine(200, 10));
        double[] trained = net.excitatoryWeights();
        assertFalse(java.util.Arrays.equals(before, trained), "plasticity on: weights move");
        for (double w : trained) assertTrue(w >= 0 && w <= 4, "within [0, wMax]");
        net.setPlastic(false);
        net.run(sine(200, 10));
        assertArrayEquals(trained, net.excitatoryWeights(), 0.0);
    }

    @Test
    void resetRestoresRestStateAndKeepsWeights() {
        NetworkSpec spec = ReferenceNetworks.heterogeneousExample();
        Network net = Network.instantiate(spec, 9);
        net.setPlastic(false);
        SpikeRaster first = SpikeRaster.all();
        net.run(sine(100, 10), first);
        net.reset();
        for (int i = 0; i < net.size(); i++) assertEquals(-60, net.voltage(i), 0.0);
        assertEquals(0, net.steps());
        SpikeRaster second = SpikeRaster.all();
        net.run(sine(100, 10), second);
        assertArrayEquals(first.neurons(), second.neurons(), "after reset the same input gives the same spikes");
        assertArrayEquals(first.steps(), second.steps());
    }

    @Test
    void dalesLawHolds() {
        Network net = Network.instantiate(ReferenceNetworks.heterogeneousExample(), 4);
        int positive = 0, negative = 0;
        for (int i = 0; i < net.size(); i++)
            for (double w : net.weightsFrom(i)) {
                if (i < net.excitatorySize()) assertTrue(w >= 0);
                else assertTrue(w <= 0);
                if (w > 0) positive++;
                if (w < 0) negative++;
            }
        assertTrue(positive > 0 && negative > 0);
    }

    @Test
    void connectivityMatchesProbabilityWithoutAutapses() {
        Network net = Network.instantiate(ReferenceNetworks.benchmark(false), 2);
        // 0.1 * (800*799 + 800*200 + 200*800 + 200*199) pairs, binomial standard deviation about 300.
        double expected = 0.1 * (800 * 799 + 800 * 200 + 200 * 800 + 200 * 199);
        assertEquals(expected, net.synapseCount(), 5 * Math.sqrt(expected * 0.9));
        for (int i = 0; i < 800; i++) assertEquals(-1, net.findExcitatorySynapse(i, i));
    }

    @Test
    void heterogeneousTimeConstantsHaveTheSpecMoments() {
        int n = 20_000;
        Distribution tau = Distribution.gamma(20, 4);
        Network net = Network.instantiate(Networks.isolated(n, tau, 10, 0, 0, 0.1), 6);
        double s = 0, s2 = 0;
        for (int i = 0; i < n; i++) {
            double t = net.tauMembrane(i);
            s += t;
            s2 += t * t;
        }
        double mean = s / n, var = s2 / n - mean * mean;
        assertEquals(20, mean, 5 * Math.sqrt(tau.variance() / n));
        assertEquals(tau.variance(), var, 0.05 * tau.variance());
    }

    @Test
    void monitorsAgree() {
        Network net = Network.instantiate(ReferenceNetworks.benchmark(false), 1);
        SpikeRaster raster = SpikeRaster.all();
        PopulationRate rate = new PopulationRate(100);
        WindowStates states = new WindowStates(1000, java.util.List.of(StateKind.COUNTS, StateKind.VOLTAGE));
        WeightSnapshots weights = new WeightSnapshots(1999);
        net.run(2000, raster, rate, states, weights);
        assertEquals(raster.size() / (1000 * 0.2), rate.meanRate(), 1e-9);
        double[] e = rate.excitatoryRate();
        assertEquals(20, e.length);
        assertEquals(2, states.rows().length);
        assertEquals(1, weights.snapshots().size());
        // Window states of one neuron recomputed: its spikes within the second window, its voltage at the end.
        int neuron = raster.neuron(raster.size() / 2);
        long expected = java.util.Arrays.stream(raster.stepsOf(neuron)).filter(st -> st >= 1000 && st <= 1999).count();
        assertTrue(expected > 0, "the neuron spiked in the window");
        assertEquals(expected, states.rows()[1][neuron], 0.0);
        assertEquals(net.voltage(neuron), states.rows()[1][1000 + neuron], 0.0);
        SpikeRaster subset = SpikeRaster.of(1000, neuron);
        Network again = Network.instantiate(ReferenceNetworks.benchmark(false), 1);
        again.run(2000, subset);
        assertArrayEquals(raster.stepsOf(neuron), subset.steps());
    }

    @Test
    void propagatorTendsToItsLimitWhenTimeConstantsMeet() {
        double limit = 0.1 / 20 * Math.exp(-0.1 / 20);
        assertEquals(limit, Network.propagator(0.1, 20, 20), 1e-15);
        assertEquals(limit, Network.propagator(0.1, 20, 20 + 1e-9), 1e-12);
        // Against the integral of e^{-s/tauS} e^{-(dt-s)/tauM}/tauM over [0, dt], by Simpson's rule.
        double tauM = 20, tauS = 5, dt = 0.1, sum = 0;
        int m = 1000;
        for (int k = 0; k <= m; k++) {
            double s = dt * k / m;
            double f = Math.exp(-s / tauS) * Math.exp(-(dt - s) / tauM) / tauM;
            sum += f * (k == 0 || k == m ? 1 : (k % 2 == 1 ? 4 : 2));
        }
        assertEquals(sum * dt / (3 * m), Network.propagator(dt, tauM, tauS), 1e-13);
    }

    @Test
    void aMembraneFarFasterThanTheStepStaysFinite() {
        // tauM 7.9e-5 ms at dt 0.25 ms (a draw of a study's exponential distribution): e^{-dt/tauM} underflows to 0.
        // Closed form: tauS/(tauS - tauM)(e^{-dt/tauS} - e^{-dt/tauM}) -> e^{-dt/tauS} as tauM -> 0.
        double p = Network.propagator(0.25, 7.9e-5, 1.0);
        assertTrue(Double.isFinite(p));
        assertEquals(1.0 / (1.0 - 7.9e-5) * Math.exp(-0.25), p, 1e-15);
        assertEquals(Math.exp(-0.25 / 6.1) * 6.1 / (6.1 - 1e-6), Network.propagator(0.25, 1e-6, 6.1), 1e-15);
    }
}
