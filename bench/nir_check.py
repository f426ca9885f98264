#!/usr/bin/env python3
"""Independent check of a NIR file written by `hrsnn export nir` (issue 14).

Reads the file with h5py only (no hrsnn code, no `nir` package), checks it against the NIR layout of the
reference implementation (root `version` and `node`; a NIRGraph with `nodes`, `edges` of shape (E, 2) and
optional `metadata`; each node's type, exactly its parameter fields, their shapes, and that every edge joins
an output to an input of the same shape), then simulates the graph with numpy at dt = 0.1 ms over the input
in the check data (`--check-data` of the export: 1 s of memory-task input and hrsnn's per-neuron spike
counts with refractory periods, adaptation and noise off) and compares per-neuron spike counts.

The simulator interprets the node kinds as NIR defines them, in continuous time, discretised here:
  LIF   tau dv/dt = (v_leak - v) + r I; a spike when v > v_threshold, then v = v_reset
  LI    tau dv/dt = (v_leak - v) + r I
  Linear/Affine  W x (+ b);  Delay  x(t - delay), per element (0 allowed);  Input/Output  the graph's ends
Spikes are unit Dirac impulses: an impulse of area a into an LI node makes it jump by r a / tau. Each step
(dt = 0.1 ms) the state-determined outputs (Input, Delay, a LIF's spikes of the previous step) flow through
the other nodes in topological order; LI and LIF integrate exactly with their input held over the step,
except that an LI node driven by impulses decays exponentially within the step, and its effect on a LIF
membrane is integrated exactly (the two-exponential propagator).
Initial membrane: metadata v_init where present (hrsnn starts at rest), else v_leak.

Usage: /usr/bin/python3 bench/nir_check.py FILE.nir CHECK.h5 [--dt 0.1] [--layout-only]
Simulates at hrsnn's own step (must agree neuron for neuron) and at --dt when that differs: against hrsnn's
simulation of the same graph at that step when the check data have one (`other_dt`, `other_counts`: must
agree neuron for neuron), else against hrsnn at its own step (within the looser tolerances below). Prints the layout report, then the agreement; exits 0 when layout and
tolerances hold, 1 when they do not, 2 on unreadable input.
"""
import argparse
import sys

import h5py
import numpy as np

# Fields of each node kind, as the reference implementation's reader passes them to the node's constructor
# (an extra field would break that reader): required, optional.
FIELDS = {
    "Input": ({"shape"}, set()),
    "Output": ({"shape"}, set()),
    "LIF": ({"tau", "r", "v_leak", "v_threshold"}, {"v_reset"}),
    "LI": ({"tau", "r", "v_leak"}, set()),
    "CubaLIF": ({"tau_syn", "tau_mem", "r", "v_leak", "v_threshold"}, {"v_reset", "w_in"}),
    "Linear": ({"weight"}, set()),
    "Affine": ({"weight", "bias"}, set()),
    "Delay": ({"delay"}, set()),
}

# Tolerances of the spike-count comparison (docs/nir.md).
# At hrsnn's own time step the two simulations discretise the same equations the same way (exactly between
# step boundaries), so they must agree neuron for neuron, bar a threshold crossing decided by rounding:
SAME_DT_IDENTICAL_MIN = 0.99   # fraction of neurons with identical counts
SAME_DT_TOTAL = 0.01           # |total - total_hrsnn| / total_hrsnn
# At another step (0.1 ms by default) spikes fall on another time grid (hrsnn registers a crossing at the end
# of its step, up to one step late, and delivers it after whole steps). In a recurrent network that moves
# spike times, so counts agree in distribution and per neuron, not spike for spike. Measured on the example
# study's best design (hrsnn dt 0.25 ms, 28,651 spikes): numpy gives 28,651 at 0.25 ms, 30,116 (+5.1%) at
# 0.1 ms and 33,202 (+15.9%) at 0.05 ms: without refractory periods its total rate depends on the step.
OTHER_DT_TOTAL = 0.10
OTHER_DT_CORRELATION = 0.95    # Pearson correlation of per-neuron counts


def text(x):
    return x.decode("utf8") if isinstance(x, (bytes, np.bytes_)) else str(x)


class LayoutError(Exception):
    pass


def read_layout(path):
    """The graph as {name: (type, {field: array}, {metadata})} and [(from, to)], checked against the layout."""
    problems = []
    f = h5py.File(path, "r")
    if "version" not in f or "node" not in f:
        raise LayoutError("root must hold 'version' and 'node'")
    version = text(f["version"][()])
    g = f["node"]
    if text(g["type"][()]) != "NIRGraph":
        raise LayoutError("node/type must be NIRGraph")
    for key in g.keys():
        if key not in ("type", "nodes", "edges", "metadata"):
            problems.append(f"node: unexpected entry '{key}'")
    nodes = {}
    for name, grp in g["nodes"].items():
        if not isinstance(grp, h5py.Group):
            problems.append(f"node '{name}': not a group")
            continue
        kind = text(grp["type"][()])
        if kind not in FIELDS:
            problems.append(f"node '{name}': type {kind} is not one this checker knows")
            continue
        required, optional = FIELDS[kind]
        fields = {k for k in grp.keys() if k not in ("type", "metadata")}
        if required - fields:
            problems.append(f"node '{name}' ({kind}): missing {sorted(required - fields)}")
        if fields - required - optional:
            problems.append(f"node '{name}' ({kind}): fields the reference reader would refuse: {sorted(fields - required - optional)}")
        params = {k: np.asarray(grp[k][()]) for k in fields}
        meta = {k: v[()] for k, v in grp["metadata"].items()} if "metadata" in grp else {}
        nodes[name] = (kind, params, meta)
    edges_ds = g["edges"]
    if edges_ds.ndim != 2 or edges_ds.shape[1] != 2:
        raise LayoutError(f"node/edges must have shape (E, 2), has {edges_ds.shape}")
    edges = [(text(a), text(b)) for a, b in edges_ds[()]]
    graph_meta = {k: v[()] for k, v in g["metadata"].items()} if "metadata" in g else {}

    shapes_in, shapes_out = {}, {}
    for name, (kind, p, _) in nodes.items():
        if kind in ("Input", "Output"):
            s = tuple(int(x) for x in p["shape"])
            shapes_in[name] = shapes_out[name] = s
        elif kind in ("Linear", "Affine"):
            w = p["weight"]
            if w.ndim != 2:
                problems.append(f"node '{name}': weight must be 2-D, is {w.shape}")
                continue
            shapes_in[name], shapes_out[name] = (w.shape[1],), (w.shape[0],)
            if kind == "Affine" and p["bias"].shape != (w.shape[0],):
                problems.append(f"node '{name}': bias shape {p['bias'].shape} != ({w.shape[0]},)")
        else:
            arrays = list(p.values())
            s = arrays[0].shape
            for k, a in p.items():
                if a.shape != s:
                    problems.append(f"node '{name}' ({kind}): field '{k}' has shape {a.shape}, others {s}")
            shapes_in[name] = shapes_out[name] = s
    for a, b in edges:
        if a not in nodes or b not in nodes:
            problems.append(f"edge {a} -> {b}: unknown node")
        elif shapes_out.get(a) != shapes_in.get(b):
            problems.append(f"edge {a} -> {b}: output shape {shapes_out.get(a)} != input shape {shapes_in.get(b)}")
    if problems:
        raise LayoutError("; ".join(problems))
    return version, nodes, edges, graph_meta


def propagator(dt, tau_m, tau_s):
    """v(dt) of tau_m dv/dt = -v + I(t), v(0) = 0, for I(t) = e^{-t/tau_s}: tau_s/(tau_s - tau_m) (e^{-dt/tau_s} - e^{-dt/tau_m})."""
    tau_m, tau_s = np.broadcast_arrays(np.asarray(tau_m, float), np.asarray(tau_s, float))
    out = np.empty(tau_m.shape)
    same = np.isclose(tau_m, tau_s, rtol=1e-12)
    out[same] = dt / tau_m[same] * np.exp(-dt / tau_m[same])
    d = ~same
    out[d] = tau_s[d] / (tau_s[d] - tau_m[d]) * (np.exp(-dt / tau_s[d]) - np.exp(-dt / tau_m[d]))
    return out


def lags(name, delay, dt, exact):
    """Whole steps of each element's delay. At the file's own step the delays must be whole multiples of it; at
    another step they are rounded to the nearest step (the discretisation of this simulator, reported)."""
    d = np.asarray(delay, float)
    lag = np.rint(d / dt).astype(int)
    off = np.abs(lag * dt - d)
    if exact and np.any(off > 1e-9 * np.maximum(1, d)):
        raise LayoutError(f"node '{name}': delays {np.unique(d)[:5]} are not whole multiples of dt = {dt}")
    if np.any(lag < 0):
        raise LayoutError(f"node '{name}': negative delay")
    return lag, float(off.max()) if off.size else 0.0


def simulate(nodes, edges, u, u_dt, dt, duration):
    """Per-neuron spike counts of every LIF node over `duration` ms of input u (rows every u_dt ms)."""
    steps = int(round(duration / dt))
    preds = {n: [a for a, b in edges if b == n] for n in nodes}
    exact = abs(dt - u_dt) < 1e-12
    delay_lag, rounding = {}, 0.0
    for n, (k, p, _) in nodes.items():
        if k == "Delay":
            delay_lag[n], off = lags(n, p["delay"], dt, exact)
            rounding = max(rounding, off)
    if rounding > 0:
        print(f"  (delays rounded to whole steps of {dt} ms: at most {rounding:.3g} ms off)")
    # A Delay with a zero lag passes this step's value on, so it is computed in order with the other nodes;
    # one whose lags are all >= 1 is a source of the step (its output was written in earlier steps).
    stateful = {n for n, (k, _, _) in nodes.items() if k in ("Input", "LIF") or (k == "Delay" and delay_lag[n].min() >= 1)}
    # Topological order of the rest, with state-determined nodes as sources.
    order, done = [], set(stateful)
    pending = [n for n in nodes if n not in stateful]
    while pending:
        ready = [n for n in pending if all(p in done for p in preds[n])]
        if not ready:
            raise LayoutError("a cycle without a Delay or LIF node: " + ", ".join(pending))
        for n in ready:
            order.append(n)
            done.add(n)
            pending.remove(n)
    # impulsive[n]: n's output is a train of Dirac impulses (given per step as their areas)
    impulsive = {}
    for n, (k, _, _) in nodes.items():
        if k == "LIF":
            impulsive[n] = True
        elif k == "Input":
            impulsive[n] = False
    def is_impulsive(n):
        if n in impulsive:
            return impulsive[n]
        k = nodes[n][0]
        if k in ("LI", "CubaLIF"):
            impulsive[n] = False
        else:
            ins = [is_impulsive(p) for p in preds[n]]
            impulsive[n] = bool(ins) and all(ins)
            if ins and any(ins) and not all(ins):
                raise LayoutError(f"node '{n}' mixes spikes and continuous signals")
        return impulsive[n]
    for n in nodes:
        is_impulsive(n)

    state, counts, delay_buf = {}, {}, {}
    for n, (k, p, m) in nodes.items():
        if k == "LIF":
            v0 = np.asarray(m["v_init"], float) if "v_init" in m else p["v_leak"].astype(float)
            state[n] = v0.copy()
            counts[n] = np.zeros(v0.shape, np.int64)
            state[n + "/spikes"] = np.zeros(v0.shape)
        elif k == "LI":
            state[n] = np.zeros(p["tau"].shape)
        elif k == "Delay":
            lag = delay_lag[n]
            # Ring buffer of past inputs: slot s % len holds the input of step s; element j reads step - lag[j].
            delay_buf[n] = np.zeros((lag.max() + 1, lag.size))
    columns = {n: np.arange(delay_lag[n].size) for n in delay_lag}
    out = {}
    for step in range(steps):
        t = step * dt
        for n, (k, p, m) in nodes.items():
            if k == "Input":
                out[n] = u[min(int(t / u_dt + 1e-9), len(u) - 1)]
            elif k == "LIF":
                out[n] = state[n + "/spikes"]
            elif k == "Delay" and n in stateful:
                buf = delay_buf[n]
                out[n] = buf[(step - delay_lag[n]) % len(buf), columns[n]]
        def summed(n):
            ins = [out[a] for a in preds[n]]
            return sum(ins) if ins else 0.0
        for n in order:
            k, p, m = nodes[n]
            x = summed(n)
            if k == "Delay":  # with a zero lag: this step's input joins the buffer before it is read
                buf = delay_buf[n]
                buf[step % len(buf)] = x
                out[n] = buf[(step - delay_lag[n]) % len(buf), columns[n]]
            elif k == "Linear":
                out[n] = p["weight"] @ x if np.any(x) else np.zeros(p["weight"].shape[0])
            elif k == "Affine":
                out[n] = p["weight"] @ x + p["bias"]
            elif k == "Output":
                out[n] = x
            elif k == "LI":
                tau, r, leak = p["tau"], p["r"], p["v_leak"]
                v = state[n]
                if impulsive[preds[n][0]] if preds[n] else False:
                    v = v + r * x / tau                 # Dirac impulses: a jump at the start of the step
                    out[n] = v                          # held over this step by its readers
                    state[n] = leak + (v - leak) * np.exp(-dt / tau)
                else:
                    out[n] = v
                    a = np.exp(-dt / tau)
                    state[n] = leak + (v - leak) * a + r * x * (1 - a)
        # Stateful updates: delays take this step's input, LIF integrate and fire.
        for n, (k, p, m) in nodes.items():
            if k == "Delay" and n in stateful:
                buf = delay_buf[n]
                buf[step % len(buf)] = summed(n)       # read again lag steps later
            elif k == "LIF":
                tau, r, leak = p["tau"], p["r"], p["v_leak"]
                a = np.exp(-dt / tau)
                v = leak + (state[n] - leak) * a
                for q in preds[n]:
                    kq, pq, _ = nodes[q]
                    if kq == "LI" and preds[q] and impulsive[preds[q][0]]:
                        # An LI node driven by impulses relaxes exponentially within the step, so its effect on
                        # the membrane over the step is known exactly (the propagator of two exponentials).
                        ts, lq = pq["tau"], pq["v_leak"]
                        v = v + r * (lq * (1 - a) + (out[q] - lq) * propagator(dt, tau, ts))
                    else:
                        v = v + r * out[q] * (1 - a)
                spikes = v > p["v_threshold"]
                v = np.where(spikes, p["v_reset"] if "v_reset" in p else 0.0, v)
                state[n] = v
                state[n + "/spikes"] = spikes.astype(float)
                counts[n] += spikes
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("nir")
    ap.add_argument("check", nargs="?")
    ap.add_argument("--dt", type=float, default=0.1, help="simulation step, ms (default 0.1)")
    ap.add_argument("--layout-only", action="store_true")
    a = ap.parse_args()
    try:
        version, nodes, edges, meta = read_layout(a.nir)
    except LayoutError as e:
        print(f"{a.nir}: layout: FAIL: {e}")
        return 1
    except (OSError, KeyError) as e:
        print(f"{a.nir}: cannot read: {e}")
        return 2
    print(f"{a.nir}: layout OK (NIR {version}): {len(nodes)} nodes, {len(edges)} edges")
    for name, (kind, p, _) in nodes.items():
        shapes = " ".join(f"{k}{list(v.shape)}" for k, v in p.items())
        print(f"  {name:10s} {kind:7s} {shapes}")
    if a.layout_only:
        return 0
    if not a.check:
        print("no check data given: layout only")
        return 0
    c = h5py.File(a.check, "r")
    u = np.asarray(c["u"][()], float)
    u_dt = float(c["dt"][()])
    expected = np.asarray(c["counts"][()], np.int64)
    duration = len(u) * u_dt
    pops = sorted((n for n, (k, _, m) in nodes.items() if k == "LIF"),
                  key=lambda n: int(nodes[n][2].get("first_neuron", 0)))
    # hrsnn's references: its own step, and (when the export could hold the graph there) the same graph at another step.
    references = {u_dt: expected}
    if "other_dt" in c:
        references[float(c["other_dt"][()])] = np.asarray(c["other_counts"][()], np.int64)

    def compare(label, got, ref, strict):
        total_h, total_s = ref.sum(), got.sum()
        rel = abs(total_s - total_h) / max(total_h, 1)
        corr = np.corrcoef(got, ref)[0, 1] if got.std() > 0 and ref.std() > 0 else float("nan")
        same = np.mean(got == ref)
        print(f"{label}:")
        print(f"  spikes: numpy {total_s}, hrsnn {total_h}, relative difference {rel:.4f}")
        print(f"  per-neuron counts: Pearson r {corr:.4f}, mean |difference| {np.mean(np.abs(got - ref)):.2f} spikes "
              f"(mean count {ref.mean():.2f}), identical for {same:.1%} of neurons")
        if strict:
            good = rel <= SAME_DT_TOTAL and same >= SAME_DT_IDENTICAL_MIN
            print(f"  same step: needs total within {SAME_DT_TOTAL:.0%} and identical counts for >= {SAME_DT_IDENTICAL_MIN:.0%} of neurons: "
                  + ("OK" if good else "FAIL"))
        else:
            good = rel <= OTHER_DT_TOTAL and corr >= OTHER_DT_CORRELATION
            print(f"  other step: needs total within {OTHER_DT_TOTAL:.0%} and r >= {OTHER_DT_CORRELATION}: " + ("OK" if good else "FAIL"))
        return good

    ok = True
    for dt in ([u_dt] if abs(a.dt - u_dt) < 1e-12 else [u_dt, a.dt]):
        counts = simulate(nodes, edges, u, u_dt, dt, duration)
        got = np.concatenate([counts[n] for n in pops])
        if got.shape != expected.shape:
            print(f"FAIL: {got.size} neurons simulated, the check data have {expected.size}")
            return 1
        same_step = [r for r in references if abs(r - dt) < 1e-12]
        if same_step:
            ok &= compare(f"numpy at dt = {dt} ms against hrsnn at dt = {same_step[0]} ms, {duration:.0f} ms, {got.size} neurons",
                          got, references[same_step[0]], True)
            if dt != u_dt:  # how much the network itself depends on the step (information, not a verdict)
                ref = expected
                print(f"  (against hrsnn at its own step {u_dt} ms: spikes {got.sum()} against {ref.sum()}, "
                      f"Pearson r {np.corrcoef(got, ref)[0, 1]:.4f}: the network's own sensitivity to the step)")
        else:
            ok &= compare(f"numpy at dt = {dt} ms against hrsnn at dt = {u_dt} ms, {duration:.0f} ms, {got.size} neurons",
                          got, expected, False)
    print("agreement: " + ("OK" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
