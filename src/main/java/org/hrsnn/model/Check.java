package org.hrsnn.model;

/** Argument checks shared by the spec records; each names the field and the allowed range. */
final class Check {
    private Check() {}

    static double finite(String field, double v) {
        if (!Double.isFinite(v)) throw new InvalidSpecException(field, "must be a finite number, got " + v);
        return v;
    }

    static double positive(String field, double v) {
        if (!(v > 0) || !Double.isFinite(v)) throw new InvalidSpecException(field, "must be > 0 and finite, got " + v);
        return v;
    }

    static double nonNegative(String field, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) throw new InvalidSpecException(field, "must be >= 0 and finite, got " + v);
        return v;
    }

    static double probability(String field, double v) {
        if (!(v >= 0 && v <= 1)) throw new InvalidSpecException(field, "must be in [0, 1], got " + v);
        return v;
    }

    static <T> T present(String field, T v) {
        if (v == null) throw new InvalidSpecException(field, "is missing");
        return v;
    }

    /** Checks a nested value, prefixing any problem it has with {@code field}. */
    static <T> T nested(String field, T v, java.util.function.Consumer<T> check) {
        present(field, v);
        try {
            check.accept(v);
        } catch (InvalidSpecException e) {
            throw e.within(field);
        }
        return v;
    }

    /** A distribution of a quantity that must be strictly positive (time constants, rates). */
    static Distribution positiveSupport(String field, Distribution d) {
        present(field, d);
        if (!(d.lowerBound() > 0 || (d.lowerBound() == 0 && !d.attainsLowerBound())))
            throw new InvalidSpecException(field, "must only produce values > 0, but " + d + " can give " + d.lowerBound());
        return d;
    }

    /** A distribution of a quantity that must be non-negative (weights, refractory periods). */
    static Distribution nonNegativeSupport(String field, Distribution d) {
        present(field, d);
        if (!(d.lowerBound() >= 0))
            throw new InvalidSpecException(field, "must only produce values >= 0, but " + d + " can give " + d.lowerBound());
        return d;
    }
}
