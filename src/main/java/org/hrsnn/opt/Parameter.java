package org.hrsnn.opt;

import java.util.List;

/**
 * One parameter of a search space. Each searched parameter owns one coordinate of the unit cube;
 * {@link #fromUnit} maps a coordinate to a value and {@link #toUnit} back. Integer and categorical
 * parameters split [0, 1] into equal bins (in log space for log-scaled integers); {@link #snap} moves a
 * coordinate to the centre of its bin, so the optimiser can round inside its acquisition function.
 */
public sealed interface Parameter permits Parameter.Float, Parameter.Int, Parameter.Categorical, Parameter.Fixed {
    String name();

    String description();

    /** The value used when the user asks for the default point (for example the homogeneous baseline). */
    Object defaultValue();

    default boolean searched() { return true; }

    Object fromUnit(double u);

    double toUnit(Object value);

    default double snap(double u) { return u; }

    private static double clamp(double u) {
        return u < 0 ? 0 : u > 1 ? 1 : u;
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) throw new InvalidSpaceException(String.valueOf(name), "name", "must be a non-empty name");
    }

    /** A real parameter in [low, high], optionally searched on a log scale. */
    record Float(String name, double low, double high, boolean log, Double defaultValue, String description) implements Parameter {
        public Float {
            checkName(name);
            if (!Double.isFinite(low) || !Double.isFinite(high) || !(high > low))
                throw new InvalidSpaceException(name, "high", "needs finite low < high, got low " + low + ", high " + high);
            if (log && !(low > 0)) throw new InvalidSpaceException(name, "low", "must be > 0 for a log-scaled parameter, got " + low);
            if (defaultValue != null && !(defaultValue >= low && defaultValue <= high))
                throw new InvalidSpaceException(name, "default", "must be in [" + low + ", " + high + "], got " + defaultValue);
        }

        public Object fromUnit(double u) {
            u = clamp(u);
            double v = log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low);
            return Math.min(high, Math.max(low, v));
        }

        public double toUnit(Object value) {
            double v = ((Number) value).doubleValue();
            return clamp(log ? (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low)) : (v - low) / (high - low));
        }
    }

    /** An integer parameter in [low, high], optionally log-scaled (then low >= 1). */
    record Int(String name, long low, long high, boolean log, Long defaultValue, String description) implements Parameter {
        public Int {
            checkName(name);
            if (high < low) throw new InvalidSpaceException(name, "high", "must be >= low (" + low + "), got " + high);
            if (log && low < 1) throw new InvalidSpaceException(name, "low", "must be >= 1 for a log-scaled integer, got " + low);
            if (defaultValue != null && (defaultValue < low || defaultValue > high))
                throw new InvalidSpaceException(name, "default", "must be in [" + low + ", " + high + "], got " + defaultValue);
        }

        private double a() { return log ? Math.log(low - 0.5) : low - 0.5; }

        private double b() { return log ? Math.log(high + 0.5) : high + 0.5; }

        public Object fromUnit(double u) {
            double t = a() + clamp(u) * (b() - a());
            long v = Math.round(log ? Math.exp(t) : t);
            return Math.min(high, Math.max(low, v));
        }

        /** The centre of the value's bin (in the scale of the parameter). */
        public double toUnit(Object value) {
            long v = ((Number) value).longValue();
            double lo = log ? Math.log(v - 0.5) : v - 0.5, hi = log ? Math.log(v + 0.5) : v + 0.5;
            return clamp(((lo + hi) / 2 - a()) / (b() - a()));
        }

        public double snap(double u) { return toUnit(fromUnit(u)); }
    }

    /** One of a list of choices. */
    record Categorical(String name, List<String> choices, String defaultValue, String description) implements Parameter {
        public Categorical {
            checkName(name);
            if (choices == null || choices.isEmpty()) throw new InvalidSpaceException(name, "choices", "needs at least one choice");
            if (choices.stream().distinct().count() != choices.size()) throw new InvalidSpaceException(name, "choices", "has a repeated choice: " + choices);
            choices = List.copyOf(choices);
            if (defaultValue != null && !choices.contains(defaultValue))
                throw new InvalidSpaceException(name, "default", "must be one of " + choices + ", got " + defaultValue);
        }

        public Object fromUnit(double u) {
            return choices.get(Math.min(choices.size() - 1, (int) (clamp(u) * choices.size())));
        }

        public double toUnit(Object value) {
            int i = choices.indexOf(String.valueOf(value));
            if (i < 0) throw new InvalidSpaceException(name, null, "unknown choice " + value + ", expected one of " + choices);
            return (i + 0.5) / choices.size();
        }

        public double snap(double u) { return toUnit(fromUnit(u)); }
    }

    /** A value that is not searched (kept so that a point of the space is a complete configuration). */
    record Fixed(String name, Object value, String description) implements Parameter {
        public Fixed {
            checkName(name);
            if (value == null) throw new InvalidSpaceException(name, "value", "is missing");
        }

        public Object defaultValue() { return value; }

        public boolean searched() { return false; }

        public Object fromUnit(double u) { return value; }

        public double toUnit(Object v) { return 0.5; }
    }
}
