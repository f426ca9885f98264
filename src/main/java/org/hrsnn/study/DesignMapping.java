package org.hrsnn.study;

import org.hrsnn.model.Adaptation;
import org.hrsnn.model.Distribution;
import org.hrsnn.model.Encoding;
import org.hrsnn.model.InputSpec;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.NeuronParams;
import org.hrsnn.model.Pathway;
import org.hrsnn.model.Pathways;
import org.hrsnn.model.Population;
import org.hrsnn.model.StdpRule;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps a point of an HRSNN search space (parameter name to value) to a network design: the one place that
 * knows both the optimiser's parameters and the model. Parameters a space does not mention take the
 * defaults below; a name the mapping does not know is an error.
 *
 * <p>Spreads: a Gamma shape or log-normal CV of 0 means a constant distribution at the mean (the
 * homogeneous case). Fixed parts of the design (not searched): threshold -50 mV, reset and rest -60 mV,
 * refractory 2 ms (E) and 1 ms (I), no adaptive threshold, drive 12 mV, synaptic time constants 5 ms
 * (excitatory) and 10 ms (inhibitory), 1 ms delays, analog input with random-sign weights uniform in
 * [0, input_scale] to 30% of the neurons, STDP wMax = 2 w_ee.
 */
public final class DesignMapping {
    /** Every parameter the mapping reads, with its default. */
    public static final Map<String, Object> DEFAULTS;

    static {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("n_neurons", 200L);
        d.put("excitatory_fraction", 0.8);
        d.put("dt", 0.1);
        d.put("stdp_bounds", "MULTIPLICATIVE");
        d.put("tau_m_e_mean", 20.0);
        d.put("tau_m_e_shape", 3.0);
        d.put("tau_m_i_mean", 10.0);
        d.put("tau_m_i_shape", 3.0);
        d.put("a_plus_mean", 0.01);
        d.put("a_plus_cv", 0.5);
        d.put("a_minus_ratio", 1.05);
        d.put("a_minus_cv", 0.5);
        d.put("tau_plus_mean", 20.0);
        d.put("tau_plus_shape", 5.0);
        d.put("tau_minus_mean", 20.0);
        d.put("tau_minus_shape", 5.0);
        d.put("p_ee", 0.1);
        d.put("p_ei", 0.1);
        d.put("p_ie", 0.1);
        d.put("p_ii", 0.1);
        d.put("w_ee", 2.0);
        d.put("w_ei", 2.0);
        d.put("w_ie", 8.0);
        d.put("w_ii", 8.0);
        d.put("input_scale", 2.0);
        DEFAULTS = java.util.Collections.unmodifiableMap(d);
    }

    private DesignMapping() {}

    /** Names in {@code names} that the mapping does not read (to be refused when a study is created). */
    public static Set<String> unknown(Iterable<String> names) {
        Set<String> out = new TreeSet<>();
        for (String n : names) if (!DEFAULTS.containsKey(n)) out.add(n);
        return out;
    }

    /** The design at {@code values}; the model validates the result. */
    public static NetworkSpec toSpec(Map<String, ?> values) {
        Set<String> bad = unknown(values.keySet());
        if (!bad.isEmpty()) throw new IllegalArgumentException("parameters not used by the HRSNN mapping: " + bad + "; known: " + DEFAULTS.keySet());
        Map<String, Object> v = new LinkedHashMap<>(DEFAULTS);
        v.putAll(values);
        long n = ((Number) v.get("n_neurons")).longValue();
        int nE = (int) Math.round(n * num(v, "excitatory_fraction"));
        int nI = (int) n - nE;
        double dt = num(v, "dt");

        NeuronParams e = neuron(gamma(num(v, "tau_m_e_mean"), num(v, "tau_m_e_shape")), 2);
        NeuronParams i = neuron(gamma(num(v, "tau_m_i_mean"), num(v, "tau_m_i_shape")), 1);
        double wee = num(v, "w_ee");
        Pathways rec = new Pathways(
                new Pathway(num(v, "p_ee"), Distribution.constant(wee), 5, 1),
                new Pathway(num(v, "p_ei"), Distribution.constant(num(v, "w_ei")), 5, 1),
                new Pathway(num(v, "p_ie"), Distribution.constant(num(v, "w_ie")), 10, 1),
                new Pathway(num(v, "p_ii"), Distribution.constant(num(v, "w_ii")), 10, 1));
        double aPlus = num(v, "a_plus_mean");
        StdpRule stdp = new StdpRule(true, StdpRule.Bounds.valueOf(String.valueOf(v.get("stdp_bounds"))), 2 * wee,
                logNormal(aPlus, num(v, "a_plus_cv")), logNormal(num(v, "a_minus_ratio") * aPlus, num(v, "a_minus_cv")),
                gamma(num(v, "tau_plus_mean"), num(v, "tau_plus_shape")), gamma(num(v, "tau_minus_mean"), num(v, "tau_minus_shape")));
        double scale = num(v, "input_scale");
        Pathway input = new Pathway(0.3, Distribution.uniform(0, scale), 5, 1);
        return new NetworkSpec(new Population(nE, e), new Population(nI, i), rec,
                new InputSpec(1, new Encoding.Analog(), input, input, true), stdp, dt);
    }

    private static NeuronParams neuron(Distribution tau, double refractory) {
        return new NeuronParams(tau, Distribution.constant(-50), -60, -60, Distribution.constant(refractory), Adaptation.NONE, 12);
    }

    static Distribution gamma(double mean, double shape) {
        return shape == 0 ? Distribution.constant(mean) : Distribution.gamma(mean, shape);
    }

    static Distribution logNormal(double mean, double cv) {
        return cv == 0 ? Distribution.constant(mean) : Distribution.logNormal(mean, cv);
    }

    private static double num(Map<String, Object> v, String name) {
        Object o = v.get(name);
        if (!(o instanceof Number x)) throw new IllegalArgumentException("parameter '" + name + "' must be a number, got " + o);
        return x.doubleValue();
    }
}
