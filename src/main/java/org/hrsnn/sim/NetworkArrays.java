package org.hrsnn.sim;

/**
 * A network as explicit arrays: every neuron's parameters and every synapse, as the engine holds them after
 * instantiation (and after training, with the weights of that moment). Neurons 0..nE-1 are excitatory.
 * It is what leaves hrsnn when a trained network is exported, so the arrays are copies.
 *
 * @param tauMembrane membrane time constant per neuron, ms (as drawn)
 * @param refractory  refractory period per neuron, ms (as drawn; the engine rounds it to whole steps)
 * @param beta        threshold increase per unit of adaptation per neuron, mV (0: no adaptation)
 * @param tauAdaptation time constant of the adaptation variable per neuron, ms
 * @param tauExcitatory time constant of each neuron's excitatory current (ee for E targets, ei for I), ms
 * @param tauInhibitory time constant of each neuron's inhibitory current (ie for E targets, ii for I), ms
 * @param tauInput      time constant of each neuron's spiking-input current, ms
 * @param ee            E to E synapses; {@code ei}, {@code ie}, {@code ii} likewise; {@code inE}, {@code inI} from input lines
 */
public record NetworkArrays(int size, int excitatory, double dt,
                            double[] tauMembrane, double[] threshold, double[] reset, double[] rest, double[] bias,
                            double[] refractory, double[] beta, double[] tauAdaptation,
                            double[] tauExcitatory, double[] tauInhibitory, double[] tauInput,
                            Synapses ee, Synapses ei, Synapses ie, Synapses ii, Synapses inE, Synapses inI) {

    /**
     * Synapses from {@code sources} sources (ids from {@code sourceOffset}) to {@code targets} neurons (ids
     * from {@code targetOffset}), as compressed rows by source: source j's targets are
     * {@code target[rowStart[j]] .. target[rowStart[j+1]-1]} (absolute neuron ids, increasing), with signed
     * {@code weight}s (mV). All share one delay of {@code delaySteps} time steps, unless {@code delays} gives
     * each synapse its own (whole steps, aligned with {@code target}; analog input with per-synapse delays).
     */
    public record Synapses(int sources, int sourceOffset, int targets, int targetOffset, int[] rowStart, int[] target,
                           double[] weight, int delaySteps, int[] delays) {
        /** Synapses sharing one delay. */
        public Synapses(int sources, int sourceOffset, int targets, int targetOffset, int[] rowStart, int[] target, double[] weight, int delaySteps) {
            this(sources, sourceOffset, targets, targetOffset, rowStart, target, weight, delaySteps, null);
        }

        public Synapses {
            if (delays != null && delays.length != target.length)
                throw new IllegalArgumentException(delays.length + " per-synapse delays for " + target.length + " synapses");
        }

        /** The delay of synapse {@code s}, in steps. */
        public int delayOf(int s) {
            return delays == null ? delaySteps : delays[s];
        }

        /** The weights as a dense targets x sources matrix (row i: onto neuron targetOffset + i). */
        public double[][] dense() {
            double[][] w = new double[targets][sources];
            for (int j = 0; j < sources; j++)
                for (int s = rowStart[j]; s < rowStart[j + 1]; s++) w[target[s] - targetOffset][j] = weight[s];
            return w;
        }

        public int size() {
            return target.length;
        }
    }
}
