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

    /**
     * DTLZ2 (Deb, Thiele, Laumanns and Zitzler 2002) for two objectives with its distance variables' optimum
     * moved off the centre and off the faces: g = sum_{i >= 2} (x_i - c_i)^2 with fixed c_i between 0.15 and
     * 0.85 (those of the shifted sphere), f1 = (1 + g) cos(pi x1 / 2), f2 = (1 + g) sin(pi x1 / 2). The front
     * is the quarter circle f1^2 + f2^2 = 1 at x_i = c_i, reached only inside the cube (unlike ZDT's, on the
     * face x2 = ... = xd = 0); with the reference (5, 5) the best hypervolume is 25 - pi / 4.
     */
    public static BiObjectiveProblem dtlz2Shifted(int d) {
        double[] c = new double[d];
        for (int i = 1; i < d; i++) c[i] = 0.15 + 0.7 * ((i * 0.618033988749895) % 1.0);
        return new BiObjectiveProblem("dtlz2s-" + d, d, x -> {
            double g = 0;
            for (int i = 1; i < x.length; i++) g += (x[i] - c[i]) * (x[i] - c[i]);
            double a = Math.PI / 2 * x[0];
            return new double[] {(1 + g) * Math.cos(a), (1 + g) * Math.sin(a)};
        }, new double[] {5, 5}, 25 - Math.PI / 4);
    }

    /** The distance variables' optimum of {@link #dtlz2Shifted} (coordinate 0 is free: it moves along the front). */
    static double[] dtlz2ShiftedCentre(int d) {
        double[] c = new double[d];
        for (int i = 1; i < d; i++) c[i] = 0.15 + 0.7 * ((i * 0.618033988749895) % 1.0);
        return c;
    }

    private static double g(double[] x) {
        double s = 0;
        for (int i = 1; i < x.length; i++) s += x[i];
        return 1 + 9 * s / (x.length - 1);
    }

    /** "zdt1-D", "zdt2-D" or "dtlz2s-D" (D from 2 to 100). */
    public static BiObjectiveProblem named(String name) {
        var s = java.util.regex.Pattern.compile("dtlz2s-(\\d{1,3})").matcher(name);
        if (s.matches() && Integer.parseInt(s.group(1)) >= 2 && Integer.parseInt(s.group(1)) <= 100) return dtlz2Shifted(Integer.parseInt(s.group(1)));
        var m = java.util.regex.Pattern.compile("zdt([12])-(\\d{1,3})").matcher(name);
        if (m.matches() && Integer.parseInt(m.group(2)) >= 2 && Integer.parseInt(m.group(2)) <= 100) {
            int d = Integer.parseInt(m.group(2));
            return m.group(1).equals("1") ? zdt1(d) : zdt2(d);
        }
        throw new IllegalArgumentException("unknown two-objective problem " + name + "; known: zdt1-D, zdt2-D, dtlz2s-D (D from 2 to 100)");
    }
}
