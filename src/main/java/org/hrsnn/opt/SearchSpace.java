package org.hrsnn.opt;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An ordered list of parameters; the searched ones span the unit cube [0, 1]^dimension. */
public record SearchSpace(List<Parameter> parameters) {
    public SearchSpace {
        parameters = List.copyOf(parameters);
        var names = new HashSet<String>();
        for (Parameter p : parameters)
            if (!names.add(p.name())) throw new InvalidSpaceException(p.name(), "name", "is used twice");
        if (parameters.stream().noneMatch(Parameter::searched))
            throw new InvalidSpaceException("(all)", null, "the space has no searched parameter");
    }

    public static SearchSpace of(Parameter... ps) {
        return new SearchSpace(List.of(ps));
    }

    public List<Parameter> searched() {
        return parameters.stream().filter(Parameter::searched).toList();
    }

    public int dimension() {
        return (int) parameters.stream().filter(Parameter::searched).count();
    }

    /** The configuration at unit-cube point {@code u}, fixed parameters included, in declaration order. */
    public Map<String, Object> fromUnit(double[] u) {
        check(u);
        Map<String, Object> values = new LinkedHashMap<>();
        int d = 0;
        for (Parameter p : parameters) values.put(p.name(), p.searched() ? p.fromUnit(u[d++]) : p.fromUnit(0));
        return Collections.unmodifiableMap(values);
    }

    public double[] toUnit(Map<String, ?> values) {
        double[] u = new double[dimension()];
        int d = 0;
        for (Parameter p : parameters) {
            if (!p.searched()) continue;
            Object v = values.get(p.name());
            if (v == null) throw new InvalidSpaceException(p.name(), null, "has no value in " + values.keySet());
            u[d++] = p.toUnit(v);
        }
        return u;
    }

    /** Moves integer and categorical coordinates to their bin centres. */
    public double[] snap(double[] u) {
        check(u);
        double[] s = new double[u.length];
        int d = 0;
        for (Parameter p : parameters) if (p.searched()) { s[d] = p.snap(u[d]); d++; }
        return s;
    }

    /**
     * The configuration of the defaults, exactly (no round trip through the unit cube); parameters
     * without a default take the value at the centre of their range.
     */
    public Map<String, Object> defaultValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : parameters) values.put(p.name(), p.defaultValue() != null ? p.defaultValue() : p.fromUnit(p.snap(0.5)));
        return Collections.unmodifiableMap(values);
    }

    /** The point of the defaults; parameters without a default take the centre of their range. */
    public double[] defaultPoint() {
        double[] u = new double[dimension()];
        int d = 0;
        for (Parameter p : parameters) {
            if (!p.searched()) continue;
            u[d] = p.defaultValue() == null ? p.snap(0.5) : p.toUnit(p.defaultValue());
            d++;
        }
        return u;
    }

    private void check(double[] u) {
        if (u.length != dimension()) throw new IllegalArgumentException("point has " + u.length + " coordinates, the space " + dimension());
    }
}
