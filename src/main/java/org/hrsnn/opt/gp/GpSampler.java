package org.hrsnn.opt.gp;

import org.apache.commons.rng.UniformRandomProvider;
import org.hrsnn.opt.Observation;
import org.hrsnn.opt.Sampler;
import org.hrsnn.opt.Samplers;
import org.hrsnn.opt.SearchSpace;
import org.hrsnn.random.Seeds;

import java.util.ArrayList;
import java.util.List;

/**
 * Gaussian-process Bayesian optimisation (minimisation).
 * <ul>
 *   <li>The first {@code initialPoints} trials (default 1 + dimension) are scrambled Sobol points.</li>
 *   <li>Then: Matérn-5/2 ARD GP on standardised values, MAP hyper-parameters ({@link MapFit}) refitted
 *       for every proposal from fixed starts, so a proposal depends only on the data and the trial number.</li>
 *   <li>Failed trials are given the worst value observed so far, so the model steers away from them
 *       without pretending they were good.</li>
 *   <li>Pending trials are fantasised at the posterior mean (kriging believer) with the same
 *       hyper-parameters, which removes the model's uncertainty there so parallel workers spread out.</li>
 *   <li>The next point maximises log EI over the unit cube ({@link AcquisitionOptimizer}), seeded with the
 *       best observed points and Sobol points.</li>
 * </ul>
 */
public final class GpSampler implements Sampler {
    private final long seed;
    private final int initialPoints;
    private final int restarts;
    private final AcquisitionOptimizer.Settings settings;

    public GpSampler(long seed, int initialPoints, int restarts, AcquisitionOptimizer.Settings settings) {
        if (restarts < 0) throw new IllegalArgumentException("restarts must be >= 1, or 0 for the default");
        this.seed = seed;
        this.initialPoints = initialPoints;
        this.restarts = restarts;
        this.settings = settings;
    }

    /** Default settings: 1 + D initial points; 4 hyper-parameter starts up to 100 observations, 2 beyond. */
    public GpSampler(long seed) {
        this(seed, -1, 0, AcquisitionOptimizer.Settings.DEFAULT);
    }

    @Override
    public String name() {
        return "gp";
    }

    @Override
    public double[] suggest(SearchSpace space, int trial, List<Observation> finished, List<double[]> pending) {
        int dim = space.dimension();
        int init = initialPoints < 0 ? 1 + dim : initialPoints;
        List<Observation> done = finished.stream().filter(o -> !o.failed()).toList();
        if (trial < init || done.size() < 2) return Samplers.sobol(seed).suggest(space, trial, finished, pending);

        double worst = done.stream().mapToDouble(Observation::value).max().orElseThrow();
        double best = done.stream().mapToDouble(Observation::value).min().orElseThrow();
        double[][] x = new double[finished.size()][];
        double[] y = new double[finished.size()];
        for (int i = 0; i < x.length; i++) {
            Observation o = finished.get(i);
            x[i] = o.x();
            y[i] = o.failed() ? worst : o.value();
        }
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(seed, trial), "gp.fit");
        int starts = restarts > 0 ? restarts : x.length <= 100 ? 4 : 2;
        Hyperparameters h = MapFit.fit(x, y, starts, rng);
        GaussianProcess gp = GaussianProcess.fit(x, y, h);
        if (!pending.isEmpty()) gp = fantasise(gp, x, y, pending);
        final GaussianProcess model = gp;
        double bestStd = model.standardise(best);

        List<double[]> seeds = new ArrayList<>();
        done.stream().sorted(java.util.Comparator.comparingDouble(Observation::value)).limit(8).forEach(o -> seeds.add(o.x()));
        for (int k = 0; seeds.size() < settings.population(); k++)
            seeds.add(Samplers.sobolPoint(dim, Seeds.derive(seed, trial), k + 1));
        double[] next = AcquisitionOptimizer.maximise(q -> {
            double[] p = model.predictStandardised(q);
            return LogEi.logEi(p[0], Math.sqrt(p[1]), bestStd);
        }, space::snap, dim, seeds, Seeds.derive(seed, trial), settings);
        if (isDuplicate(next, x, pending)) return Samplers.random(Seeds.derive(seed, trial)).suggest(space, trial, finished, pending);
        return next;
    }

    private static GaussianProcess fantasise(GaussianProcess gp, double[][] x, double[] y, List<double[]> pending) {
        double[][] x2 = new double[x.length + pending.size()][];
        double[] y2 = new double[x2.length];
        for (int i = 0; i < x.length; i++) {
            x2[i] = x[i];
            y2[i] = y[i];
        }
        for (int k = 0; k < pending.size(); k++) {
            x2[x.length + k] = pending.get(k).clone();
            y2[x.length + k] = gp.predict(pending.get(k))[0];
        }
        return gp.withData(x2, y2);
    }

    /** A proposal equal to an evaluated or pending point adds nothing (possible in small discrete spaces). */
    private static boolean isDuplicate(double[] p, double[][] x, List<double[]> pending) {
        for (double[] q : x) if (java.util.Arrays.equals(p, q)) return true;
        for (double[] q : pending) if (java.util.Arrays.equals(p, q)) return true;
        return false;
    }
}
