#!/usr/bin/env bash
# Which mechanism holds a design's memory: the design with one thing changed at a time, each scored by
# 'hrsnn evaluate --task narma10' (S, MC with its controls, NRMSE beside the raw-input baselines), on the
# design's own seed. Run by hand (a few minutes per variant at 1,000 neurons):
#   bench/memory_mechanisms.sh [DESIGN] [OUT_DIR]
# Default design: docs/examples/best-mc-2026-11-23.json (the best MC of the 2026-11-23 studies).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${HRSNN_JAR:-target/hrsnn.jar}
design=${1:-docs/examples/best-mc-2026-11-23.json}; out=${2:-/tmp/hrsnn-mechanisms}
mkdir -p "$out"
python3 - "$design" "$out" <<'PY'
import copy, json, sys
base = json.load(open(sys.argv[1])); out = sys.argv[2]
def variant(name, change):
    d = copy.deepcopy(base); change(d["network"])
    json.dump(d, open(f"{out}/{name}.json", "w"), indent=1)
def each(keys, f):
    def g(n):
        for k in keys: f(n, k)
    return g
rec = lambda field, v: each(("ee", "ei", "ie", "ii"), lambda n, k: n["recurrent"][k].__setitem__(field, v))
variant("as-found", lambda n: None)
variant("tau-syn-exc-60ms", each(("ee", "ei"), lambda n, k: n["recurrent"][k].__setitem__("tauSynapse", 60.0)))
variant("tau-syn-all-100ms", rec("tauSynapse", 100.0))
variant("tau-m-e-mean-30ms", lambda n: n["excitatory"]["neuron"]["tauMembrane"].__setitem__("mean", 30.0))
variant("threshold-40mV", each(("excitatory", "inhibitory"), lambda n, p: n[p]["neuron"]["threshold"].__setitem__("value", -40.0)))
variant("no-recurrence", rec("probability", 0.0))
variant("input-scale-x4", each(("toExcitatory", "toInhibitory"), lambda n, k: n["input"][k]["weight"].__setitem__("high", 4 * n["input"][k]["weight"]["high"])))
variant("ee-ei-weights-x2", each(("ee", "ei"), lambda n, k: n["recurrent"][k]["weight"].__setitem__("value", 2 * n["recurrent"][k]["weight"]["value"])))
for ms in (50.0, 100.0, 150.0):
    variant(f"input-delays-{int(ms)}ms", lambda n, ms=ms: n["input"]["encoding"].__setitem__("maxDelay", ms))
PY
printf "%-22s %8s %8s %8s %8s %8s\n" variant S MC NRMSE raw10 tapped
for f in "$out"/*.json; do
  name=$(basename "$f" .json)
  java -jar "$jar" evaluate --design "$f" --task narma10 --json > "$out/$name.out"
  python3 - "$out/$name.out" "$name" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); n = sys.argv[2]; nan = float("nan")
print(f"{n:22s} {r.get('spikingActivityHz', nan):8.3f} {r.get('memoryCapacity', nan):8.3f} {r.get('nrmse', nan):8.4f} {r.get('baselineNrmse', nan):8.4f} {r.get('strongBaselineNrmse', nan):8.4f}")
PY
done
