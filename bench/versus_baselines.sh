#!/usr/bin/env bash
# A design against the raw-input baselines on several tasks and seeds (docs/results.md, "The best designs
# against the strong baselines"). Run by hand:
#   bench/versus_baselines.sh DESIGN OUTDIR [SEEDS] [TASKS]
#   e.g. bench/versus_baselines.sh docs/examples/best-mc-2026-11-23.json /tmp/vs 1-5
# TASKS (default "japanese-vowels GunPoint BasicMotions narma10"): task names of `hrsnn evaluate`, or the
# name of a shipped UEA/UCR problem. One JSON per task in OUTDIR (evaluate --seeds --json); finished ones
# are skipped when the script is run again.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${HRSNN_JAR:-target/hrsnn.jar}
design=$1; out=$2; seeds=${3:-1-5}; tasks=${4:-"japanese-vowels GunPoint BasicMotions narma10"}
mkdir -p "$out"
name=$(basename "$design" .json)
for t in $tasks; do
  case $t in
    JapaneseVowels|GunPoint|BasicMotions) args=(--task uea --dataset "$t") ;;
    *) args=(--task "$t") ;;
  esac
  f="$out/$name-$t.json"
  [ -f "$f" ] && continue
  java -jar "$jar" evaluate --design "$design" "${args[@]}" --seeds "$seeds" --json > "$f.tmp" 2> "$out/$name-$t.log"
  mv "$f.tmp" "$f"
done
