package org.hrsnn.sim;

import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.Pathway;

/**
 * How much heap building and running a network takes, from its sizes and connection probabilities alone, so
 * that a design too large for this process is refused with a clear message before anything is allocated
 * (instead of an OutOfMemoryError, or an array size that overflows an int).
 *
 * <p>Bytes per item, from the arrays {@link Network}, {@link Projection} and {@link Plasticity} allocate:
 * a neuron has about 25 double or int arrays' worth of state (200 B), plus one int per step of the longest
 * delay; a synapse keeps a target (int) and a weight (double), and while it is drawn a grown target list and
 * a weight sample (24 B at the peak); an E-to-E synapse also keeps its STDP record (8 doubles) and its place
 * in the post-side index, and while it is drawn the samples of its parameters (90 B more at the peak).
 * Measured peak heap of {@code Network.instantiate} (the heap pools' peak after a reset, less the heap in use
 * before; java -Xmx3g, the heterogeneous example with every probability set to p), against this estimate:
 * 1,000 neurons at p = 0.1 (100,034 synapses) 11.9 MB against 8.4 MB; 5,000 at 0.1 (2.5 million) 210 MB
 * against 205 MB; 5,000 at 0.5 (12.5 million) 965 MB against 1,021 MB; 20,000 at 0.02 (8.0 million) 657 MB
 * against 658 MB. Small networks are under-estimated, but they are not the ones that run out of memory.
 *
 * @param neurons          neurons in the network
 * @param synapses         expected number of synapses, all pathways and inputs
 * @param plasticSynapses  expected number of E-to-E synapses (which carry STDP state)
 * @param delaySteps       the longest delay in time steps (spikes are kept that long)
 * @param bytes            estimated peak heap of building the network
 */
public record MemoryEstimate(long neurons, double synapses, double plasticSynapses, double delaySteps, double bytes) {
    static final double NEURON_BYTES = 200, SYNAPSE_BYTES = 24, PLASTIC_EXTRA_BYTES = 90;
    /** Share of the heap a network may take: the rest is for its recorded states, the readout and the study. */
    static final double HEAP_SHARE = 0.5;

    public static MemoryEstimate of(NetworkSpec s) {
        double nE = s.excitatory().size(), nI = s.inhibitory().size(), lines = s.input().lines();
        var r = s.recurrent();
        double ee = r.ee().probability() * nE * Math.max(0, nE - 1);
        double syn = ee + r.ei().probability() * nE * nI + r.ie().probability() * nI * nE + r.ii().probability() * nI * Math.max(0, nI - 1)
                + s.input().toExcitatory().probability() * lines * nE + s.input().toInhibitory().probability() * lines * nI;
        double delaySteps = 1;
        for (Pathway p : new Pathway[] {r.ee(), r.ei(), r.ie(), r.ii(), s.input().toExcitatory(), s.input().toInhibitory()})
            delaySteps = Math.max(delaySteps, p.delay() / s.dt());
        double n = nE + nI;
        double bytes = n * NEURON_BYTES + 4 * (n + lines) * (delaySteps + 1) + syn * SYNAPSE_BYTES + ee * PLASTIC_EXTRA_BYTES;
        return new MemoryEstimate((long) n, syn, ee, delaySteps, bytes);
    }

    /** The most this process lets one network take: half the heap it may grow to (-Xmx). */
    public static double limit() {
        return Runtime.getRuntime().maxMemory() * HEAP_SHARE;
    }

    /** Refuses a design that would not fit in {@link #limit()}, or whose arrays would exceed Java's array size. */
    public MemoryEstimate check() {
        // Plasticity keeps 8 doubles an E-to-E synapse in one array, whose length is an int.
        if (bytes > limit() || plasticSynapses * 8 > Integer.MAX_VALUE - 8 || synapses > Integer.MAX_VALUE - 8)
            throw new TooLargeException(this);
        return this;
    }

    /** A design that does not fit in memory; the message gives its size and the limit. */
    public static final class TooLargeException extends IllegalArgumentException {
        TooLargeException(MemoryEstimate m) {
            super(String.format("the network is too large for this process: %,d neurons and about %.3g synapses%s need about %,.0f MiB,"
                            + " more than the %,.0f MiB a network may take (half of the %,.0f MiB Java heap; give Java more with -Xmx, as in"
                            + " HRSNN_JAVA_OPTS=-Xmx8g, or make the network smaller)",
                    m.neurons(), m.synapses(), m.delaySteps() > 1000 ? String.format(" with a longest delay of %.3g time steps", m.delaySteps()) : "",
                    m.bytes() / (1 << 20), limit() / (1 << 20), Runtime.getRuntime().maxMemory() / (double) (1 << 20)));
        }
    }
}
