package org.hrsnn.opt.moo;

import java.util.function.Function;

/**
 * A two-objective test problem on the unit cube (both objectives minimised) with a known Pareto front,
 * hence a known best hypervolume with respect to {@code reference}.
 */
public record BiObjectiveProblem(String name, int dimension, Function<double[], double[]> f, double[] reference, double bestHypervolume) {

    /**
     * ZDT1 (Zitzler, Deb and Thiele 2000): f1 = x1, g = 1 + 9 mean(x2..xd), f2 = g (1 - sqrt(f1 / g)); the
     * front is f2 = 1 - sqrt(f1) on g = 1, so with the reference (11, 11) the best hypervolume is
     * int_0^1 (11 - (1 - sqrt a)) da + 10 * 11 = 120 + 2/3.
     */
    public static BiObjectiveProblem zdt1(int d) {
        return new BiObjectiveProblem("zdt1-" + d, d, x -> {
            double g = g(x);
            return new double[] {x[0], g * (1 - Math.sqrt(x[0] / g))};
        }, new double[] {11, 11}, 120 + 2.0 / 3);
    }

    /** ZDT2: as ZDT1 with f2 = g (1 - (f1 / g)^2), a concave front; best hypervolume 110 + 10 + 1/3. */
    public static BiObjectiveProblem zdt2(int d) {
        return new BiObjectiveProblem("zdt2-" + d, d, x -> {
            double g = g(x);
            return new double[] {x[0], g * (1 - (x[0] / g) * (x[0] / g))};
        }, new double[] {11, 11}, 120 + 1.0 / 3);
    }

    private static double g(double[] x) {
        double s = 0;
        for (int i = 1; i < x.length; i++) s += x[i];
        return 1 + 9 * s / (x.length - 1);
    }

    /** "zdt1-D" or "zdt2-D" (D from 2 to 100). */
    public static BiObjectiveProblem named(String name) {
        var m = java.util.regex.Pattern.compile("zdt([12])-(\\d{1,3})").matcher(name);
        if (m.matches() && Integer.parseInt(m.group(2)) >= 2 && Integer.parseInt(m.group(2)) <= 100) {
            int d = Integer.parseInt(m.group(2));
            return m.group(1).equals("1") ? zdt1(d) : zdt2(d);
        }
        throw new IllegalArgumentException("unknown two-objective problem " + name + "; known: zdt1-D, zdt2-D (D from 2 to 100)");
    }
}
