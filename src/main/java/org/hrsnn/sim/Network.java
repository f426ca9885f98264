package org.hrsnn.sim;

import org.hrsnn.random.Seeds;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hrsnn.model.Encoding;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.NeuronParams;
import org.hrsnn.model.Noise;
import org.hrsnn.model.StdpRule;

import java.util.Arrays;
import java.util.concurrent.CancellationException;

/**
 * A network instantiated from a {@link NetworkSpec} and a seed, as flat arrays. Neurons 0..nE-1 are
 * excitatory, nE..n-1 inhibitory.
 *
 * <h2>One time step, from t_n to t_{n+1}, in this fixed order</h2>
 * <ol>
 *   <li>Recurrent spikes emitted at t_{n-d} (d = the pathway's delay in steps) arrive: their weights are
 *       added to the target's excitatory or inhibitory current. At each arriving E-to-E synapse the STDP
 *       pre event runs at t_n: depression by A- x_post, then the pre trace jumps.</li>
 *   <li>Input for sample time t_n: analog values are injected as a current for this step; rate and delta
 *       coding emit input spikes at t_n, which arrive after the input pathway's delay like recurrent ones.
 *       Then Poisson background noise ({@link Noise.Poisson}): every event of a neuron's own train that falls
 *       in [t_n, t_{n+1}) adds its weight to the neuron's excitatory current (E neurons first, then I).</li>
 *   <li>Every neuron integrates exactly over dt (Rotter and Diesmann 1999): the bias and analog input are
 *       constant over the step and each synaptic current decays exponentially within it, so
 *       v &larr; rest + (v - rest) e^{-dt/tau} + (bias + I_ext)(1 - e^{-dt/tau}) + sum_x P_x I_x, with
 *       P_x = tau_x/(tau_x - tau)(e^{-dt/tau_x} - e^{-dt/tau}). A refractory neuron is held at reset
 *       instead. Gaussian background noise ({@link Noise.Gaussian}) then adds
 *       sigma sqrt(1 - e^{-2 dt/tau}) xi to every neuron that is not refractory (one standard normal xi per
 *       neuron and step, E neurons then I, each population from its own stream), the exact update of an
 *       Ornstein-Uhlenbeck membrane. The adaptation variable decays: b &larr; b e^{-dt/tau_adp}. Synaptic
 *       currents decay by e^{-dt/tau_x}.</li>
 *   <li>Neurons with v &ge; theta0 + beta b spike at t_{n+1}: v &larr; reset, refractory for
 *       round(t_ref/dt) steps, b &larr; b + 1.</li>
 *   <li>At each E-to-E synapse onto a spiking E neuron the STDP post event runs at t_{n+1}: potentiation
 *       by A+ x_pre, then the post trace jumps.</li>
 *   <li>Monitors observe.</li>
 * </ol>
 * All decay factors are computed once at instantiation. STDP traces are per synapse (each synapse has its
 * own tau+ and tau-) and updated lazily at events, so their cost is proportional to spikes, not steps.
 * Background noise draws only from the streams {@code noise.E} and {@code noise.I}; {@link #reset()} does not
 * reseed them, so a reset network continues its noise where it stopped (and a second run after a reset is
 * a different realisation). Without noise the step does no noise work at all.
 */
public final class Network implements NetworkView {
    private final NetworkSpec spec;
    private final long seed;
    private final int n;
    private final int nE;
    private final double dt;

    // Per-neuron constants.
    private final double[] decayMembrane;
    private final double[] tauMembrane;
    private final double[] refractoryMs;
    private final double[] tauAdaptation;
    private final double[] rest;
    private final double[] reset;
    private final double[] threshold;
    private final double[] bias;
    private final int[] refractorySteps;
    private final double[] beta;
    private final double[] decayAdaptation;
    private final double[] propagateExc;
    private final double[] propagateInh;
    private final double[] propagateIn;
    private final double[] drive;           // (rest + bias)(1 - e^{-dt/tau}): the constant part of each update
    private final double[] popDecayExc = new double[2];
    private final double[] popDecayInh = new double[2];
    private final double[] popDecayIn = new double[2];
    private final boolean hasInputCurrent;
    private final boolean hasAdaptation;

    // Background noise, per population (0 = E, 1 = I): null when that population has none.
    private final double[] noiseAmplitude;  // sigma sqrt(1 - e^{-2 dt/tau}) per neuron (Gaussian noise)
    private final ZigguratSampler.NormalizedGaussian[] gaussianNoise = new ZigguratSampler.NormalizedGaussian[2];
    private final PoissonDrive[] poissonNoise = new PoissonDrive[2];
    private boolean hasPoissonNoise;

    // Per-neuron state.
    private final double[] v;
    private final double[] iExc;
    private final double[] iInh;
    private final double[] iIn;
    private final double[] iExt;
    private final double[] b;
    private final int[] refractoryLeft;

    // Recurrent synapses: ee, ei from E sources, ie, ii from I sources.
    private final Projection ee;
    private final Projection ei;
    private final Projection ie;
    private final Projection ii;
    private final int historyLength;
    private final int[][] history;       // neuron ids that spiked at time index m, in slot m % historyLength
    private final int[] historyCount;
    private final int[] historyExcCount; // how many of them are excitatory (ids are increasing)

    // Inputs: one line per channel (two for delta coding).
    private final Encoding encoding;
    private final int channels;
    private final Projection inE;
    private final Projection inI;
    // Analog input with per-synapse delays: the channel values of the last analogHistory.length steps
    // (ring buffer by step) and each input synapse's delay in steps; null without delays.
    private final double[][] analogHistory;
    private final int[] delayE;
    private final int[] delayI;
    private final int inputHistoryLength;
    private final int[][] inputHistory;
    private final int[] inputHistoryCount;
    private final InputEncoder encoder; // null for analog input

    // STDP on ee and, if the rule says so, on input-to-E synapses.
    private final StdpRule rule;
    private boolean plastic;
    private final Plasticity recurrentStdp;
    private final Plasticity inputStdp; // null unless rule.onInput()

    private long step;
    private long synapticEvents;
    private final int[] lastSpikes;
    private int lastSpikeCount;

    private Network(NetworkSpec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
        this.nE = spec.excitatory().size();
        this.n = spec.size();
        this.dt = spec.dt();
        int nI = n - nE;

        decayMembrane = new double[n];
        tauMembrane = new double[n];
        refractoryMs = new double[n];
        tauAdaptation = new double[n];
        rest = new double[n];
        reset = new double[n];
        threshold = new double[n];
        bias = new double[n];
        refractorySteps = new int[n];
        beta = new double[n];
        decayAdaptation = new double[n];
        propagateExc = new double[n];
        propagateInh = new double[n];
        propagateIn = new double[n];
        drive = new double[n];
        fillNeurons(spec.excitatory().neuron(), 0, nE, Seeds.rng(seed, "neurons.E"));
        fillNeurons(spec.inhibitory().neuron(), nE, nI, Seeds.rng(seed, "neurons.I"));
        noiseAmplitude = new double[n];
        setUpNoise(spec.excitatory().neuron().noise(), 0, 0, nE, "noise.E");
        setUpNoise(spec.inhibitory().neuron().noise(), 1, nE, nI, "noise.I");
        hasPoissonNoise = poissonNoise[0] != null || poissonNoise[1] != null;
        var rec = spec.recurrent();
        var in = spec.input();
        popDecayExc[0] = Math.exp(-dt / rec.ee().tauSynapse());
        popDecayExc[1] = Math.exp(-dt / rec.ei().tauSynapse());
        popDecayInh[0] = Math.exp(-dt / rec.ie().tauSynapse());
        popDecayInh[1] = Math.exp(-dt / rec.ii().tauSynapse());
        popDecayIn[0] = Math.exp(-dt / in.toExcitatory().tauSynapse());
        popDecayIn[1] = Math.exp(-dt / in.toInhibitory().tauSynapse());
        hasInputCurrent = in.channels() > 0;
        hasAdaptation = spec.excitatory().neuron().adaptation().enabled() || spec.inhibitory().neuron().adaptation().enabled();
        for (int i = 0; i < n; i++) {
            drive[i] = (rest[i] + bias[i]) * (1 - decayMembrane[i]);
            double tauM = -dt / Math.log(decayMembrane[i]);
            boolean e = i < nE;
            propagateExc[i] = propagator(dt, tauM, (e ? rec.ee() : rec.ei()).tauSynapse());
            propagateInh[i] = propagator(dt, tauM, (e ? rec.ie() : rec.ii()).tauSynapse());
            propagateIn[i] = propagator(dt, tauM, (e ? in.toExcitatory() : in.toInhibitory()).tauSynapse());
        }

        v = new double[n];
        iExc = new double[n];
        iInh = new double[n];
        iIn = new double[n];
        iExt = new double[n];
        b = new double[n];
        refractoryLeft = new int[n];

        rule = spec.stdp();
        double eeMax = rule.enabled() ? rule.wMax() : Double.POSITIVE_INFINITY;
        ee = Projection.random(Seeds.rng(seed, "synapses.ee"), rec.ee(), nE, 0, nE, 0, true, +1, eeMax, spec.delaySteps(rec.ee()));
        ei = Projection.random(Seeds.rng(seed, "synapses.ei"), rec.ei(), nE, 0, nI, nE, false, +1, Double.POSITIVE_INFINITY, spec.delaySteps(rec.ei()));
        ie = Projection.random(Seeds.rng(seed, "synapses.ie"), rec.ie(), nI, nE, nE, 0, false, -1, Double.POSITIVE_INFINITY, spec.delaySteps(rec.ie()));
        ii = Projection.random(Seeds.rng(seed, "synapses.ii"), rec.ii(), nI, nE, nI, nE, true, -1, Double.POSITIVE_INFINITY, spec.delaySteps(rec.ii()));
        historyLength = Math.max(Math.max(ee.delay, ei.delay), Math.max(ie.delay, ii.delay)) + 1;
        history = new int[historyLength][n];
        historyCount = new int[historyLength];
        historyExcCount = new int[historyLength];

        encoding = in.encoding();
        channels = in.channels();
        int lines = in.lines();
        int inSign = in.randomSign() ? 0 : +1;
        double inMax = rule.enabled() && rule.onInput() ? rule.wMax() : Double.POSITIVE_INFINITY;
        inE = Projection.random(Seeds.rng(seed, "input.E"), in.toExcitatory(), lines, 0, nE, 0, false, inSign, inMax, spec.delaySteps(in.toExcitatory()));
        inI = Projection.random(Seeds.rng(seed, "input.I"), in.toInhibitory(), lines, 0, nI, nE, false, inSign, Double.POSITIVE_INFINITY, spec.delaySteps(in.toInhibitory()));
        inputHistoryLength = Math.max(inE.delay, inI.delay) + 1;
        inputHistory = new int[inputHistoryLength][lines];
        inputHistoryCount = new int[inputHistoryLength];
        encoder = InputEncoder.of(encoding, channels, dt, Seeds.rng(seed, "input.noise"));
        double maxDelay = encoding instanceof Encoding.Analog analog ? analog.maxDelay() : 0;
        int maxDelaySteps = (int) Math.round(maxDelay / dt);
        // No draws without delays, so networks without them are the same as before delays existed.
        analogHistory = maxDelaySteps > 0 ? new double[maxDelaySteps + 1][channels] : null;
        delayE = maxDelaySteps > 0 ? delays(inE, maxDelay, Seeds.rng(seed, "input.delays.E")) : null;
        delayI = maxDelaySteps > 0 ? delays(inI, maxDelay, Seeds.rng(seed, "input.delays.I")) : null;

        recurrentStdp = new Plasticity(ee, nE, 0, rule, Seeds.rng(seed, "stdp"));
        inputStdp = rule.enabled() && rule.onInput() ? new Plasticity(inE, nE, 0, rule, Seeds.rng(seed, "stdp.input")) : null;
        plastic = rule.enabled();

        lastSpikes = new int[n];
        reset();
    }

    /** Per-synapse delays of an analog input projection: uniform on [0, maxDelay] ms, rounded to whole steps. */
    private int[] delays(Projection p, double maxDelay, UniformRandomProvider rng) {
        int[] d = new int[p.size()];
        for (int s = 0; s < d.length; s++) d[s] = (int) Math.round(rng.nextDouble() * maxDelay / dt);
        return d;
    }

    /** Builds the network of {@code spec} with {@code seed}; the same pair always gives the same network. */
    public static Network instantiate(NetworkSpec spec, long seed) {
        MemoryEstimate.of(spec).check(); // a clear refusal instead of an OutOfMemoryError
        return new Network(spec, seed);
    }

    private void fillNeurons(NeuronParams p, int from, int count, UniformRandomProvider rng) {
        double[] tau = p.tauMembrane().sample(rng, count);
        double[] theta = p.threshold().sample(rng, count);
        double[] ref = p.refractory().sample(rng, count);
        double[] tauAdp = p.adaptation().tau().sample(rng, count);
        for (int k = 0; k < count; k++) {
            int i = from + k;
            decayMembrane[i] = Math.exp(-dt / tau[k]);
            tauMembrane[i] = tau[k];
            refractoryMs[i] = ref[k];
            tauAdaptation[i] = tauAdp[k];
            threshold[i] = theta[k];
            refractorySteps[i] = (int) Math.round(ref[k] / dt);
            decayAdaptation[i] = Math.exp(-dt / tauAdp[k]);
        }
        Arrays.fill(rest, from, from + count, p.rest());
        Arrays.fill(reset, from, from + count, p.reset());
        Arrays.fill(bias, from, from + count, p.bias());
        Arrays.fill(beta, from, from + count, p.adaptation().beta());
    }

    private void setUpNoise(Noise noise, int pop, int from, int count, String stream) {
        if (!noise.enabled() || count == 0) return;
        if (noise instanceof Noise.Gaussian g) {
            for (int i = from; i < from + count; i++)
                noiseAmplitude[i] = g.sigma() * Math.sqrt(-Math.expm1(2 * Math.log(decayMembrane[i]))); // 1 - e^{-2 dt/tau}
            gaussianNoise[pop] = ZigguratSampler.NormalizedGaussian.of(Seeds.rng(seed, stream));
        } else if (noise instanceof Noise.Poisson p) {
            poissonNoise[pop] = new PoissonDrive(from, count, p.rate(), p.weight(), dt, Seeds.rng(seed, stream));
        }
    }

    /**
     * Contribution to v after dt of a unit current that decays with tauS, for a membrane with tauM:
     * tauS/(tauS - tauM) (e^{-dt/tauS} - e^{-dt/tauM}), written with expm1 so it stays accurate as
     * tauS approaches tauM, where it tends to (dt/tauM) e^{-dt/tauM}.
     */
    static double propagator(double dt, double tauM, double tauS) {
        if (tauS == tauM) return dt / tauM * Math.exp(-dt / tauM);
        double x = dt * (tauS - tauM) / (tauS * tauM);
        double p = tauS / (tauS - tauM) * Math.exp(-dt / tauM) * Math.expm1(x);
        // A membrane far faster than the step (tauM of 1e-4 ms, drawn from a wide gamma) makes e^{-dt/tauM} 0 and
        // expm1(x) infinite: 0 * inf = NaN, which spread through the readout (two trials of a study failed "nrmse
        // is NaN"). The two exponentials then differ by more than a factor e, so the plain difference is accurate;
        // it is used only there, so every finite result stays bit for bit what it was.
        return Double.isFinite(p) ? p : tauS / (tauS - tauM) * (Math.exp(-dt / tauS) - Math.exp(-dt / tauM));
    }

    /**
     * Puts every neuron at rest and clears currents, pending spikes and traces; weights are kept. The noise
     * streams are not reseeded: the background noise continues where it stopped (each Poisson train keeps
     * its remaining waiting time), so runs after a reset are further realisations, not repeats.
     */
    public void reset() {
        for (PoissonDrive p : poissonNoise) if (p != null) p.rewind(step);
        System.arraycopy(rest, 0, v, 0, n);
        Arrays.fill(iExc, 0);
        Arrays.fill(iInh, 0);
        Arrays.fill(iIn, 0);
        Arrays.fill(iExt, 0);
        Arrays.fill(b, 0);
        Arrays.fill(refractoryLeft, 0);
        Arrays.fill(historyCount, 0);
        Arrays.fill(historyExcCount, 0);
        Arrays.fill(inputHistoryCount, 0);
        if (analogHistory != null) for (double[] h : analogHistory) Arrays.fill(h, 0);
        recurrentStdp.reset();
        if (inputStdp != null) inputStdp.reset();
        if (encoder != null) encoder.reset();
        step = 0;
        lastSpikeCount = 0;
    }

    /** Switches STDP on or off (off freezes the weights). Has no effect if the spec's rule is disabled. */
    public void setPlastic(boolean on) {
        plastic = on && rule.enabled();
    }

    public boolean isPlastic() {
        return plastic;
    }

    /** Runs {@code stimulus} through the network from its current state. */
    public void run(Stimulus stimulus, Monitor... monitors) {
        if (stimulus.channels() != channels)
            throw new IllegalArgumentException("stimulus has " + stimulus.channels() + " channels, the network expects " + channels);
        int steps = stimulus.steps();
        for (Monitor m : monitors) m.begin(this, steps);
        for (int k = 0; k < steps; k++) {
            // Let a caller that gave up (a trial timeout, a task stage no longer needed) stop it: at the start of
            // every run, as a classification task makes hundreds of runs of a few hundred steps, and every 4,096 steps.
            if ((k & 4095) == 0 && Thread.currentThread().isInterrupted()) throw new CancellationException("simulation interrupted");
            step(channels == 0 ? null : stimulus.at(k));
            for (Monitor m : monitors) m.afterStep(this, k);
        }
    }

    /** Runs {@code steps} steps with every input channel at zero. */
    public void run(int steps, Monitor... monitors) {
        run(new Stimulus(new double[1][channels], steps), monitors);
    }

    /** Advances one time step with channel values {@code u} (null for none). */
    public void step(double[] u) {
        long t = step;
        double now = t * dt;
        deliver(ee, t, true, iExc, now);
        deliver(ei, t, true, iExc, now);
        deliver(ie, t, false, iInh, now);
        deliver(ii, t, false, iInh, now);
        if (u != null) applyInput(u, t);
        if (hasPoissonNoise) {
            if (poissonNoise[0] != null) poissonNoise[0].deliver(t, iExc);
            if (poissonNoise[1] != null) poissonNoise[1].deliver(t, iExc);
        }

        integrate(0, nE, 0);
        integrate(nE, n, 1);
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (refractoryLeft[i] > 0) {
                refractoryLeft[i]--;
                continue;
            }
            if (v[i] >= threshold[i] + beta[i] * b[i]) {
                v[i] = reset[i];
                refractoryLeft[i] = refractorySteps[i];
                b[i] += 1;
                lastSpikes[count++] = i;
            }
        }
        lastSpikeCount = count;
        int slot = (int) ((t + 1) % historyLength);
        System.arraycopy(lastSpikes, 0, history[slot], 0, count);
        historyCount[slot] = count;
        int excCount = 0;
        while (excCount < count && lastSpikes[excCount] < nE) excCount++;
        historyExcCount[slot] = excCount;
        if (plastic) {
            double later = (t + 1) * dt;
            for (int k = 0; k < excCount; k++) recurrentStdp.potentiate(lastSpikes[k], later);
            if (inputStdp != null) for (int k = 0; k < excCount; k++) inputStdp.potentiate(lastSpikes[k], later);
        }
        step = t + 1;
    }

    /**
     * Step 3 for neurons [from, to) of population {@code pop} (0 = E, 1 = I): branch-free so the JIT can
     * keep it tight; the threshold test follows in a separate pass.
     */
    private void integrate(int from, int to, int pop) {
        double dExc = popDecayExc[pop], dInh = popDecayInh[pop], dIn = popDecayIn[pop];
        for (int i = from; i < to; i++) {
            double vi = v[i] * decayMembrane[i] + drive[i] + iExc[i] * propagateExc[i] + iInh[i] * propagateInh[i];
            iExc[i] *= dExc;
            iInh[i] *= dInh;
            v[i] = refractoryLeft[i] > 0 ? reset[i] : vi;
        }
        if (hasInputCurrent) {
            for (int i = from; i < to; i++) {
                double add = iIn[i] * propagateIn[i] + iExt[i] * (1 - decayMembrane[i]);
                iIn[i] *= dIn;
                iExt[i] = 0;
                if (refractoryLeft[i] == 0) v[i] += add;
            }
        }
        ZigguratSampler.NormalizedGaussian gauss = gaussianNoise[pop];
        if (gauss != null) {
            for (int i = from; i < to; i++) if (refractoryLeft[i] == 0) v[i] += noiseAmplitude[i] * gauss.sample();
        }
        if (hasAdaptation) for (int i = from; i < to; i++) b[i] *= decayAdaptation[i];
    }

    private void deliver(Projection p, long t, boolean fromExcitatory, double[] current, double now) {
        long emitted = t - p.delay;
        if (emitted < 1 || p.size() == 0) return; // time index 0 is the initial state: no spikes
        int slot = (int) (emitted % historyLength);
        int[] ids = history[slot];
        int from = fromExcitatory ? 0 : historyExcCount[slot];
        int to = fromExcitatory ? historyExcCount[slot] : historyCount[slot];
        int[] rowStart = p.rowStart;
        int[] target = p.target;
        double[] w = p.weight;
        if (plastic && p == ee) {
            deliverPlastic(ids, from, to, now);
            return;
        }
        for (int k = from; k < to; k++) {
            int j = ids[k] - p.sourceOffset;
            int end = rowStart[j + 1];
            for (int s = rowStart[j]; s < end; s++) current[target[s]] += w[s];
            synapticEvents += end - rowStart[j];
        }
    }

    /** Step 1 for the plastic E-to-E projection: the current, then the STDP pre event, per synapse. */
    private void deliverPlastic(int[] ids, int from, int to, double now) {
        for (int k = from; k < to; k++) synapticEvents += recurrentStdp.deliverAndDepress(ids[k], iExc, now);
    }

    private void applyInput(double[] u, long t) {
        if (analogHistory != null) {
            int length = analogHistory.length;
            System.arraycopy(u, 0, analogHistory[(int) (t % length)], 0, channels);
            injectDelayed(inE, delayE, t, length);
            injectDelayed(inI, delayI, t, length);
            return;
        }
        if (encoding instanceof Encoding.Analog) {
            int taps = encoding.linesPerChannel();
            for (int line = 0, lines = channels * taps; line < lines; line++) {
                double x = u[line / taps];
                if (x != 0) {
                    inject(inE, line, x);
                    inject(inI, line, x);
                }
            }
            return;
        }
        int slot = (int) (t % inputHistoryLength);
        inputHistoryCount[slot] = encoder.encode(u, inputHistory[slot]);
        deliverInput(inE, t, inputStdp != null && plastic);
        deliverInput(inI, t, false);
    }
    /** Analog input through per-synapse delays: the value each synapse carries is its channel's d_s steps ago (0 before the start). */
    private void injectDelayed(Projection p, int[] delay, long t, int length) {
        int taps = encoding.linesPerChannel();
        for (int line = 0, lines = channels * taps; line < lines; line++) {
            int c = line / taps;
            for (int s = p.rowStart[line], end = p.rowStart[line + 1]; s < end; s++) {
                long from = t - delay[s];
                if (from >= 0) iExt[p.target[s]] += p.weight[s] * analogHistory[(int) (from % length)][c];
            }
        }
    }

    private void inject(Projection p, int line, double x) {
        for (int s = p.rowStart[line], end = p.rowStart[line + 1]; s < end; s++) iExt[p.target[s]] += p.weight[s] * x;
    }

    private void deliverInput(Projection p, long t, boolean learn) {
        long emitted = t - p.delay;
        if (emitted < 0 || p.size() == 0) return;
        int slot = (int) (emitted % inputHistoryLength);
        int[] lines = inputHistory[slot];
        for (int k = 0, c = inputHistoryCount[slot]; k < c; k++) {
            int line = lines[k];
            if (learn) {
                synapticEvents += inputStdp.deliverAndDepress(line, iIn, t * dt);
                continue;
            }
            for (int s = p.rowStart[line], end = p.rowStart[line + 1]; s < end; s++) iIn[p.target[s]] += p.weight[s];
            synapticEvents += p.rowStart[line + 1] - p.rowStart[line];
        }
    }

    // ---- read-only access -------------------------------------------------------------------------

    public NetworkSpec spec() { return spec; }
    public long seed() { return seed; }
    @Override public int size() { return n; }
    @Override public int excitatorySize() { return nE; }
    @Override public double dt() { return dt; }
    @Override public int spikeCount() { return lastSpikeCount; }
    @Override public int spike(int k) { return lastSpikes[k]; }
    @Override public double voltage(int neuron) { return v[neuron]; }
    @Override public double thresholdIncrease(int neuron) { return beta[neuron] * b[neuron]; }
    @Override public double[] excitatoryWeights() { return ee.weightsCopy(); }

    /** Signed weights of every recurrent synapse leaving {@code neuron}. */
    public double[] weightsFrom(int neuron) {
        Projection[] out = neuron < nE ? new Projection[] {ee, ei} : new Projection[] {ie, ii};
        int j = neuron < nE ? neuron : neuron - nE;
        return Arrays.stream(out).flatMapToDouble(p -> Arrays.stream(p.weight, p.rowStart[j], p.rowStart[j + 1])).toArray();
    }

    /** Steps taken since the last reset. */
    public long steps() { return step; }

    /** Synaptic events delivered since instantiation (recurrent and input spikes times their fan-out). */
    public long synapticEvents() { return synapticEvents; }

    /** Poisson background events delivered since instantiation, both populations (not in {@link #synapticEvents()}). */
    public long noiseEvents() {
        long e = 0;
        for (PoissonDrive p : poissonNoise) if (p != null) e += p.events();
        return e;
    }

    public int synapseCount() { return ee.size() + ei.size() + ie.size() + ii.size(); }

    public int excitatorySynapseCount() { return ee.size(); }

    /** Membrane time constant of a neuron, ms (recomputed from its decay factor). */
    public double tauMembrane(int neuron) { return -dt / Math.log(decayMembrane[neuron]); }

    public double threshold(int neuron) { return threshold[neuron]; }

    /** Per-synapse STDP parameters of E-to-E synapse {@code s}: {A+, A-, tau+, tau-}. */
    public double[] stdpParameters(int s) {
        return recurrentStdp.parameters(s);
    }

    /** Source and target neuron of E-to-E synapse {@code s}. */
    public int[] excitatorySynapse(int s) {
        int j = Arrays.binarySearch(ee.rowStart, s);
        if (j < 0) j = -j - 2;
        else while (j + 1 < ee.rowStart.length && ee.rowStart[j + 1] == s) j++;
        return new int[] {j, ee.target[s]};
    }

    /** E-to-E synapse id from {@code pre} to {@code post}, or -1. */
    public int findExcitatorySynapse(int pre, int post) {
        int k = Arrays.binarySearch(ee.target, ee.rowStart[pre], ee.rowStart[pre + 1], post);
        return k >= 0 ? k : -1;
    }

    /** Per-synapse STDP parameters of input-to-E synapse {@code s}, or null when input synapses are not plastic. */
    public double[] inputStdpParameters(int s) {
        return inputStdp == null ? null : inputStdp.parameters(s);
    }

    /** A copy of the input-to-E weights, in synapse order (rows are input lines). */
    public double[] inputWeights() {
        return inE.weightsCopy();
    }

    /** Input-to-E synapse id from input line {@code line} to E neuron {@code post}, or -1. */
    public int findInputSynapse(int line, int post) {
        int k = Arrays.binarySearch(inE.target, inE.rowStart[line], inE.rowStart[line + 1], post);
        return k >= 0 ? k : -1;
    }

    /** Sets one E-to-E weight (for experiments and tests); the value is used from the next arrival on. */
    public void setExcitatoryWeight(int s, double w) {
        ee.weight[s] = w;
    }

    /** Puts neuron {@code i} at voltage {@code value} (for experiments and tests). */
    public void setVoltage(int i, double value) {
        v[i] = value;
    }

    /**
     * This network as explicit arrays (copies): per-neuron parameters and every synapse with its current
     * weight. Used to export a trained network.
     */
    public NetworkArrays arrays() {
        var rec = spec.recurrent();
        var in = spec.input();
        double[] tauExc = new double[n], tauInh = new double[n], tauIn = new double[n];
        for (int i = 0; i < n; i++) {
            boolean e = i < nE;
            tauExc[i] = (e ? rec.ee() : rec.ei()).tauSynapse();
            tauInh[i] = (e ? rec.ie() : rec.ii()).tauSynapse();
            tauIn[i] = (e ? in.toExcitatory() : in.toInhibitory()).tauSynapse();
        }
        int nI = n - nE;
        return new NetworkArrays(n, nE, dt, tauMembrane.clone(), threshold.clone(), reset.clone(), rest.clone(), bias.clone(),
                refractoryMs.clone(), beta.clone(), tauAdaptation.clone(), tauExc, tauInh, tauIn,
                synapses(ee, nE, 0), synapses(ei, nI, nE), synapses(ie, nE, 0), synapses(ii, nI, nE),
                synapses(inE, nE, 0, delayE), synapses(inI, nI, nE, delayI));
    }

    private static NetworkArrays.Synapses synapses(Projection p, int targets, int targetOffset) {
        return synapses(p, targets, targetOffset, null);
    }

    private static NetworkArrays.Synapses synapses(Projection p, int targets, int targetOffset, int[] delays) {
        return new NetworkArrays.Synapses(p.sources, p.sourceOffset, targets, targetOffset, p.rowStart.clone(), p.target.clone(),
                p.weightsCopy(), p.delay, delays == null ? null : delays.clone());
    }

    /**
     * Switches off refractory periods, threshold adaptation and background noise from now on, keeping
     * weights and everything else: the network that a model without those features (such as its NIR
     * export) describes, for comparisons with such models.
     */
    /**
     * Takes the weights of {@code a} (a trained network of the same design and seed built at another time step,
     * {@link #arrays()}), so that this network is the same graph discretised at this network's step: for the
     * NIR check at another dt. Per-synapse input delays are converted to this step, rounding half to even as
     * numpy does. Refuses arrays of another structure, and delays that are not whole steps here.
     */
    public void adoptWeights(NetworkArrays a) {
        if (a.size() != n || a.excitatory() != nE) throw new IllegalArgumentException("another network: " + a.size() + " neurons against " + n);
        if (!Arrays.equals(a.tauMembrane(), tauMembrane) || !Arrays.equals(a.threshold(), threshold) || !Arrays.equals(a.rest(), rest)
                || !Arrays.equals(a.bias(), bias) || !Arrays.equals(a.reset(), reset))
            throw new IllegalArgumentException("another network: its neuron parameters differ");
        adopt(ee, a.ee(), a.dt(), null);
        adopt(ei, a.ei(), a.dt(), null);
        adopt(ie, a.ie(), a.dt(), null);
        adopt(ii, a.ii(), a.dt(), null);
        adopt(inE, a.inE(), a.dt(), delayE);
        adopt(inI, a.inI(), a.dt(), delayI);
    }

    private void adopt(Projection p, NetworkArrays.Synapses s, double fromDt, int[] delays) {
        if (!Arrays.equals(p.rowStart, s.rowStart()) || !Arrays.equals(p.target, s.target()))
            throw new IllegalArgumentException("another network: its synapses differ");
        System.arraycopy(s.weight(), 0, p.weight, 0, p.weight.length);
        if (s.delays() != null) {
            if (delays == null) throw new IllegalArgumentException("per-synapse input delays in the arrays, none in this network");
            int longest = analogHistory.length - 1;
            for (int k = 0; k < delays.length; k++) {
                delays[k] = (int) Math.rint(s.delays()[k] * fromDt / dt);
                if (delays[k] > longest) throw new IllegalArgumentException("an input delay beyond this network's longest");
            }
        } else if (p.size() > 0 && !(encoding instanceof Encoding.Analog && (p == inE || p == inI))) {
            double steps = s.delaySteps() * fromDt / dt;
            if (Math.abs(steps - p.delay) > 1e-9 * Math.max(1, steps))
                throw new IllegalArgumentException(String.format("a delay of %s ms is not %d whole steps of %s ms", s.delaySteps() * fromDt, p.delay, dt));
        }
    }

    public void removeRefractoryAdaptationAndNoise() {
        Arrays.fill(refractorySteps, 0);
        Arrays.fill(refractoryLeft, 0);
        Arrays.fill(beta, 0);
        Arrays.fill(noiseAmplitude, 0);
        gaussianNoise[0] = gaussianNoise[1] = null;
        poissonNoise[0] = poissonNoise[1] = null;
        hasPoissonNoise = false;
    }
}
