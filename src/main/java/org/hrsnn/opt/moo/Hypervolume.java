package org.hrsnn.opt.moo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Hypervolume of two-objective points (both minimised) with respect to a reference point, and their Pareto set. */
public final class Hypervolume {
    private Hypervolume() {}

    /**
     * The area dominated by {@code points} and bounded by {@code reference}: points that do not dominate
     * the reference (strictly in both objectives) add nothing. Sorted by the first objective, each
     * non-dominated point adds the rectangle between it, the next one and the reference: O(n log n).
     */
    public static double of(List<double[]> points, double[] reference) {
        List<double[]> front = front(points);
        double area = 0, prevF2 = reference[1];
        for (double[] p : front) {
            if (!(p[0] < reference[0] && p[1] < reference[1])) continue;
            if (p[1] >= prevF2) continue;
            area += (reference[0] - p[0]) * (prevF2 - p[1]);
            prevF2 = p[1];
        }
        return area;
    }

    /** The non-dominated points (minimisation), sorted by the first objective; duplicates kept once. */
    public static List<double[]> front(List<double[]> points) {
        double[][] sorted = points.toArray(double[][]::new);
        Arrays.sort(sorted, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        List<double[]> front = new ArrayList<>();
        double best2 = Double.POSITIVE_INFINITY;
        for (double[] p : sorted) {
            if (p[1] < best2) {
                front.add(p);
                best2 = p[1];
            }
        }
        return front;
    }
}
