package org.hrsnn.sim;

import org.hrsnn.model.*;
import org.hrsnn.random.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Background noise ({@link Noise}) against closed forms. Free neurons: the threshold is far above anything
 * the noise reaches and there are no connections, so v is the linear response to the noise. Every
 * tolerance is a multiple of a standard error estimated from the data: statistics are computed per neuron
 * (neurons are independent, each is a long stationary time series) and the standard error of their average
 * is their spread over sqrt(neurons). The tests are seeded, so they are deterministic.
 */
class BackgroundNoiseTest {
    static final double DT = 0.1;
    static final double REST = -60;
    static final double BIAS = 4;
    static final double Z = 4; // tolerance in standard errors

    /**
     * nE + nI unconnected neurons (threshold 1e6, reset below rest) with rest -60 mV and bias 4 mV. The E-to-E
     * and E-to-I pathways have probability 0 but set the excitatory synaptic time constants tauSynE, tauSynI.
     */
    static NetworkSpec free(int nE, Distribution tauE, Noise noiseE, double tauSynE,
                            int nI, Distribution tauI, Noise noiseI, double tauSynI) {
        NeuronParams e = new NeuronParams(tauE, Distribution.constant(1e6), -70, REST, Distribution.constant(0), Adaptation.NONE, BIAS, noiseE);
        NeuronParams i = new NeuronParams(tauI, Distribution.constant(1e6), -70, REST, Distribution.constant(0), Adaptation.NONE, BIAS, noiseI);
        Pathway none = Pathway.NONE;
        return new NetworkSpec(new Population(nE, e), new Population(nI, i),
                new Pathways(new Pathway(0, Distribution.constant(0), tauSynE, 1), new Pathway(0, Distribution.constant(0), tauSynI, 1), none, none),
                InputSpec.none(), StdpRule.off(), DT);
    }

    /** Per-neuron statistics of a stationary run: time mean, and autocovariances about the population means. */
    record Stats(double[] mean, double[][] cov, int[] lags) {
        /** cov[k][i]: neuron i's autocovariance at lag lags[k] (lag 0 first), about its population's grand mean. */
        double[] variance() { return cov[0]; }
    }

    /**
     * Runs {@code warmUp} steps, then records {@code steps} steps. Two passes over the same realisation
     * (same spec and seed: bit-identical runs): the first gives each population's grand mean, the second
     * the autocovariances about it. Centring on the grand mean rather than each neuron's own time mean
     * avoids the O(tau/T) downward bias of the variance that the own mean would bring.
     */
    static Stats measure(NetworkSpec spec, long seed, int warmUp, int steps, int... lags) {
        int n = spec.size(), nE = spec.excitatory().size();
        double[] mean = new double[n];
        Network net = Network.instantiate(spec, seed);
        net.run(warmUp);
        for (int t = 0; t < steps; t++) {
            net.step(null);
            for (int i = 0; i < n; i++) mean[i] += net.voltage(i);
        }
        for (int i = 0; i < n; i++) mean[i] /= steps;
        double[] centre = new double[n];
        Arrays.fill(centre, 0, nE, average(mean, 0, nE));
        Arrays.fill(centre, nE, n, average(mean, nE, n));

        int[] all = new int[lags.length + 1];
        System.arraycopy(lags, 0, all, 1, lags.length);
        int ring = Arrays.stream(all).max().getAsInt() + 1;
        double[][] past = new double[ring][n];
        double[][] cov = new double[all.length][n];
        net = Network.instantiate(spec, seed);
        net.run(warmUp);
        for (int t = 0; t < steps; t++) {
            net.step(null);
            double[] now = past[t % ring];
            for (int i = 0; i < n; i++) now[i] = net.voltage(i) - centre[i];
            for (int k = 0; k < all.length; k++) {
                if (t < all[k]) continue;
                double[] then = past[(t - all[k]) % ring];
                double[] c = cov[k];
                for (int i = 0; i < n; i++) c[i] += now[i] * then[i];
            }
        }
        for (int k = 0; k < all.length; k++) for (int i = 0; i < n; i++) cov[k][i] /= steps - all[k];
        return new Stats(mean, cov, all);
    }

    static double average(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += x[i];
        return s / (to - from);
    }

    /** Standard error of the average of x[from..to) as an estimate of the mean of iid values. */
    static double standardError(double[] x, int from, int to) {
        double m = average(x, from, to), s = 0;
        for (int i = from; i < to; i++) s += (x[i] - m) * (x[i] - m);
        int k = to - from;
        return Math.sqrt(s / (k - 1) / k);
    }

    static void assertWithin(double expected, double[] perNeuron, int from, int to, String what) {
        double got = average(perNeuron, from, to), se = standardError(perNeuron, from, to);
        assertTrue(Math.abs(got - expected) <= Z * se,
                String.format("%s: %.5f, expected %.5f, standard error %.5f", what, got, expected, se));
    }

    // ---- Gaussian ------------------------------------------------------------------------------------

    /**
     * Without threshold the membrane with Gaussian noise is an Ornstein-Uhlenbeck process sampled exactly:
     * v_{n+1} - mu = (v_n - mu) e^{-dt/tau} + sigma sqrt(1 - e^{-2 dt/tau}) xi_n, mu = rest + bias. Its
     * stationary variance is sigma^2 (the AR(1) variance sigma^2 (1 - a^2) / (1 - a^2) with a = e^{-dt/tau})
     * and its lag-L autocorrelation is a^L = e^{-L dt/tau}, for every dt.
     */
    @ParameterizedTest
    @ValueSource(doubles = {10, 40})
    void gaussianNoiseGivesAnOrnsteinUhlenbeckMembrane(double tau) {
        double sigma = 2;
        Noise g = new Noise.Gaussian(sigma);
        NetworkSpec spec = free(300, Distribution.constant(tau), g, 5, 100, Distribution.constant(tau), g, 5);
        int lagHalf = (int) Math.round(tau / 2 / DT), lagTau = (int) Math.round(tau / DT);
        Stats s = measure(spec, 11, (int) (10 * tau / DT), 100_000, lagHalf, lagTau);
        int n = spec.size();
        assertWithin(REST + BIAS, s.mean(), 0, n, "mean of v");
        assertWithin(sigma * sigma, s.variance(), 0, n, "variance of v");
        for (int k = 1; k < s.lags().length; k++) {
            double expected = Math.exp(-s.lags()[k] * DT / tau);
            assertRatioWithin(expected, s.cov()[k], s.variance(), "autocorrelation at lag " + s.lags()[k] * DT + " ms");
        }
    }

    /**
     * The ratio of averages R = mean_i c_i(L) / mean_i c_i(0) (a ratio of averages has a bias O(1/neurons)
     * smaller than the average of ratios); its standard error by the delta method is
     * sd(c_i(L) - R c_i(0)) / (sqrt(neurons) mean_i c_i(0)).
     */
    static void assertRatioWithin(double expected, double[] lagged, double[] variance, String what) {
        int n = lagged.length;
        double r = average(lagged, 0, n) / average(variance, 0, n);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) z[i] = lagged[i] - r * variance[i];
        double se = standardError(z, 0, n) / average(variance, 0, n);
        assertTrue(Math.abs(r - expected) <= Z * se, String.format("%s: %.5f, expected %.5f, standard error %.5f", what, r, expected, se));
    }

    /**
     * Heterogeneous membranes (Gamma tau, mean 20 ms, shape 2): the noise amplitude follows each neuron's own
     * tau, so every neuron's stationary standard deviation is sigma, the short-tau half as well as the
     * long-tau half, and each neuron's autocorrelation decays with its own tau: the expected ratio of
     * averages at lag L is mean_i e^{-L dt/tau_i} (every c_i(0) has the same expectation sigma^2).
     */
    @Test
    void gaussianNoiseGivesEachHeterogeneousNeuronItsOwnSigma() {
        double sigma = 2;
        int n = 400;
        Distribution tau = Distribution.gamma(20, 2);
        NetworkSpec spec = free(n, tau, new Noise.Gaussian(sigma), 5, 0, tau, Noise.NONE, 5);
        int lag = 100; // 10 ms
        Stats s = measure(spec, 3, 10_000, 100_000, lag);
        Network net = Network.instantiate(spec, 3);
        double[] taus = new double[n];
        for (int i = 0; i < n; i++) taus[i] = net.tauMembrane(i);
        assertTrue(Arrays.stream(taus).max().getAsDouble() > 5 * Arrays.stream(taus).min().getAsDouble(), "really heterogeneous");
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(taus[a], taus[b]));
        double[] byTau = new double[n];
        for (int k = 0; k < n; k++) byTau[k] = s.variance()[order[k]];
        assertWithin(sigma * sigma, byTau, 0, n / 2, "variance of the shorter-tau half");
        assertWithin(sigma * sigma, byTau, n / 2, n, "variance of the longer-tau half");
        assertWithin(REST + BIAS, s.mean(), 0, n, "mean of v");
        double expected = Arrays.stream(taus).map(t -> Math.exp(-lag * DT / t)).average().getAsDouble();
        assertRatioWithin(expected, s.cov()[1], s.variance(), "autocorrelation at lag 10 ms");
    }

    @Test
    void gaussianNoiseDoesNotMoveRefractoryNeurons() {
        // Driven far above threshold, so the neuron fires as soon as it leaves the refractory period.
        NeuronParams p = new NeuronParams(Distribution.constant(20), Distribution.constant(-50), -65, -60,
                Distribution.constant(3), Adaptation.NONE, 30, new Noise.Gaussian(5));
        NetworkSpec spec = new NetworkSpec(new Population(20, p), new Population(0, p),
                new Pathways(Pathway.NONE, Pathway.NONE, Pathway.NONE, Pathway.NONE), InputSpec.none(), StdpRule.off(), DT);
        Network net = Network.instantiate(spec, 9);
        int[] since = new int[20];
        Arrays.fill(since, Integer.MAX_VALUE);
        int held = 0, spikes = 0;
        for (int t = 0; t < 20_000; t++) {
            net.step(null);
            for (int i = 0; i < 20; i++) since[i] = since[i] == Integer.MAX_VALUE ? since[i] : since[i] + 1;
            for (int k = 0; k < net.spikeCount(); k++) {
                since[net.spike(k)] = 0;
                spikes++;
            }
            for (int i = 0; i < 20; i++) {
                if (since[i] <= 30) { // the spike's own step and the 30 refractory steps
                    assertEquals(-65, net.voltage(i), 0.0, "neuron " + i + ", " + since[i] + " steps after its spike");
                    held++;
                }
            }
        }
        assertTrue(spikes > 1000 && held > 30_000, spikes + " spikes");
    }

    // ---- Poisson -------------------------------------------------------------------------------------

    /**
     * Poisson noise of rate nu (Hz) and weight w onto free neurons. Derivation from the engine's equations:
     * a neuron's excitatory current I (mV) jumps by w at each event and decays with tau_s,
     * tau_s dI/dt = -I + tau_s w sum_k delta(t - t_k); the membrane obeys tau_m dv/dt = -(v - rest) + bias + I.
     * One event at t = 0 gives I = w e^{-t/tau_s} and, solving the membrane equation,
     * v - rest - bias = h(t) = w tau_s/(tau_s - tau_m) (e^{-t/tau_s} - e^{-t/tau_m}) (the engine's propagator
     * P_x times w). v is shot noise: v = rest + bias + sum_k h(t - t_k) with events of rate
     * lambda = nu / 1000 per ms. Campbell's theorem:
     * <ul>
     *   <li>mean: lambda int_0^inf h = lambda w tau_s/(tau_s - tau_m) (tau_s - tau_m) = lambda w tau_s,
     *       so E v = rest + bias + nu w tau_s / 1000 (the stationary current, lambda w tau_s, passed at DC gain 1);</li>
     *   <li>variance: lambda int_0^inf h^2, with int (e^{-t/a} - e^{-t/b})^2 = a/2 + b/2 - 2ab/(a + b)
     *       = (a - b)^2 / (2 (a + b)), so Var v = lambda w^2 tau_s^2 / (2 (tau_s + tau_m)).</li>
     * </ul>
     * The engine delivers the events of [t_n, t_{n+1}) at t_n and v is read at step ends, so it computes the
     * Riemann sums lambda dt sum_{j>=1} h(j dt) and lambda dt sum_{j>=1} h(j dt)^2; since h(0) = 0 they differ
     * from the integrals by lambda dt^2 h'(0)/12 = lambda dt^2 w /(12 tau_m) (2e-5 mV here) and O(dt^4),
     * far below the standard errors.
     */
    @Test
    void poissonNoiseMatchesCampbell() {
        double rate = 2000, w = 0.25;
        double tauME = 20, tauSE = 5, tauMI = 10, tauSI = 2;
        Noise p = new Noise.Poisson(rate, w);
        int nE = 300, nI = 200, steps = 100_000, warmUp = 3000;
        NetworkSpec spec = free(nE, Distribution.constant(tauME), p, tauSE, nI, Distribution.constant(tauMI), p, tauSI);
        Stats s = measure(spec, 21, warmUp, steps);
        double lambda = rate / 1000;
        assertWithin(REST + BIAS + rate * w * tauSE / 1000, s.mean(), 0, nE, "E mean of v (tau_s from ee)");
        assertWithin(REST + BIAS + rate * w * tauSI / 1000, s.mean(), nE, nE + nI, "I mean of v (tau_s from ei)");
        assertWithin(lambda * w * w * tauSE * tauSE / (2 * (tauSE + tauME)), s.variance(), 0, nE, "E variance of v");
        assertWithin(lambda * w * w * tauSI * tauSI / (2 * (tauSI + tauMI)), s.variance(), nE, nE + nI, "I variance of v");

        // The event count of the whole run (one of the two identical passes) is Poisson(n rate T).
        Network net = Network.instantiate(spec, 21);
        net.run(warmUp + steps);
        double expected = (nE + nI) * rate * (warmUp + steps) * DT / 1000;
        assertEquals(expected, net.noiseEvents(), Z * Math.sqrt(expected));
        assertEquals(0, net.synapticEvents(), "noise events are not synaptic events");
    }

    /**
     * Each neuron's event count over T is Poisson(rate T): mean and variance across 2000 neurons, at a low
     * rate and at a rate with two events per step on average (several events of one neuron in a step).
     * Standard errors: sqrt(mu / N) for the mean, mu sqrt(2/(N - 1) + 1/(mu N)) for the sample variance
     * (the Poisson excess kurtosis is 1/mu).
     */
    @ParameterizedTest
    @ValueSource(doubles = {50, 20_000})
    void eventCountsArePoisson(double rate) {
        int n = 2000, steps = rate > 1000 ? 5000 : 100_000;
        PoissonDrive drive = new PoissonDrive(0, n, rate, 1, DT, Seeds.rng(4, "noise.E"));
        double[] count = new double[n];
        double[] now = new double[n];
        boolean several = false;
        for (int t = 0; t < steps; t++) {
            Arrays.fill(now, 0);
            drive.deliver(t, now);
            for (int i = 0; i < n; i++) {
                count[i] += now[i];
                several |= now[i] > 1;
            }
        }
        double mu = rate * steps * DT / 1000;
        double mean = average(count, 0, n), var = 0;
        for (double c : count) var += (c - mean) * (c - mean);
        var /= n - 1;
        assertEquals(mu, mean, Z * Math.sqrt(mu / n), "mean count");
        assertEquals(mu, var, Z * mu * Math.sqrt(2.0 / (n - 1) + 1 / (mu * n)), "variance of the count");
        assertEquals(Math.round(mean * n), drive.events());
        if (rate > 1000) assertTrue(several, "several events of one neuron in one step");
    }

    // ---- reproducibility ------------------------------------------------------------------------------

    /** The benchmark network with less drive, so that the noise decides when neurons fire. */
    static NetworkSpec noisyBenchmark(Noise e, Noise i) {
        NetworkSpec b = ReferenceNetworks.benchmark(false).withNoise(e, i);
        NeuronParams pe = b.excitatory().neuron(), pi = b.inhibitory().neuron();
        NeuronParams le = new NeuronParams(pe.tauMembrane(), pe.threshold(), pe.reset(), pe.rest(), pe.refractory(), pe.adaptation(), 8, pe.noise());
        NeuronParams li = new NeuronParams(pi.tauMembrane(), pi.threshold(), pi.reset(), pi.rest(), pi.refractory(), pi.adaptation(), 8, pi.noise());
        return new NetworkSpec(new Population(800, le), new Population(200, li), b.recurrent(), b.input(), b.stdp(), b.dt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gaussian", "poisson"})
    void sameSeedSameRasterOtherSeedAnother(String kind) {
        Noise noise = kind.equals("gaussian") ? new Noise.Gaussian(3) : new Noise.Poisson(2000, 0.5);
        NetworkSpec spec = noisyBenchmark(noise, noise);
        SpikeRaster a = SpikeRaster.all(), b = SpikeRaster.all(), c = SpikeRaster.all();
        Network.instantiate(spec, 7).run(3000, a);
        Network.instantiate(spec, 7).run(3000, b);
        Network.instantiate(spec, 8).run(3000, c);
        assertTrue(a.size() > 500, "the noise makes the network fire: " + a.size());
        assertArrayEquals(a.steps(), b.steps());
        assertArrayEquals(a.neurons(), b.neurons());
        assertFalse(Arrays.equals(a.neurons(), c.neurons()) && Arrays.equals(a.steps(), c.steps()), "another seed, another raster");

        // Without the noise the same seed builds the same neurons and synapses: the noise has its own streams.
        Network quiet = Network.instantiate(noisyBenchmark(Noise.NONE, Noise.NONE), 7), loud = Network.instantiate(spec, 7);
        assertArrayEquals(quiet.weightsFrom(3), loud.weightsFrom(3), 0.0);
        assertArrayEquals(quiet.weightsFrom(900), loud.weightsFrom(900), 0.0);
        SpikeRaster none = SpikeRaster.all();
        quiet.run(3000, none);
        assertEquals(0, none.size(), "without noise the weakly driven network stays silent");
    }

    @Test
    void resetContinuesTheNoiseStream() {
        for (Noise noise : new Noise[] {new Noise.Gaussian(3), new Noise.Poisson(2000, 0.5)}) {
            Network net = Network.instantiate(noisyBenchmark(noise, noise), 5);
            SpikeRaster first = SpikeRaster.all(), second = SpikeRaster.all();
            net.run(2000, first);
            net.reset();
            net.run(2000, second);
            assertTrue(first.size() > 100 && second.size() > 100, noise + ": " + first.size() + ", " + second.size());
            assertFalse(Arrays.equals(first.neurons(), second.neurons()), noise + ": a reset network is a new realisation");
        }
        // Without noise a reset network repeats itself exactly.
        Network net = Network.instantiate(ReferenceNetworks.benchmark(false), 5);
        SpikeRaster first = SpikeRaster.all(), second = SpikeRaster.all();
        net.run(2000, first);
        net.reset();
        net.run(2000, second);
        assertTrue(first.size() > 100);
        assertArrayEquals(first.neurons(), second.neurons());
        assertArrayEquals(first.steps(), second.steps());
    }

    @Test
    void homogeneousKeepsTheNoise() {
        NetworkSpec spec = ReferenceNetworks.heterogeneousExample().withNoise(new Noise.Gaussian(1.5), new Noise.Poisson(800, 0.3));
        NetworkSpec h = spec.homogeneous();
        assertEquals(new Noise.Gaussian(1.5), h.excitatory().neuron().noise());
        assertEquals(new Noise.Poisson(800, 0.3), h.inhibitory().neuron().noise());
    }
}
