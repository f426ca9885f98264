package org.hrsnn.opt;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hrsnn.random.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A test function with a known minimum, defined on a box and searched through the unit cube. A noisy
 * problem adds Gaussian noise to what the optimiser observes; regret is always measured on the noise-free
 * function.
 */
public record ReferenceProblem(String name, double[] lower, double[] upper, double minimum, double noiseSd,
                               ToDoubleFunction<double[]> f) {

    public int dimension() {
        return lower.length;
    }

    public SearchSpace space() {
        List<Parameter> ps = new ArrayList<>();
        for (int d = 0; d < lower.length; d++) ps.add(new Parameter.Float("x" + d, lower[d], upper[d], false, null, "coordinate " + d));
        return new SearchSpace(ps);
    }

    /** Noise-free value at unit-cube point u. */
    public double value(double[] u) {
        double[] x = new double[u.length];
        for (int d = 0; d < u.length; d++) x[d] = lower[d] + u[d] * (upper[d] - lower[d]);
        return f.applyAsDouble(x);
    }

    public static ReferenceProblem branin() {
        return new ReferenceProblem("branin", new double[] {-5, 0}, new double[] {10, 15}, 0.39788735772973816, 0, x -> {
            double a = 1, b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, r = 6, s = 10, t = 1 / (8 * Math.PI);
            double u = x[1] - b * x[0] * x[0] + c * x[0] - r;
            return a * u * u + s * (1 - t) * Math.cos(x[0]) + s;
        });
    }

    private static final double[] H_ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] H_A = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] H_P = {{1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
            {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};

    static double hartmann6(double[] x) {
        double s = 0;
        for (int i = 0; i < 4; i++) {
            double e = 0;
            for (int j = 0; j < 6; j++) {
                double t = x[j] - H_P[i][j] * 1e-4;
                e += H_A[i][j] * t * t;
            }
            s += H_ALPHA[i] * Math.exp(-e);
        }
        return -s;
    }

    public static ReferenceProblem hartmann6() {
        return new ReferenceProblem("hartmann6", new double[6], fill(6, 1), -3.32236801141551, 0, ReferenceProblem::hartmann6);
    }

    /** Hartmann-6 observed with N(0, 0.1^2) noise (about 3% of the function's range). */
    public static ReferenceProblem noisyHartmann6() {
        return new ReferenceProblem("hartmann6-noisy", new double[6], fill(6, 1), -3.32236801141551, 0.1, ReferenceProblem::hartmann6);
    }

    public static ReferenceProblem ackley(int d) {
        return new ReferenceProblem("ackley" + d, fill(d, -32.768), fill(d, 32.768), 0, 0, x -> {
            double s1 = 0, s2 = 0;
            for (double v : x) {
                s1 += v * v;
                s2 += Math.cos(2 * Math.PI * v);
            }
            return -20 * Math.exp(-0.2 * Math.sqrt(s1 / x.length)) - Math.exp(s2 / x.length) + 20 + Math.E;
        });
    }

    public static ReferenceProblem rosenbrock(int d) {
        return new ReferenceProblem("rosenbrock" + d, fill(d, -5), fill(d, 10), 0, 0, x -> {
            double s = 0;
            for (int i = 0; i + 1 < x.length; i++) s += 100 * Math.pow(x[i + 1] - x[i] * x[i], 2) + Math.pow(1 - x[i], 2);
            return s;
        });
    }

    public static ReferenceProblem levy(int d) {
        return new ReferenceProblem("levy" + d, fill(d, -10), fill(d, 10), 0, 0, x -> {
            int n = x.length;
            double[] w = new double[n];
            for (int i = 0; i < n; i++) w[i] = 1 + (x[i] - 1) / 4;
            double s = Math.pow(Math.sin(Math.PI * w[0]), 2);
            for (int i = 0; i < n - 1; i++) s += Math.pow(w[i] - 1, 2) * (1 + 10 * Math.pow(Math.sin(Math.PI * w[i] + 1), 2));
            s += Math.pow(w[n - 1] - 1, 2) * (1 + Math.pow(Math.sin(2 * Math.PI * w[n - 1]), 2));
            return s;
        });
    }

    /** Zakharov on [-5, 10]^d: minimum 0 at the origin, a third of the way along every axis of the box. */
    public static ReferenceProblem zakharov(int d) {
        return new ReferenceProblem("zakharov" + d, fill(d, -5), fill(d, 10), 0, 0, x -> {
            double s1 = 0, s2 = 0;
            for (int i = 0; i < x.length; i++) {
                s1 += x[i] * x[i];
                s2 += 0.5 * (i + 1) * x[i];
            }
            return s1 + s2 * s2 + s2 * s2 * s2 * s2;
        });
    }

    /** Dixon-Price on [-10, 10]^d: minimum 0 at x_i = 2^-((2^i - 2) / 2^i), inside the box. */
    public static ReferenceProblem dixonPrice(int d) {
        return new ReferenceProblem("dixonprice" + d, fill(d, -10), fill(d, 10), 0, 0, x -> {
            double s = (x[0] - 1) * (x[0] - 1);
            for (int i = 1; i < x.length; i++) {
                double t = 2 * x[i] * x[i] - x[i - 1];
                s += (i + 1) * t * t;
            }
            return s;
        });
    }

    /** Trid on [-d^2, d^2]^d: minimum -d(d+4)(d-1)/6 at x_i = i(d + 1 - i), inside the box and off its centre. */
    public static ReferenceProblem trid(int d) {
        return new ReferenceProblem("trid" + d, fill(d, -d * d), fill(d, d * d), -d * (d + 4.0) * (d - 1) / 6, 0, x -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) s += (x[i] - 1) * (x[i] - 1);
            for (int i = 1; i < x.length; i++) s -= x[i] * x[i - 1];
            return s;
        });
    }

    /** A sphere on [0, 1]^d centred at fixed points between 0.15 and 0.85 (not the box's centre); minimum 0. */
    public static ReferenceProblem shiftedSphere(int d) {
        double[] c = new double[d];
        for (int i = 0; i < d; i++) c[i] = 0.15 + 0.7 * ((i * 0.618033988749895) % 1.0);
        return new ReferenceProblem("sphere" + d + "-shifted", new double[d], fill(d, 1), 0, 0, x -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) s += (x[i] - c[i]) * (x[i] - c[i]);
            return s;
        });
    }

    /**
     * Styblinski-Tang on [-5, 5]^d: f = 1/2 sum (x^4 - 16 x^2 + 5 x), separable, minimum at x_i = -2.9035...
     * (the root of 4x^3 - 32x + 5 = 0 in [-5, 0]), 21% of the way along every axis; a second, shallower
     * basin in each coordinate at x_i = 2.7468, so 2^d local minima.
     */
    public static ReferenceProblem styblinskiTang(int d) {
        return new ReferenceProblem("styblinskitang" + d, fill(d, -5), fill(d, 5), d * STYBLINSKI_TANG_1D_MIN, 0, x -> {
            double s = 0;
            for (double v : x) s += v * v * v * v - 16 * v * v + 5 * v;
            return s / 2;
        });
    }

    /** Styblinski-Tang's minimiser in one coordinate: the root of 4x^3 - 32x + 5 in [-5, 0] (Newton to machine precision). */
    static final double STYBLINSKI_TANG_X = newtonRoot(-2.9);
    static final double STYBLINSKI_TANG_1D_MIN = 0.5 * (Math.pow(STYBLINSKI_TANG_X, 4) - 16 * STYBLINSKI_TANG_X * STYBLINSKI_TANG_X + 5 * STYBLINSKI_TANG_X);

    private static double newtonRoot(double x) {
        for (int k = 0; k < 50; k++) x -= (4 * x * x * x - 32 * x + 5) / (12 * x * x - 32);
        return x;
    }

    /**
     * Rastrigin on [-5.12, 5.12]^d with its minimum moved from the centre to fixed points c_i between -3 and 3
     * (f = 10 d + sum (z_i^2 - 10 cos(2 pi z_i)), z = x - c): minimum 0, about 10^d local minima on a
     * bowl; no local minimum of the unshifted function's lattice sits on a face.
     */
    public static ReferenceProblem shiftedRastrigin(int d) {
        double[] c = new double[d];
        for (int i = 0; i < d; i++) c[i] = -3 + 6 * ((0.37 + i * 0.618033988749895) % 1.0);
        return new ReferenceProblem("rastrigin" + d + "-shifted", fill(d, -5.12), fill(d, 5.12), 0, 0, x -> {
            double s = 10 * x.length;
            for (int i = 0; i < x.length; i++) {
                double z = x[i] - c[i];
                s += z * z - 10 * Math.cos(2 * Math.PI * z);
            }
            return s;
        });
    }

    /**
     * Michalewicz (m = 10) on [0, pi]^d: f = -sum sin(x_i) sin^20(i x_i^2 / pi), steep narrow valleys, d!
     * local minima. Defined for d = 2..10 with the minimum of its separable terms found once by a fine grid
     * and golden-section search ({@link #michalewiczTermMinimum}); for d = 5 that is -4.687658, the value
     * the literature quotes. The optimum is inside the box (for d = 5 at about (2.20, 1.57, 1.28, 1.92, 1.72)).
     */
    public static ReferenceProblem michalewicz(int d) {
        if (d < 2 || d > 10) throw new IllegalArgumentException("michalewicz is defined here for 2 to 10 dimensions, got " + d);
        double min = 0;
        for (int i = 1; i <= d; i++) min += michalewiczTermMinimum(i)[1];
        return new ReferenceProblem("michalewicz" + d, new double[d], fill(d, Math.PI), min, 0, x -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) s -= michalewiczTerm(i + 1, x[i]);
            return s;
        });
    }

    /** sin(x) sin^20(i x^2 / pi): the i-th term of Michalewicz (m = 10), counted positive. */
    static double michalewiczTerm(int i, double x) {
        return Math.sin(x) * Math.pow(Math.sin(i * x * x / Math.PI), 20);
    }

    /** {argmin, min} of -michalewiczTerm(i, x) on [0, pi]: a 20,000-point grid, then golden section around its best. */
    static double[] michalewiczTermMinimum(int i) {
        int n = 20_000;
        int best = 0;
        for (int k = 1; k <= n; k++) if (michalewiczTerm(i, Math.PI * k / n) > michalewiczTerm(i, Math.PI * best / n)) best = k;
        double a = Math.PI * Math.max(0, best - 1) / n, b = Math.PI * Math.min(n, best + 1) / n, g = (Math.sqrt(5) - 1) / 2;
        for (int k = 0; k < 100; k++) {
            double c = b - g * (b - a), e = a + g * (b - a);
            if (michalewiczTerm(i, c) > michalewiczTerm(i, e)) b = e;
            else a = c;
        }
        double x = (a + b) / 2;
        return new double[] {x, -michalewiczTerm(i, x)};
    }

    /**
     * {@code base} with {@code dim - base.dimension()} inputs added that it ignores (its own inputs come
     * first): a problem with few relevant dimensions among many, as a study's search space often is.
     * Named "base-in-dim".
     */
    public static ReferenceProblem embedded(ReferenceProblem base, int dim) {
        int d0 = base.dimension();
        if (dim < d0) throw new IllegalArgumentException("cannot embed " + base.name() + " in " + dim + " dimensions");
        double[] lo = java.util.Arrays.copyOf(base.lower(), dim), hi = java.util.Arrays.copyOf(base.upper(), dim);
        java.util.Arrays.fill(hi, d0, dim, 1.0);
        return new ReferenceProblem(base.name() + "-in-" + dim, lo, hi, base.minimum(), base.noiseSd(),
                x -> base.f().applyAsDouble(java.util.Arrays.copyOf(x, d0)));
    }

    public static List<ReferenceProblem> all() {
        return List.of(branin(), hartmann6(), ackley(5), rosenbrock(4), levy(10), noisyHartmann6());
    }

    /**
     * A problem of {@link #all()} by name, or one of the families in any dimension: "ackleyN",
     * "rosenbrockN", "levyN", and "P-in-N" (problem P with inputs it ignores, N inputs in all), or an HRSNN
     * study surrogate ({@link SurrogateProblem}).
     */
    public static ReferenceProblem named(String name) {
        for (ReferenceProblem p : all()) if (p.name().equals(name)) return p;
        ReferenceProblem surrogate = SurrogateProblem.named(name);
        if (surrogate != null) return surrogate;
        var m = java.util.regex.Pattern.compile("(.+)-in-(\\d{1,3})").matcher(name);
        if (m.matches()) return embedded(named(m.group(1)), Integer.parseInt(m.group(2)));
        m = java.util.regex.Pattern.compile("sphere(\\d{1,3})-shifted").matcher(name);
        if (m.matches() && Integer.parseInt(m.group(1)) >= 1) return shiftedSphere(Integer.parseInt(m.group(1)));
        m = java.util.regex.Pattern.compile("rastrigin(\\d{1,3})-shifted").matcher(name);
        if (m.matches() && Integer.parseInt(m.group(1)) >= 1) return shiftedRastrigin(Integer.parseInt(m.group(1)));
        m = java.util.regex.Pattern.compile("michalewicz(\\d{1,2})").matcher(name);
        if (m.matches()) return michalewicz(Integer.parseInt(m.group(1)));
        m = java.util.regex.Pattern.compile("(ackley|rosenbrock|levy|zakharov|dixonprice|trid|styblinskitang)(\\d{1,3})").matcher(name);
        if (m.matches() && Integer.parseInt(m.group(2)) >= 2) {
            int d = Integer.parseInt(m.group(2));
            return switch (m.group(1)) {
                case "ackley" -> ackley(d);
                case "rosenbrock" -> rosenbrock(d);
                case "zakharov" -> zakharov(d);
                case "dixonprice" -> dixonPrice(d);
                case "trid" -> trid(d);
                case "styblinskitang" -> styblinskiTang(d);
                default -> levy(d);
            };
        }
        throw new IllegalArgumentException("unknown problem " + name + "; known: " + all().stream().map(ReferenceProblem::name).toList()
                + ", ackleyN, rosenbrockN, levyN, zakharovN, dixonpriceN, tridN, styblinskitangN (N >= 2), sphereN-shifted, rastriginN-shifted, michalewiczN (N = 2..10), P-in-N (P embedded among N inputs), and the HRSNN study surrogates " + SurrogateProblem.NAMES + " (random forest; -gp: GP posterior mean)");
    }

    private static double[] fill(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** Result of a sequential run: simple regret after each evaluation, time spent proposing, the points. */
    public record Run(double[] regret, double[] suggestSeconds, double[][] points, java.util.Map<Integer, Double> recommended) {
        /** Share of the coordinates of points from..end that sit on a bound of the unit cube (within 1e-9). */
        public double shareAtBound(int from) {
            long at = 0, all = 0;
            for (int t = from; t < points.length; t++)
                for (double u : points[t]) {
                    all++;
                    if (u < 1e-9 || u > 1 - 1e-9) at++;
                }
            return all == 0 ? Double.NaN : (double) at / all;
        }

        /** Proposals from..end within 1e-6 in every coordinate of an earlier point. */
        public int nearDuplicates(int from) {
            int count = 0;
            for (int t = Math.max(1, from); t < points.length; t++)
                for (int s = 0; s < t; s++) {
                    boolean same = true;
                    for (int d = 0; d < points[t].length && same; d++) same = Math.abs(points[t][d] - points[s][d]) < 1e-6;
                    if (same) {
                        count++;
                        break;
                    }
                }
            return count;
        }

        /**
         * Simple regret after {@code n} evaluations: of the point the sampler recommended then, when it was
         * asked (a checkpoint of {@link #minimise(Sampler, int, long, int...)}), else of the best observation.
         */
        public double regretAfter(int n) {
            int k = Math.min(n, regret.length);
            Double r = recommended.get(k);
            return r != null ? r : regret[k - 1];
        }
    }

    /**
     * Runs {@code sampler} for {@code budget} sequential evaluations. Simple regret after n evaluations is
     * f(x*) - minimum, judged on the noise-free function, where x* is the point with the best observed
     * value so far; after each of the {@code checkpoints}, x* is also taken as the sampler recommends it
     * ({@link Sampler#recommend}: a GP's lowest posterior mean, which on noisy problems is not the luckiest
     * observation) and {@link Run#regretAfter} reports that.
     */
    public Run minimise(Sampler sampler, int budget, long seed, int... checkpoints) {
        SearchSpace space = space();
        UniformRandomProvider noise = Seeds.rng(seed, "problem.noise");
        var gauss = ZigguratSampler.NormalizedGaussian.of(noise);
        List<Observation> history = new ArrayList<>();
        double[] regret = new double[budget], seconds = new double[budget], truths = new double[budget];
        double[][] points = new double[budget][];
        java.util.Map<Integer, Double> recommended = new java.util.TreeMap<>();
        double bestObserved = Double.POSITIVE_INFINITY, bestTrue = Double.NaN;
        for (int t = 0; t < budget; t++) {
            long t0 = System.nanoTime();
            double[] u = sampler.suggest(space, t, List.copyOf(history), List.of());
            seconds[t] = (System.nanoTime() - t0) / 1e9;
            points[t] = u.clone();
            double truth = value(u);
            truths[t] = truth;
            double observed = truth + (noiseSd > 0 ? noiseSd * gauss.sample() : 0);
            history.add(Observation.of(u, observed));
            if (observed < bestObserved) {
                bestObserved = observed;
                bestTrue = truth;
            }
            regret[t] = Math.max(bestTrue - minimum, 0);
            for (int c : checkpoints)
                if (c == t + 1) recommended.put(c, Math.max(truths[sampler.recommend(space, List.copyOf(history))] - minimum, 0));
        }
        return new Run(regret, seconds, points, recommended);
    }
}
