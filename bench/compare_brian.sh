#!/usr/bin/env bash
# Side-by-side: Brian 2 (C++ standalone, compile time excluded) and hrsnn on the same reference network,
# one after the other in one run. Run by hand; needs Debian's python3-brian and a C++ compiler.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-7}
for round in 1; do
  echo "== round $round"
  /usr/bin/python3 bench/brian_reference.py standalone "$repeats" 2>/dev/null | grep -v '^WARNING'
  ./hrsnn bench simulate --repeats "$repeats"
done
