#!/usr/bin/python3
"""Peer optimisers on hrsnn's reference problems, for docs/performance.md (run by hand).

- Optuna's TPE sampler (seeded): `tpe` with its default settings (independent per dimension), `tpe-mv`
  with multivariate=True (a joint Parzen estimator over all dimensions).
- `random`: uniform random search (NumPy, seeded).
- A plain BO loop on scikit-learn's GaussianProcessRegressor: Matern(nu=2.5) with one length scale per
  dimension times a constant, plus a white-noise kernel, normalize_y, 3 optimizer restarts; 1 + D Sobol
  initial points; EI maximised over 2,000 random candidates, the best 5 polished with L-BFGS-B.

Same functions, bounds, budgets and regret definition as `hrsnn bench optimizer`: simple regret, log10
with a floor of 1e-12, of the best observed point (these methods recommend the lowest observation; on the
noisy problem hrsnn's GP-BO recommends its lowest posterior mean instead, and prints the lowest
observation's regret beside it).
Usage: /usr/bin/python3 bench/peers_optimizer.py [tpe|tpe-mv|skgp|random] [seeds] [problems...]
"""
import math
import sys
import time
import warnings

import numpy as np

warnings.filterwarnings("ignore")

H_ALPHA = np.array([1.0, 1.2, 3.0, 3.2])
H_A = np.array([[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]])
H_P = 1e-4 * np.array([[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                       [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]])


def branin(x):
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x[1] - b * x[0] ** 2 + c * x[0] - 6) ** 2 + 10 * (1 - t) * math.cos(x[0]) + 10


def hartmann6(x):
    return -float(np.sum(H_ALPHA * np.exp(-np.sum(H_A * (np.asarray(x) - H_P) ** 2, axis=1))))


def ackley(x):
    x = np.asarray(x)
    return float(-20 * np.exp(-0.2 * np.sqrt(np.mean(x ** 2))) - np.exp(np.mean(np.cos(2 * np.pi * x))) + 20 + math.e)


def rosenbrock(x):
    x = np.asarray(x)
    return float(np.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2))


def levy(x):
    w = 1 + (np.asarray(x) - 1) / 4
    s = np.sin(np.pi * w[0]) ** 2
    s += np.sum((w[:-1] - 1) ** 2 * (1 + 10 * np.sin(np.pi * w[:-1] + 1) ** 2))
    return float(s + (w[-1] - 1) ** 2 * (1 + np.sin(2 * np.pi * w[-1]) ** 2))


def zakharov(x):
    x = np.asarray(x)
    s2 = float(np.sum(0.5 * np.arange(1, len(x) + 1) * x))
    return float(np.sum(x ** 2)) + s2 ** 2 + s2 ** 4


def dixon_price(x):
    x = np.asarray(x)
    i = np.arange(2, len(x) + 1)
    return float((x[0] - 1) ** 2 + np.sum(i * (2 * x[1:] ** 2 - x[:-1]) ** 2))


def trid(x):
    x = np.asarray(x)
    return float(np.sum((x - 1) ** 2) - np.sum(x[1:] * x[:-1]))


def shifted_sphere(d):
    # the same centre as ReferenceProblem.shiftedSphere: 0.15 + 0.7 * frac(i * golden ratio conjugate)
    c = np.array([0.15 + 0.7 * ((i * 0.618033988749895) % 1.0) for i in range(d)])
    return lambda x: float(np.sum((np.asarray(x) - c) ** 2))


def styblinski_tang(x):
    x = np.asarray(x)
    return float(np.sum(x ** 4 - 16 * x ** 2 + 5 * x) / 2)


def shifted_rastrigin(d):
    # the same centre as ReferenceProblem.shiftedRastrigin: -3 + 6 * frac(0.37 + i * golden ratio conjugate)
    c = np.array([-3 + 6 * ((0.37 + i * 0.618033988749895) % 1.0) for i in range(d)])
    return lambda x: float(10 * d + np.sum((np.asarray(x) - c) ** 2 - 10 * np.cos(2 * np.pi * (np.asarray(x) - c))))


def michalewicz(x):
    x = np.asarray(x)
    i = np.arange(1, len(x) + 1)
    return float(-np.sum(np.sin(x) * np.sin(i * x ** 2 / np.pi) ** 20))


# Styblinski-Tang's minimum per coordinate: at the root of 4x^3 - 32x + 5 near -2.9035
_st_x = -2.9
for _ in range(50):
    _st_x -= (4 * _st_x ** 3 - 32 * _st_x + 5) / (12 * _st_x ** 2 - 32)
ST_MIN = (_st_x ** 4 - 16 * _st_x ** 2 + 5 * _st_x) / 2


def embedded(name, dim):
    """Problem `name` with inputs it ignores up to `dim` in all, on [0, 1] (as ReferenceProblem.embedded)."""
    f, lo, hi, fmin, noise = PROBLEMS[name]
    d0 = len(lo)
    return (lambda x: f(list(x)[:d0]), list(lo) + [0] * (dim - d0), list(hi) + [1] * (dim - d0), fmin, noise)


PROBLEMS = {
    "branin": (branin, [-5, 0], [10, 15], 0.39788735772973816, 0.0),
    "hartmann6": (hartmann6, [0] * 6, [1] * 6, -3.32236801141551, 0.0),
    "ackley5": (ackley, [-32.768] * 5, [32.768] * 5, 0.0, 0.0),
    "rosenbrock4": (rosenbrock, [-5] * 4, [10] * 4, 0.0, 0.0),
    "levy10": (levy, [-10] * 10, [10] * 10, 0.0, 0.0),
    "hartmann6-noisy": (hartmann6, [0] * 6, [1] * 6, -3.32236801141551, 0.1),
    "zakharov6": (zakharov, [-5] * 6, [10] * 6, 0.0, 0.0),
    "dixonprice6": (dixon_price, [-10] * 6, [10] * 6, 0.0, 0.0),
    "trid6": (trid, [-36] * 6, [36] * 6, -6 * 10 * 5 / 6, 0.0),
    "sphere8-shifted": (shifted_sphere(8), [0] * 8, [1] * 8, 0.0, 0.0),
    "styblinskitang6": (styblinski_tang, [-5] * 6, [5] * 6, 6 * ST_MIN, 0.0),
    "rastrigin5-shifted": (shifted_rastrigin(5), [-5.12] * 5, [5.12] * 5, 0.0, 0.0),
    # Michalewicz-5: the minimum ReferenceProblem computes (the literature quotes -4.687658)
    "michalewicz5": (michalewicz, [0] * 5, [math.pi] * 5, -4.687658179088146, 0.0),
}
PROBLEMS["hartmann6-in-30"] = embedded("hartmann6", 30)


def run_random(name, seed, budget):
    f, lo, hi, fmin, noise = PROBLEMS[name]
    lo, hi = np.array(lo, float), np.array(hi, float)
    rng = np.random.default_rng(seed)
    best_obs, best_true, regrets = math.inf, math.nan, []
    for _ in range(budget):
        truth = f(lo + rng.random(len(lo)) * (hi - lo))
        obs = truth + noise * rng.standard_normal() if noise else truth
        if obs < best_obs:
            best_obs, best_true = obs, truth
        regrets.append(max(best_true - fmin, 0))
    return regrets


def run_tpe_mv(name, seed, budget):
    return run_tpe(name, seed, budget, multivariate=True)


def run_tpe(name, seed, budget, multivariate=False):
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    f, lo, hi, fmin, noise = PROBLEMS[name]
    rng = np.random.default_rng(seed)
    best_obs, best_true, regrets = math.inf, math.nan, []

    def objective(trial):
        nonlocal best_obs, best_true
        x = [trial.suggest_float(f"x{d}", lo[d], hi[d]) for d in range(len(lo))]
        truth = f(x)
        obs = truth + noise * rng.standard_normal() if noise else truth
        if obs < best_obs:
            best_obs, best_true = obs, truth
        regrets.append(max(best_true - fmin, 0))
        return obs

    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed, multivariate=multivariate))
    study.optimize(objective, n_trials=budget)
    return regrets


def run_skgp(name, seed, budget):
    from scipy.optimize import minimize
    from scipy.stats import norm, qmc
    from sklearn.gaussian_process import GaussianProcessRegressor
    from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel
    f, lo, hi, fmin, noise = PROBLEMS[name]
    lo, hi = np.array(lo, float), np.array(hi, float)
    d = len(lo)
    rng = np.random.default_rng(seed)
    X = list(qmc.Sobol(d, scramble=True, seed=seed).random(1 + d))
    Y, regrets = [], []
    best_obs, best_true = math.inf, math.nan

    def evaluate(u):
        nonlocal best_obs, best_true
        truth = f(lo + u * (hi - lo))
        obs = truth + noise * rng.standard_normal() if noise else truth
        if obs < best_obs:
            best_obs, best_true = obs, truth
        regrets.append(max(best_true - fmin, 0))
        return obs

    Y = [evaluate(u) for u in X]
    while len(Y) < budget:
        kernel = ConstantKernel(1.0, (1e-2, 1e2)) * Matern(np.ones(d), (1e-2, 1e2), nu=2.5) + WhiteKernel(1e-6, (1e-8, 1))
        gp = GaussianProcessRegressor(kernel, normalize_y=True, n_restarts_optimizer=3, random_state=seed)
        gp.fit(np.array(X), np.array(Y))
        ybest = min(Y)

        def neg_ei(u):
            m, s = gp.predict(np.atleast_2d(u), return_std=True)
            s = np.maximum(s, 1e-12)
            z = (ybest - m) / s
            return -(s * (z * norm.cdf(z) + norm.pdf(z)))

        cand = rng.random((2000, d))
        vals = neg_ei(cand)
        best_u, best_v = None, math.inf
        for u0 in cand[np.argsort(vals)[:5]]:
            r = minimize(lambda u: float(neg_ei(u)[0]), u0, method="L-BFGS-B", bounds=[(0, 1)] * d)
            if r.fun < best_v:
                best_u, best_v = r.x, r.fun
        X.append(best_u)
        Y.append(evaluate(best_u))
    return regrets


def main():
    method = sys.argv[1] if len(sys.argv) > 1 else "tpe"
    seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    names = sys.argv[3:] or list(PROBLEMS)
    runs = {"tpe": run_tpe, "tpe-mv": run_tpe_mv, "skgp": run_skgp, "random": run_random}
    if method not in runs:
        sys.exit(f"method must be one of {', '.join(runs)}, got {method!r}")
    unknown = [n for n in names if n not in PROBLEMS]
    if unknown:
        sys.exit(f"unknown problem(s) {', '.join(unknown)}; known: {', '.join(PROBLEMS)}")
    run = runs[method]
    print(f"log10 simple regret (floor 1e-12) over {seeds} seeds: median [25%, 75%]")
    for name in names:
        t0 = time.perf_counter()
        at = {50: [], 100: []}
        for seed in range(1, seeds + 1):
            r = run(name, seed, 100)
            for b in at:
                at[b].append(math.log10(max(r[b - 1], 1e-12)))
        cols = "  ".join(f"after {b}: {np.median(v):6.2f} [{np.percentile(v, 25):6.2f}, {np.percentile(v, 75):6.2f}]" for b, v in at.items())
        print(f"{name:16s} {method:7s} {cols}  wall {(time.perf_counter() - t0) / seeds:.2f} s/run", flush=True)


if __name__ == "__main__":
    main()
