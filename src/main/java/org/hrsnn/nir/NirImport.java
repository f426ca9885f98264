package org.hrsnn.nir;

import com.fasterxml.jackson.databind.JsonNode;
import org.hrsnn.export.DesignFiles;
import org.hrsnn.export.DesignFormatException;
import org.hrsnn.nir.NirGraph.Edge;
import org.hrsnn.nir.NirGraph.Integers;
import org.hrsnn.nir.NirGraph.Node;
import org.hrsnn.nir.NirGraph.Reals;
import org.hrsnn.nir.NirGraph.Text;
import org.hrsnn.nir.NirGraph.Value;
import org.hrsnn.sim.NetworkArrays;
import org.hrsnn.sim.NetworkArrays.Synapses;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph back into hrsnn's terms: the explicit network (every neuron and weight) and, when the graph
 * carries one (metadata {@code hrsnn_design}), the design and seed it was exported from. It reads graphs of
 * the shape {@link NirExport} writes, from any tool: one or two {@code LIF} populations (E and I: metadata
 * {@code population}, else the node names {@code E} and {@code I}); into a population, {@code LI} synaptic
 * currents ({@code r = tau}, {@code v_leak = 0}) each fed by a {@code Linear} (or zero-bias {@code Affine}) from a
 * {@code Delay} of whole time steps on a population's spikes or the graph's {@code Input}, or a {@code Linear}
 * straight from the {@code Input} (analog input); {@code Output} nodes. Anything else is refused naming the node.
 * Weights that are exactly zero are read as absent synapses (they carry nothing either way).
 */
public final class NirImport {
    private NirImport() {}

    /**
     * @param network  the explicit network
     * @param inputLines the graph's input width (0 without input)
     * @param analogInput whether the input enters the membranes directly (analog) or as spikes
     * @param design   the design and seed exported with it, or null
     */
    public record Imported(NetworkArrays network, int inputLines, boolean analogInput, DesignFiles.Design design) {}

    public static Imported read(NirGraph g, String file) throws NirFormatException {
        return new Reader(g, file).read();
    }

    private static final class Reader {
        final NirGraph g;
        final String file;
        String eName, iName, inputName;
        int nE, nI, lines;
        double dt;

        Reader(NirGraph g, String file) {
            this.g = g;
            this.file = file;
        }

        NirFormatException error(String node, String problem) {
            return new NirFormatException(file, node == null ? "graph" : "node '" + node + "'", problem);
        }

        Imported read() throws NirFormatException {
            for (var e : g.nodes().entrySet()) {
                String t = e.getValue().type();
                switch (t) {
                    case "LIF" -> {
                        String pop = text(e.getValue().metadata().get("population"));
                        boolean exc = pop != null ? pop.equals("excitatory") : e.getKey().equals("E");
                        boolean inh = pop != null ? pop.equals("inhibitory") : e.getKey().equals("I");
                        if (!exc && !inh) throw error(e.getKey(), "a LIF population must be marked excitatory or inhibitory (metadata 'population') or be named E or I");
                        if (exc && eName != null || inh && iName != null) throw error(e.getKey(), "a second " + (exc ? "excitatory" : "inhibitory") + " population; hrsnn has one of each");
                        if (exc) eName = e.getKey(); else iName = e.getKey();
                    }
                    case "Input" -> {
                        if (inputName != null) throw error(e.getKey(), "a second Input; hrsnn reads one input");
                        inputName = e.getKey();
                        long[] shape = ints(e.getKey(), e.getValue(), "shape");
                        if (shape.length != 1 || shape[0] < 1) throw error(e.getKey(), "field 'shape' must be one positive length, got " + Arrays.toString(shape));
                        lines = (int) shape[0];
                    }
                    case "Output", "Linear", "Affine", "LI", "Delay" -> {}
                    default -> throw error(e.getKey(), "type " + t + " is not read by hrsnn (it reads Input, Output, LIF, LI, Linear, Affine and Delay)");
                }
            }
            if (eName == null && iName == null) throw error(null, "has no LIF population");
            Value dtValue = g.metadata().get("dt");
            if (!(dtValue instanceof Reals r && r.data().length == 1 && r.data()[0] > 0))
                throw error(null, "needs metadata 'dt' (the time step in ms, > 0) to turn delays into whole steps");
            dt = r.data()[0];
            nE = eName == null ? 0 : length(eName, "tau");
            nI = iName == null ? 0 : length(iName, "tau");
            int n = nE + nI;
            double[] tau = new double[n], theta = new double[n], reset = new double[n], rest = new double[n], bias = new double[n],
                    ref = new double[n], beta = new double[n], tauAdp = new double[n];
            Arrays.fill(tauAdp, 1);
            double[] tauExc = new double[n], tauInh = new double[n], tauIn = new double[n];
            Arrays.fill(tauExc, 1);
            Arrays.fill(tauInh, 1);
            Arrays.fill(tauIn, 1);
            if (eName != null) neurons(eName, 0, nE, tau, theta, reset, rest, bias, ref, beta, tauAdp);
            if (iName != null) neurons(iName, nE, nI, tau, theta, reset, rest, bias, ref, beta, tauAdp);

            Synapses ee = empty(nE, 0, nE, 0), ei = empty(nE, 0, nI, nE), ie = empty(nI, nE, nE, 0), ii = empty(nI, nE, nI, nE);
            Synapses inE = empty(lines, 0, nE, 0), inI = empty(lines, 0, nI, nE);
            Boolean analog = null;
            for (String target : new String[] {eName, iName}) {
                if (target == null) continue;
                boolean toE = target.equals(eName);
                int targets = toE ? nE : nI, offset = toE ? 0 : nE;
                for (String src : inputsOf(target)) {
                    Node s = g.nodes().get(src);
                    if (s.type().equals("LI")) {
                        Chain c = chain(src, targets);
                        double[] tauS = reals(src, s, "tau", targets);
                        if (c.source.equals(inputName)) {
                            if (Boolean.TRUE.equals(analog)) throw error(src, "spiking input beside analog input; hrsnn has one input encoding");
                            analog = false;
                            if (toE) inE = synapses(c, lines, 0, targets, offset); else inI = synapses(c, lines, 0, targets, offset);
                            System.arraycopy(tauS, 0, tauIn, offset, targets);
                        } else {
                            boolean fromE = c.source.equals(eName);
                            int sources = fromE ? nE : nI, srcOffset = fromE ? 0 : nE;
                            Synapses syn = synapses(c, sources, srcOffset, targets, offset);
                            if (fromE && toE) ee = syn; else if (fromE) ei = syn; else if (toE) ie = syn; else ii = syn;
                            System.arraycopy(tauS, 0, fromE ? tauExc : tauInh, offset, targets);
                        }
                    } else if (s.type().equals("Linear") || s.type().equals("Affine")) {
                        List<String> in = inputsOf(src);
                        if (Boolean.FALSE.equals(analog)) throw error(src, "analog input beside spiking input; hrsnn has one input encoding");
                        Synapses syn;
                        if (in.size() == 1 && in.get(0).equals(inputName)) {
                            syn = sparse(weight(src, s, targets, lines), lines, 0, offset, 1);
                        } else if (in.size() == 1 && g.nodes().get(in.get(0)).type().equals("Delay")) {
                            syn = delayedInput(src, s, in.get(0), targets, offset);
                        } else {
                            throw error(src, "a Linear straight into a population must be fed by the Input alone, or by a Delay of Input taps (analog input);"
                                    + " recurrent spikes need a Delay and an LI synaptic current");
                        }
                        analog = true;
                        if (toE) inE = syn; else inI = syn;
                    } else {
                        throw error(src, "feeds population '" + target + "' but is a " + s.type() + "; hrsnn reads LI synaptic currents and analog Linear input there");
                    }
                }
            }
            for (Edge e : g.edges()) {
                Node to = g.nodes().get(e.to());
                if (to.type().equals("Input")) throw error(e.to(), "an Input cannot have incoming edges");
            }
            NetworkArrays net = new NetworkArrays(n, nE, dt, tau, theta, reset, rest, bias, ref, beta, tauAdp, tauExc, tauInh, tauIn,
                    ee, ei, ie, ii, inE, inI);
            return new Imported(net, lines, analog == null || analog, design());
        }

        DesignFiles.Design design() throws NirFormatException {
            String json = text(g.metadata().get("hrsnn_design"));
            if (json == null) return null;
            try {
                JsonNode tree = DesignFiles.mapper().readTree(json);
                return DesignFiles.fromTree(tree, file + " (metadata 'hrsnn_design')");
            } catch (DesignFormatException e) {
                throw new NirFormatException(file, "graph metadata 'hrsnn_design'", e.getMessage());
            } catch (java.io.IOException e) {
                throw new NirFormatException(file, "graph metadata 'hrsnn_design'", "is not valid JSON: " + e.getMessage());
            }
        }

        /** An LI synaptic current's chain back to its source: LI <- Linear <- Delay <- source. */
        record Chain(String li, String linear, String delay, String source, int delaySteps, double[][] weight) {}

        Chain chain(String li, int targets) throws NirFormatException {
            Node s = g.nodes().get(li);
            double[] tauS = reals(li, s, "tau", targets), r = reals(li, s, "r", targets), leak = reals(li, s, "v_leak", targets);
            for (int k = 0; k < targets; k++) {
                if (r[k] != tauS[k]) throw error(li, "field 'r' must equal 'tau' (a spike makes the current jump by the weight), got r " + r[k] + " and tau " + tauS[k] + " at " + k);
                if (leak[k] != 0) throw error(li, "field 'v_leak' must be 0 for a synaptic current, got " + leak[k] + " at " + k);
            }
            List<String> in = inputsOf(li);
            if (in.size() != 1) throw error(li, "a synaptic current must be fed by exactly one Linear, has " + in.size() + " inputs");
            String linear = in.get(0);
            Node lin = g.nodes().get(linear);
            if (!lin.type().equals("Linear") && !lin.type().equals("Affine")) throw error(linear, "feeds synaptic current '" + li + "' but is a " + lin.type() + ", not a Linear");
            List<String> in2 = inputsOf(linear);
            if (in2.size() != 1 || !g.nodes().get(in2.get(0)).type().equals("Delay"))
                throw error(linear, "must be fed by exactly one Delay (hrsnn's synapses have a delay of at least one step)");
            String delay = in2.get(0);
            List<String> in3 = inputsOf(delay);
            if (in3.size() != 1) throw error(delay, "must be fed by exactly one population or the Input, has " + in3.size() + " inputs");
            String source = in3.get(0);
            int sources;
            if (source.equals(eName)) sources = nE;
            else if (source.equals(iName)) sources = nI;
            else if (source.equals(inputName)) sources = lines;
            else throw error(delay, "is fed by '" + source + "', which is neither a population nor the Input");
            double[] d = reals(delay, g.nodes().get(delay), "delay", sources);
            double steps = d[0] / dt;
            int whole = (int) Math.round(steps);
            for (double x : d) {
                if (x != d[0]) throw error(delay, "field 'delay' must be one value for all its lines (hrsnn has one delay per pathway), got " + d[0] + " and " + x);
            }
            if (whole < 1 || Math.abs(steps - whole) > 1e-9 * Math.max(1, steps))
                throw error(delay, "field 'delay' must be a whole number (>= 1) of time steps dt = " + dt + " ms, got " + d[0] + " ms");
            return new Chain(li, linear, delay, source, whole, weight(linear, lin, targets, sources));
        }

        /**
         * Analog input through per-synapse delays: {@code Input -> taps (Linear, one 1 per row) -> delay (Delay of
         * whole steps, 0 allowed) -> linear -> population}. Each line is one channel delayed by its own steps; a
         * non-zero weight on a line is one synapse from that channel with that delay.
         */
        Synapses delayedInput(String linear, Node lin, String delay, int targets, int targetOffset) throws NirFormatException {
            List<String> in = inputsOf(delay);
            if (in.size() != 1) throw error(delay, "must be fed by exactly one Linear of Input taps, has " + in.size() + " inputs");
            String tapsName = in.get(0);
            Node taps = g.nodes().get(tapsName);
            if (!taps.type().equals("Linear") || !inputsOf(tapsName).equals(List.of(inputName)))
                throw error(tapsName, "feeds Delay '" + delay + "' on the analog input path, so it must be a Linear fed by the Input alone");
            Value tw = taps.params().get("weight");
            if (!(tw instanceof Reals tr) || tr.shape().length != 2 || tr.shape()[1] != lines)
                throw error(tapsName, "field 'weight' must be a real matrix with " + lines + " columns (the Input's channels)");
            int taps0 = (int) tr.shape()[0];
            int[] channel = new int[taps0];
            for (int l = 0; l < taps0; l++) {
                channel[l] = -1;
                for (int c = 0; c < lines; c++) {
                    double x = tr.data()[l * lines + c];
                    if (x == 0) continue;
                    if (x != 1 || channel[l] >= 0) throw error(tapsName, "row " + l + " of field 'weight' must select one channel (a single 1, else 0)");
                    channel[l] = c;
                }
                if (channel[l] < 0) throw error(tapsName, "row " + l + " of field 'weight' selects no channel");
            }
            double[] d = reals(delay, g.nodes().get(delay), "delay", taps0);
            int[] steps = new int[taps0];
            for (int l = 0; l < taps0; l++) {
                double x = d[l] / dt;
                steps[l] = (int) Math.round(x);
                if (steps[l] < 0 || Math.abs(x - steps[l]) > 1e-9 * Math.max(1, x))
                    throw error(delay, "field 'delay' must be whole numbers (>= 0) of time steps dt = " + dt + " ms, got " + d[l] + " ms at " + l);
            }
            // hrsnn's own export with several input lines per channel (design field taps) names each row's line
            int perChannel = 1;
            int[] source = channel;
            if (taps.metadata().containsKey("hrsnn_input_line")) {
                long[] t = metaInts(tapsName, taps.metadata(), "hrsnn_taps");
                long[] ls = metaInts(tapsName, taps.metadata(), "hrsnn_input_line");
                if (t.length != 1 || t[0] < 1 || t[0] > 64) throw error(tapsName, "metadata 'hrsnn_taps' must be one whole number from 1 to 64, got " + Arrays.toString(t));
                if (ls.length != taps0) throw error(tapsName, "metadata 'hrsnn_input_line' must have one line per row (" + taps0 + "), got " + ls.length);
                perChannel = (int) t[0];
                source = new int[taps0];
                for (int l = 0; l < taps0; l++) {
                    if (ls[l] < 0 || ls[l] >= (long) lines * perChannel || ls[l] / perChannel != channel[l])
                        throw error(tapsName, "metadata 'hrsnn_input_line' at row " + l + " must be a line of channel " + channel[l] + " ("
                                + channel[l] * perChannel + " to " + (channel[l] * perChannel + perChannel - 1) + "), got " + ls[l]);
                    source[l] = (int) ls[l];
                }
            }
            int sources = lines * perChannel;
            double[][] w = weight(linear, lin, targets, taps0);
            List<int[]> bySource = new ArrayList<>(); // {input line, target, row}
            for (int l = 0; l < taps0; l++)
                for (int i = 0; i < targets; i++) if (w[i][l] != 0) bySource.add(new int[] {source[l], i, l});
            bySource.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
            int[] rowStart = new int[sources + 1], target = new int[bySource.size()], delays = new int[bySource.size()];
            double[] weight = new double[bySource.size()];
            for (int k = 0; k < bySource.size(); k++) {
                int[] e = bySource.get(k);
                if (k > 0 && bySource.get(k - 1)[0] == e[0] && bySource.get(k - 1)[1] == e[1])
                    throw error(linear, perChannel > 1 ? "neuron " + e[1] + " has two synapses from input line " + e[0] + "; hrsnn has at most one per line and neuron"
                            : "neuron " + e[1] + " has two synapses from channel " + e[0] + "; hrsnn has at most one per channel and neuron");
                rowStart[e[0] + 1]++;
                target[k] = targetOffset + e[1];
                weight[k] = w[e[1]][e[2]];
                delays[k] = steps[e[2]];
            }
            for (int c = 0; c < sources; c++) rowStart[c + 1] += rowStart[c];
            return new Synapses(sources, 0, targets, targetOffset, rowStart, target, weight, 1, delays);
        }

        Synapses synapses(Chain c, int sources, int sourceOffset, int targets, int targetOffset) {
            return sparse(c.weight, sources, sourceOffset, targetOffset, c.delaySteps);
        }

        double[][] weight(String name, Node n, int rows, int cols) throws NirFormatException {
            Value w = n.params().get("weight");
            if (!(w instanceof Reals r) || r.shape().length != 2) throw error(name, "field 'weight' must be a real matrix");
            if (r.shape()[0] != rows || r.shape()[1] != cols)
                throw error(name, "field 'weight' must have shape [" + rows + ", " + cols + "] (targets, sources), got " + Arrays.toString(r.shape()));
            if (n.type().equals("Affine")) {
                double[] b = reals(name, n, "bias", rows);
                for (double x : b) if (x != 0) throw error(name, "field 'bias' must be zero (hrsnn's drive is the populations' v_leak), got " + x);
            }
            double[][] m = new double[rows][cols];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(r.data(), i * cols, m[i], 0, cols);
                for (double x : m[i]) if (!Double.isFinite(x)) throw error(name, "field 'weight' has a non-finite value " + x);
            }
            return m;
        }

        void neurons(String name, int from, int count, double[] tau, double[] theta, double[] reset, double[] rest, double[] bias,
                     double[] ref, double[] beta, double[] tauAdp) throws NirFormatException {
            Node node = g.nodes().get(name);
            double[] t = reals(name, node, "tau", count), r = reals(name, node, "r", count), leak = reals(name, node, "v_leak", count),
                    th = reals(name, node, "v_threshold", count);
            double[] rs = node.params().containsKey("v_reset") ? reals(name, node, "v_reset", count) : new double[count];
            for (String key : node.params().keySet())
                if (!List.of("tau", "r", "v_leak", "v_threshold", "v_reset").contains(key)) throw error(name, "unknown LIF field '" + key + "'");
            Map<String, Value> m = node.metadata();
            double[] restM = metaReals(name, m, "v_rest", count), biasM = metaReals(name, m, "bias", count);
            for (int k = 0; k < count; k++) {
                if (!(t[k] > 0)) throw error(name, "field 'tau' must be > 0, got " + t[k] + " at " + k);
                if (r[k] != 1) throw error(name, "field 'r' must be 1 (hrsnn's weights are in mV of current), got " + r[k] + " at " + k);
                if (!(th[k] > rs[k])) throw error(name, "field 'v_threshold' must be above 'v_reset', got " + th[k] + " <= " + rs[k] + " at " + k);
                int i = from + k;
                tau[i] = t[k];
                theta[i] = th[k];
                reset[i] = rs[k];
                if (restM != null && biasM != null) {
                    if (restM[k] + biasM[k] != leak[k]) throw error(name, "metadata 'v_rest' + 'bias' differs from field 'v_leak' at " + k);
                    rest[i] = restM[k];
                    bias[i] = biasM[k];
                } else {
                    rest[i] = leak[k];
                }
            }
            copyMeta(name, m, "refractory", count, ref, from);
            copyMeta(name, m, "adaptation_beta", count, beta, from);
            copyMeta(name, m, "adaptation_tau", count, tauAdp, from);
        }

        void copyMeta(String name, Map<String, Value> m, String key, int count, double[] into, int from) throws NirFormatException {
            double[] v = metaReals(name, m, key, count);
            if (v != null) System.arraycopy(v, 0, into, from, count);
        }

        double[] metaReals(String name, Map<String, Value> m, String key, int count) throws NirFormatException {
            Value v = m.get(key);
            if (v == null) return null;
            if (!(v instanceof Reals r) || r.data().length != count) throw error(name, "metadata '" + key + "' must be " + count + " reals");
            return r.data();
        }

        List<String> inputsOf(String node) {
            List<String> in = new ArrayList<>();
            for (Edge e : g.edges()) if (e.to().equals(node)) in.add(e.from());
            return in;
        }

        int length(String name, String field) throws NirFormatException {
            Value v = g.nodes().get(name).params().get(field);
            if (!(v instanceof Reals r) || r.shape().length != 1) throw error(name, "field '" + field + "' must be a vector of reals");
            return r.data().length;
        }

        double[] reals(String name, Node n, String field, int count) throws NirFormatException {
            Value v = n.params().get(field);
            if (v == null) throw error(name, "field '" + field + "' is missing");
            if (!(v instanceof Reals r)) throw error(name, "field '" + field + "' must be reals");
            if (r.shape().length != 1 || r.data().length != count)
                throw error(name, "field '" + field + "' must have shape [" + count + "], got " + Arrays.toString(r.shape()));
            for (double x : r.data()) if (!Double.isFinite(x)) throw error(name, "field '" + field + "' has a non-finite value " + x);
            return r.data();
        }

        long[] metaInts(String name, Map<String, Value> m, String field) throws NirFormatException {
            if (m.get(field) instanceof Integers i) return i.data();
            throw error(name, "metadata '" + field + "' is missing or not integers");
        }

        long[] ints(String name, Node n, String field) throws NirFormatException {
            Value v = n.params().get(field);
            if (v instanceof Integers i) return i.data();
            if (v instanceof Reals r) {
                long[] out = new long[r.data().length];
                for (int k = 0; k < out.length; k++) out[k] = (long) r.data()[k];
                return out;
            }
            throw error(name, "field '" + field + "' is missing or not integers");
        }
    }

    private static String text(Value v) {
        return v instanceof Text t ? t.value() : null;
    }

    private static Synapses empty(int sources, int sourceOffset, int targets, int targetOffset) {
        return new Synapses(sources, sourceOffset, targets, targetOffset, new int[sources + 1], new int[0], new double[0], 1);
    }

    /** Dense targets x sources weights as compressed rows by source; zero weights are no synapse. */
    static Synapses sparse(double[][] w, int sources, int sourceOffset, int targetOffset, int delaySteps) {
        int targets = w.length;
        int[] rowStart = new int[sources + 1];
        int count = 0;
        for (int j = 0; j < sources; j++) {
            for (double[] row : w) if (row[j] != 0) count++;
            rowStart[j + 1] = count;
        }
        int[] target = new int[count];
        double[] weight = new double[count];
        int s = 0;
        for (int j = 0; j < sources; j++)
            for (int i = 0; i < targets; i++)
                if (w[i][j] != 0) {
                    target[s] = targetOffset + i;
                    weight[s++] = w[i][j];
                }
        return new Synapses(sources, sourceOffset, targets, targetOffset, rowStart, target, weight, delaySteps);
    }
}
