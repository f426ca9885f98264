#!/usr/bin/env bash
# Evidence for docs/results.md: studies of the heterogeneous and the homogeneous HRSNN space on
# JapaneseVowels with the same budget and seeds (run by hand; ~1 minute per study on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${HRSNN_JAR:-target/hrsnn.jar}
root=${1:-/tmp/hrsnn-evidence}
trials=${2:-30}
for seed in 1 2; do
  for space in heterogeneous homogeneous; do
    name="$space-s$seed"
    [ -d "$root/$name" ] || java -jar "$jar" study create "$name" --root "$root" --space "search-spaces/hrsnn-$space.yaml" \
      --task japanese-vowels --trials "$trials" --seed "$seed"
    java -jar "$jar" study run "$name" --root "$root" > "$root/$name.log"
    java -jar "$jar" study best "$name" --root "$root" --top 1
  done
done
