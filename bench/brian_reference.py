#!/usr/bin/python3
"""The hrsnn reference network in Brian 2, for a side-by-side timing and rate check (run by hand).

Same network as ReferenceNetworks.benchmark(): 800 E / 200 I LIF (tau 20 ms, threshold -50 mV,
reset = rest = -60 mV, refractory 5 ms, drive 22 mV), exponential currents (5 ms E, 10 ms I), weights
1.62 mV and -9 mV, p = 0.1 without autapses, 1 ms delays, dt = 0.1 ms, 1 s; optional additive STDP on
E->E (A+ = 0.0162 mV, A- = 0.01701 mV, tau+- = 20 ms, wmax = 3.24 mV), with depression then pre-trace
update at arrival, as in hrsnn.

Usage: /usr/bin/python3 bench/brian_reference.py [standalone|runtime] [repeats]
Prints wall time of the simulation only (compilation excluded) and the mean rate.
"""
import os
import subprocess
import sys
import tempfile
import time

from brian2 import (Network, NeuronGroup, Synapses, SpikeMonitor, ms, mV, second, run, set_device, device, prefs,
                    defaultclock, seed, start_scope)

mode = sys.argv[1] if len(sys.argv) > 1 else "standalone"
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5


def build(stdp):
    start_scope()
    seed(1)
    defaultclock.dt = 0.1 * ms
    eqs = """
    dv/dt = (-(v - El) + ge + gi + drive) / taum : volt (unless refractory)
    dge/dt = -ge / taue : volt
    dgi/dt = -gi / taui : volt
    """
    ns = dict(El=-60 * mV, drive=22 * mV, taum=20 * ms, taue=5 * ms, taui=10 * ms,
              Aplus=0.0162 * mV, Aminus=0.01701 * mV, taupre=20 * ms, taupost=20 * ms, wmax=3.24 * mV)
    P = NeuronGroup(1000, eqs, threshold="v >= -50*mV", reset="v = -60*mV", refractory=5 * ms,
                    method="exact", namespace=ns)
    P.v = -60 * mV
    E, I = P[:800], P[800:]
    if stdp:
        ee = Synapses(E, E, model="""w : volt
                      dapre/dt = -apre / taupre : 1 (event-driven)
                      dapost/dt = -apost / taupost : 1 (event-driven)""",
                      on_pre="""ge_post += w
                      w = clip(w - Aminus * apost, 0*mV, wmax)
                      apre += 1""",
                      on_post="""w = clip(w + Aplus * apre, 0*mV, wmax)
                      apost += 1""", delay=1 * ms, namespace=ns)
        ee.connect(condition="i != j", p=0.1)
        ee.w = 1.62 * mV
    else:
        ee = Synapses(E, E, on_pre="ge_post += 1.62*mV", delay=1 * ms)
        ee.connect(condition="i != j", p=0.1)
    ei = Synapses(E, I, on_pre="ge_post += 1.62*mV", delay=1 * ms)
    ei.connect(p=0.1)
    ie = Synapses(I, E, on_pre="gi_post -= 9*mV", delay=1 * ms)
    ie.connect(p=0.1)
    ii = Synapses(I, I, on_pre="gi_post -= 9*mV", delay=1 * ms)
    ii.connect(condition="i != j", p=0.1)
    mon = SpikeMonitor(P)
    return [P, ee, ei, ie, ii, mon], mon


def standalone(stdp):
    d = tempfile.mkdtemp(prefix="brian-hrsnn-")
    set_device("cpp_standalone", directory=d, build_on_run=False)
    objs, mon = build(stdp)
    Network(objs).run(1 * second)
    device.build(directory=d, compile=True, run=False)
    walls, loops = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(["./main"], cwd=d, check=True)
        walls.append(time.perf_counter() - t0)
        # Brian writes the duration of the run loop alone (no set-up, no output) here.
        with open(os.path.join(d, "results", "last_run_info.txt")) as f:
            loops.append(float(f.read().split()[0]))
    device.run(directory=d, with_output=False, run_args=[])
    rate = mon.num_spikes / 1000 / 1.0
    device.reinit()
    device.activate()
    print(f"  standalone process incl. set-up and output: median {sorted(walls)[len(walls)//2]:.3f} s")
    return loops, rate


def runtime(stdp):
    prefs.codegen.target = "cython"
    walls = []
    rate = 0
    for _ in range(repeats):
        objs, mon = build(stdp)
        net = Network(objs)
        net.run(0 * ms)  # compile outside the timed part
        t0 = time.perf_counter()
        net.run(1 * second)
        walls.append(time.perf_counter() - t0)
        rate = mon.num_spikes / 1000 / 1.0
    return walls, rate


for stdp in (False, True):
    walls, rate = (standalone if mode == "standalone" else runtime)(stdp)
    walls_sorted = sorted(walls)
    print(f"brian2 {mode} STDP {'on ' if stdp else 'off'}: wall per 1 s simulated: "
          f"min {walls_sorted[0]:.3f} s, median {walls_sorted[len(walls)//2]:.3f} s; mean rate {rate:.2f} Hz")
