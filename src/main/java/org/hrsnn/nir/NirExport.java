package org.hrsnn.nir;

import org.hrsnn.export.DesignFiles;
import org.hrsnn.model.Encoding;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.NeuronParams;
import org.hrsnn.score.TaskReadout;
import org.hrsnn.nir.NirGraph.Edge;
import org.hrsnn.nir.NirGraph.Integers;
import org.hrsnn.nir.NirGraph.Node;
import org.hrsnn.nir.NirGraph.Reals;
import org.hrsnn.nir.NirGraph.Text;
import org.hrsnn.nir.NirGraph.Texts;
import org.hrsnn.nir.NirGraph.Value;
import org.hrsnn.sim.NetworkArrays;
import org.hrsnn.sim.NetworkArrays.Synapses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained hrsnn network as a NIR graph. The mapping (docs/nir.md):
 * <ul>
 *   <li>each population is a {@code LIF} node ({@code E}, {@code I}): per-neuron {@code tau} (ms),
 *       {@code v_threshold}, {@code v_reset}, {@code r} = 1 (hrsnn's currents are in mV) and
 *       {@code v_leak} = rest + bias (the constant drive moves the point the membrane relaxes to);</li>
 *   <li>each recurrent pathway xy is {@code x -> delay_xy (Delay) -> xy (Linear, |y| x |x|) -> syn_xy (LI) -> y}:
 *       the delay is the pathway's whole steps times dt (ms); the LI node is the exponential synaptic current,
 *       {@code tau} = the pathway's synaptic time constant and {@code r} = tau, so that a spike (a Dirac
 *       impulse) makes the current jump by exactly the synapse's weight, as in hrsnn;</li>
 *   <li>analog input: {@code input -> input_E (Linear) -> E} (and to I): the channel values enter the membrane
 *       directly, without filter; with per-synapse delays through a tapped delay line
 *       ({@code input -> input_taps -> input_delay -> input_E}), which also carries several input lines per
 *       channel (design field taps); spiking input (rate or delta coding): the graph's input is the
 *       encoder's spike lines, through delay, Linear and LI nodes as recurrent spikes;</li>
 *   <li>{@code E -> output_E} and {@code I -> output_I}: the spikes of every neuron.</li>
 * </ul>
 * What NIR cannot hold (refractory periods, adaptive thresholds, STDP, background noise, spike encoders,
 * hrsnn's discrete-time integration and initial state) is written as metadata and returned as warnings.
 * Pathways without synapses and empty populations are left out.
 */
public final class NirExport {
    private NirExport() {}

    /** The graph and the list of what it cannot express (each also in the graph's metadata {@code not_expressed}). */
    public record Exported(NirGraph graph, List<String> warnings) {}

    /**
     * @param net  the trained network's arrays ({@link org.hrsnn.sim.Network#arrays()})
     * @param spec the design it was built from (with the task's number of input channels)
     * @param provenance extra graph metadata (task, tool version, ...)
     */
    public static Exported graph(NetworkArrays net, NetworkSpec spec, long seed, Map<String, String> provenance) {
        return graph(net, spec, seed, provenance, null);
    }

    /**
     * With the task's trained readout (or null) as graph metadata: {@code readout_weight} (outputs x features),
     * {@code readout_bias}, {@code readout_outputs} (class names, or the predicted series), {@code readout_features}
     * (how the state vector is read), {@code input_offset} and {@code input_factor} (the input scaling the
     * graph's Input expects). No NIR node computes the state the readout reads (membrane voltages at window
     * ends), so it is metadata, with a warning.
     */
    public static Exported graph(NetworkArrays net, NetworkSpec spec, long seed, Map<String, String> provenance, TaskReadout readout) {
        int n = net.size(), nE = net.excitatory(), nI = n - nE;
        double dt = net.dt();
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        Encoding encoding = spec.input().encoding();
        boolean analog = encoding instanceof Encoding.Analog;
        int taps = analog ? encoding.linesPerChannel() : 1;
        int lines = spec.input().lines() / taps; // the graph's input: the channels (analog), or the encoder's spike lines

        if (lines > 0) nodes.put("input", new Node("Input", Map.of("shape", new Integers(new long[] {lines})),
                Map.of("encoding", new Text(analog ? "analog: the channel values, held over each step" : "spike lines of the " + name(encoding) + " encoder"))));
        if (nE > 0) nodes.put("E", population(net, 0, nE, "excitatory"));
        if (nI > 0) nodes.put("I", population(net, nE, n, "inhibitory"));
        pathway(nodes, edges, "ee", "E", "E", net.ee(), dt, net.tauExcitatory()[0], "excitatory");
        pathway(nodes, edges, "ei", "E", "I", net.ei(), dt, nI > 0 ? net.tauExcitatory()[nE] : 1, "excitatory");
        pathway(nodes, edges, "ie", "I", "E", net.ie(), dt, net.tauInhibitory()[0], "inhibitory");
        pathway(nodes, edges, "ii", "I", "I", net.ii(), dt, nI > 0 ? net.tauInhibitory()[nE] : 1, "inhibitory");
        if (lines > 0) {
            if (analog && (net.inE().delays() != null || net.inI().delays() != null || taps > 1)) {
                delayedInput(nodes, edges, net.inE(), net.inI(), taps, dt);
            } else if (analog) {
                inputLinear(nodes, edges, "E", net.inE());
                inputLinear(nodes, edges, "I", net.inI());
            } else {
                pathway(nodes, edges, "input_E", "input", "E", net.inE(), dt, nE > 0 ? net.tauInput()[0] : 1, "input");
                pathway(nodes, edges, "input_I", "input", "I", net.inI(), dt, nI > 0 ? net.tauInput()[nE] : 1, "input");
            }
        }
        if (nE > 0) output(nodes, edges, "E", nE);
        if (nI > 0) output(nodes, edges, "I", nI);

        List<String> warnings = warnings(net, spec);
        if (readout != null)
            warnings.add("the task's readout reads window states (neuron states sampled at the ends of input windows), which no NIR node"
                    + " computes: its weights are in graph metadata 'readout_weight' and 'readout_bias' (" + readout.weight().length
                    + " x " + readout.weight()[0].length + "), the states it reads in 'readout_features', the input scaling in 'input_offset' and 'input_factor'");
        Map<String, Value> meta = new LinkedHashMap<>();
        meta.put("source", new Text("hrsnn"));
        provenance.forEach((k, v) -> meta.put(k, new Text(v)));
        meta.put("seed", new Integers(new long[] {seed}));
        meta.put("dt", Reals.scalar(dt));
        meta.put("time_unit", new Text("ms"));
        meta.put("voltage_unit", new Text("mV"));
        meta.put("spike_convention", new Text("spikes are unit Dirac impulses; a synaptic LI node with r = tau jumps by the weight per spike"));
        meta.put("hrsnn_design", new Text(DesignFiles.toJson(spec, seed).toPrettyString()));
        meta.put("not_expressed", new Texts(warnings));
        if (readout != null) {
            meta.put("readout_weight", Reals.matrix(readout.weight()));
            meta.put("readout_bias", Reals.vector(readout.bias()));
            meta.put("readout_outputs", new Texts(readout.outputs()));
            meta.put("readout_features", new Text(readout.features()));
            meta.put("input_offset", Reals.vector(readout.inputOffset()));
            meta.put("input_factor", Reals.vector(readout.inputFactor()));
        }
        return new Exported(new NirGraph(nodes, edges, meta), warnings);
    }

    private static String name(Encoding e) {
        return e instanceof Encoding.Rate ? "rate (Poisson)" : e instanceof Encoding.Delta ? "delta (send-on-delta, up and down line per channel)" : "analog";
    }

    private static Node population(NetworkArrays a, int from, int to, String kind) {
        Map<String, Value> p = new LinkedHashMap<>();
        int m = to - from;
        double[] leak = new double[m];
        for (int k = 0; k < m; k++) leak[k] = a.rest()[from + k] + a.bias()[from + k];
        p.put("tau", Reals.vector(slice(a.tauMembrane(), from, to)));
        p.put("r", Reals.filled(m, 1.0));
        p.put("v_leak", Reals.vector(leak));
        p.put("v_threshold", Reals.vector(slice(a.threshold(), from, to)));
        p.put("v_reset", Reals.vector(slice(a.reset(), from, to)));
        Map<String, Value> meta = new LinkedHashMap<>();
        meta.put("population", new Text(kind));
        meta.put("first_neuron", new Integers(new long[] {from}));
        meta.put("v_rest", Reals.vector(slice(a.rest(), from, to)));
        meta.put("bias", Reals.vector(slice(a.bias(), from, to)));
        meta.put("v_init", Reals.vector(slice(a.rest(), from, to)));
        meta.put("refractory", Reals.vector(slice(a.refractory(), from, to)));
        meta.put("adaptation_beta", Reals.vector(slice(a.beta(), from, to)));
        meta.put("adaptation_tau", Reals.vector(slice(a.tauAdaptation(), from, to)));
        return new Node("LIF", p, meta);
    }

    /** source -> delay_name -> name (Linear) -> syn_name (LI) -> target, when the pathway has synapses. */
    private static void pathway(Map<String, Node> nodes, List<Edge> edges, String name, String source, String target,
                                Synapses s, double dt, double tauSynapse, String current) {
        if (s.size() == 0 || s.sources() == 0 || s.targets() == 0) return;
        String delay = "delay_" + name, syn = "syn_" + name;
        nodes.put(delay, new Node("Delay", Map.of("delay", Reals.filled(s.sources(), s.delaySteps() * dt)),
                Map.of("delay_steps", new Integers(new long[] {s.delaySteps()}))));
        nodes.put(name, new Node("Linear", Map.of("weight", Reals.matrix(s.dense())), Map.of()));
        Map<String, Value> li = new LinkedHashMap<>();
        li.put("tau", Reals.filled(s.targets(), tauSynapse));
        li.put("r", Reals.filled(s.targets(), tauSynapse));
        li.put("v_leak", Reals.filled(s.targets(), 0));
        nodes.put(syn, new Node("LI", li, Map.of("current", new Text(current))));
        edges.add(new Edge(source, delay));
        edges.add(new Edge(delay, name));
        edges.add(new Edge(name, syn));
        edges.add(new Edge(syn, target));
    }

    private static void inputLinear(Map<String, Node> nodes, List<Edge> edges, String target, Synapses s) {
        if (s.size() == 0 || s.targets() == 0) return;
        String name = "input_" + target;
        nodes.put(name, new Node("Linear", Map.of("weight", Reals.matrix(s.dense())), Map.of()));
        edges.add(new Edge("input", name));
        edges.add(new Edge(name, target));
    }

    /**
     * Analog input with per-synapse delays, exactly: {@code input -> input_taps (Linear) -> input_delay (Delay)
     * -> input_E, input_I (Linear) -> E, I}. Each line of the tapped delay is one (input line, delay) pair that
     * some synapse uses; {@code input_taps} copies the line's channel onto it (a 0/1 matrix), {@code input_delay}
     * delays it, and row i of {@code input_E} holds neuron i's synapse weight on each line (at most one synapse
     * per input line and neuron, so no two synapses share an entry). With {@code taps} > 1 a channel has that
     * many input lines (several synapses per channel and neuron, each with its own delay): the same graph, with
     * the input line of each row in the metadata {@code hrsnn_input_line} of {@code input_taps}, so that the
     * import rebuilds the synapses line by line.
     */
    private static void delayedInput(Map<String, Node> nodes, List<Edge> edges, Synapses inE, Synapses inI, int taps, double dt) {
        Map<Long, Integer> rowOf = new LinkedHashMap<>(); // key: input line * 2^32 + delay steps
        for (Synapses s : List.of(inE, inI))
            for (int line = 0; line < s.sources(); line++)
                for (int k = s.rowStart()[line]; k < s.rowStart()[line + 1]; k++)
                    rowOf.putIfAbsent(((long) line << 32) | s.delayOf(k), rowOf.size());
        if (rowOf.isEmpty()) return;
        int rows = rowOf.size(), channels = inE.sources() / taps;
        double[][] select = new double[rows][channels];
        double[] delay = new double[rows];
        long[] steps = new long[rows], lineOfRow = new long[rows];
        for (var e : rowOf.entrySet()) {
            int r = e.getValue(), line = (int) (e.getKey() >>> 32), d = (int) (e.getKey() & 0xffffffffL);
            select[r][line / taps] = 1;
            delay[r] = d * dt;
            steps[r] = d;
            lineOfRow[r] = line;
        }
        Map<String, Value> tapsMeta = taps > 1 ? Map.of("hrsnn_input_line", new Integers(lineOfRow), "hrsnn_taps", new Integers(new long[] {taps})) : Map.of();
        nodes.put("input_taps", new Node("Linear", Map.of("weight", Reals.matrix(select)), tapsMeta));
        nodes.put("input_delay", new Node("Delay", Map.of("delay", Reals.vector(delay)), Map.of("delay_steps", new Integers(steps))));
        edges.add(new Edge("input", "input_taps"));
        edges.add(new Edge("input_taps", "input_delay"));
        for (var pop : List.of(Map.entry("E", inE), Map.entry("I", inI))) {
            Synapses s = pop.getValue();
            if (s.size() == 0 || s.targets() == 0) continue;
            double[][] w = new double[s.targets()][rows];
            for (int line = 0; line < s.sources(); line++)
                for (int k = s.rowStart()[line]; k < s.rowStart()[line + 1]; k++)
                    w[s.target()[k] - s.targetOffset()][rowOf.get(((long) line << 32) | s.delayOf(k))] += s.weight()[k];
            String name = "input_" + pop.getKey();
            nodes.put(name, new Node("Linear", Map.of("weight", Reals.matrix(w)), Map.of()));
            edges.add(new Edge("input_delay", name));
            edges.add(new Edge(name, pop.getKey()));
        }
    }

    private static void output(Map<String, Node> nodes, List<Edge> edges, String pop, int size) {
        nodes.put("output_" + pop, new Node("Output", Map.of("shape", new Integers(new long[] {size})), Map.of()));
        edges.add(new Edge(pop, "output_" + pop));
    }

    /** What the graph cannot express for this network, one sentence each; always the integration scheme. */
    static List<String> warnings(NetworkArrays a, NetworkSpec spec) {
        List<String> w = new ArrayList<>();
        boolean refractory = false, adaptation = false;
        for (int i = 0; i < a.size(); i++) {
            refractory |= a.refractory()[i] > 0;
            adaptation |= a.beta()[i] > 0;
        }
        if (refractory)
            w.add("refractory periods (E " + spec.excitatory().neuron().refractory() + " ms, I " + spec.inhibitory().neuron().refractory()
                    + " ms): NIR's LIF has none; per-neuron values in metadata 'refractory' of nodes E and I");
        if (adaptation)
            w.add("adaptive thresholds (theta = theta0 + beta b, b decaying with its own tau): NIR's LIF has a fixed threshold;"
                    + " per-neuron beta and tau in metadata 'adaptation_beta' and 'adaptation_tau'");
        if (spec.stdp().enabled())
            w.add("STDP: NIR has no plasticity; the weights written are those after the task's STDP phase, frozen"
                    + (spec.stdp().onInput() ? " (input-to-E weights too)" : "") + "; the rule is in metadata 'hrsnn_design'");
        for (var pop : List.of(spec.excitatory(), spec.inhibitory())) {
            NeuronParams p = pop.neuron();
            if (p.noise().enabled() && pop.size() > 0) {
                w.add("background noise (" + p.noise() + "): NIR has no noise source; the design in metadata 'hrsnn_design' has it");
                break;
            }
        }
        if (!(spec.input().encoding() instanceof Encoding.Analog))
            w.add("the input encoder (" + spec.input().encoding() + "): NIR has no spike encoder; the graph's input is its spike lines");
        w.add("discrete time: hrsnn integrates exactly over steps of dt = " + a.dt() + " ms (inputs held over a step, synaptic currents"
                + " decaying within it), spikes at v >= threshold at the end of a step, and starts every neuron at rest (metadata 'v_init');"
                + " NIR is continuous-time and leaves discretisation and initial state to the backend");
        return w;
    }

    private static double[] slice(double[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }
}
