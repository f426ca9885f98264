#!/usr/bin/env bash
# Evidence for docs/results.md: the heterogeneous example design and its homogeneous counterpart on the
# memory task, JapaneseVowels and NARMA-10, seeds 1-3 (run by hand; JSON lines on standard output).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${HRSNN_JAR:-target/hrsnn.jar}
for design in heterogeneous homogeneous; do
  for task in memory-capacity japanese-vowels narma10; do
    for seed in 1 2 3; do
      java -jar "$jar" evaluate --design "docs/examples/$design.json" --task "$task" --seed "$seed" --json \
        | python3 -c "import json,sys; d=json.load(sys.stdin); d['designName']='$design'; print(json.dumps(d))"
    done
  done
done
