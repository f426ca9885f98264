#!/usr/bin/python3
"""Mean rate of the reference network in Brian 2 over seeds 1..10 (numpy target; run by hand).

The figures it prints are the reference for src/test/java/org/hrsnn/sim/BrianAgreementTest.java.
Usage: /usr/bin/python3 bench/brian_rates.py
"""
import os
import sys

import numpy as np
from brian2 import Network, prefs, second

here = os.path.dirname(os.path.abspath(__file__))
source = open(os.path.join(here, "brian_reference.py")).read().split("def standalone")[0]
source = source.replace("seed(1)", "seed(SEED)")
sys.argv = [sys.argv[0], "runtime", "1"]
prefs.codegen.target = "numpy"
rates = []
for s in range(1, 11):
    scope = {"SEED": s}
    exec(source, scope)
    objs, mon = scope["build"](False)
    Network(objs).run(1 * second)
    rates.append(mon.num_spikes / 1000)
    print(s, rates[-1], flush=True)
print(f"brian2 mean rate over 10 seeds: {np.mean(rates):.3f} Hz, sd {np.std(rates, ddof=1):.3f} Hz")
