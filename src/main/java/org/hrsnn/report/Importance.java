package org.hrsnn.report;

import org.hrsnn.opt.Parameter;
import org.hrsnn.opt.SearchSpace;
import org.hrsnn.opt.gp.Hyperparameters;
import org.hrsnn.opt.gp.MapFit;
import org.hrsnn.random.Seeds;
import org.hrsnn.study.Trial;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameter importance from the GP the optimiser uses: a Matérn-5/2 ARD GP fitted (MAP hyper-parameters)
 * to log E of the finished trials in the unit cube; a parameter's importance is its inverse length scale,
 * as a share of the sum. A short length scale means log E changes quickly along that parameter.
 *
 * @param trials how many trials the GP was fitted to
 */
public record Importance(String method, List<String> names, double[] shares, double[] lengthscales, int trials) {
    /** Hyper-parameter starts of the fit (as the sampler uses up to 100 observations). */
    static final int STARTS = 4;

    /** Fewest trials with an E for the fit to mean anything. */
    public static final int MIN_TRIALS = 5;

    /** The importance of the searched parameters, or null when fewer than {@link #MIN_TRIALS} trials have a positive E. */
    public static Importance ofLogE(SearchSpace space, List<Trial> trials, long seed) {
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Trial t : trials) {
            Double e = t.metric("e");
            if (!t.finished() || e == null || !(e > 0) || !Double.isFinite(e) || t.unit() == null || t.unit().length != space.dimension()) continue;
            x.add(t.unit());
            y.add(Math.log(e));
        }
        if (x.size() < MIN_TRIALS || space.dimension() == 0) return null;
        return of(space.searched().stream().map(Parameter::name).toList(), x.toArray(double[][]::new), y.stream().mapToDouble(Double::doubleValue).toArray(),
                seed, "log E");
    }

    /** The importance of each column of {@code x} (points in the unit cube) for {@code y}. */
    public static Importance of(List<String> names, double[][] x, double[] y, long seed, String what) {
        Hyperparameters h = MapFit.fit(x, y, STARTS, Seeds.rng(seed, "report.importance"));
        double[] l = h.lengthscales(), share = new double[l.length];
        double sum = 0;
        for (double v : l) sum += 1 / v;
        for (int d = 0; d < l.length; d++) share[d] = 1 / l[d] / sum;
        String method = "inverse ARD length scales of a Matérn-5/2 GP (MAP hyper-parameters, " + STARTS + " starts) fitted to " + what + " of "
                + x.length + " trials in the unit cube, as shares of their sum";
        return new Importance(method, List.copyOf(names), share, l, x.length);
    }
}
