#!/usr/bin/env bash
# The headline of docs/results.md: the heterogeneous, homogeneous and two ablation spaces, several seeds
# each, one task and objective, then 'study compare' (medians, bootstrap intervals, Mann-Whitney, and the two
# kinds of heterogeneity as factors).
# Run by hand:  bench/headline.sh ROOT TASK OBJECTIVE TRIALS "SEEDS" [WORKERS]
#   e.g. bench/headline.sh /tmp/hrsnn-headline memory-capacity e 40 "1 2 3" 2
# HRSNN_TRIAL_TIMEOUT (e.g. 15m) records a trial that runs longer as failed: a cap for a runaway design on
# a quiet machine only. It makes the study depend on the machine's speed (on a loaded machine a 1,000-neuron
# trial took over 15 min and was failed), so the headline of docs/results.md runs without it.
# Studies resume if the script is run again.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${HRSNN_JAR:-target/hrsnn.jar}
root=${1:-/tmp/hrsnn-headline}; task=${2:-memory-capacity}; objective=${3:-e}; trials=${4:-40}; seeds=${5:-"1 2 3"}; workers=${6:-2}
spaces="heterogeneous homogeneous neurons-only stdp-only"
mkdir -p "$root"
# Seed-major order, so that a run stopped part-way leaves every space with the same seeds done.
for seed in $seeds; do
  for space in $spaces; do
    name="$task-$space-s$seed"
    [ -d "$root/$name" ] || java -jar "$jar" study create "$name" --root "$root" --space "search-spaces/hrsnn-$space.yaml" \
      --task "$task" --objective "$objective" --trials "$trials" --seed "$seed" > /dev/null
    java -jar "$jar" study run "$name" --root "$root" --workers "$workers" --progress lines \
      ${HRSNN_TRIAL_TIMEOUT:+--trial-timeout "$HRSNN_TRIAL_TIMEOUT"} >> "$root/$name.log"
  done
done
groups=()
for space in $spaces; do
  names=()
  for seed in $seeds; do names+=("$task-$space-s$seed"); done
  groups+=(--group "$space=$(IFS=,; echo "${names[*]}")")
done
# The 2 x 2 design of spaces: each kind of heterogeneity tested within the two pairs that differ in it alone.
java -jar "$jar" study compare --root "$root" "${groups[@]}" \
  --effect neurons=neurons-only:homogeneous,heterogeneous:stdp-only --effect stdp=stdp-only:homogeneous,heterogeneous:neurons-only
