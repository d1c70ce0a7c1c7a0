#!/usr/bin/env bash
# The benchmark: builds the jars (no tests), starts a fresh dev stack on free ports, measures every figure with its
# baseline in the same run, stops the stack and writes bench/report.json and bench/report.md.
# Usage: bench/run.sh [--quick] [--reps N]      (works from any directory; full run ≤ 10 minutes, --quick ≈ 2)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
log="$root/bench/runner/target/bench-build.log"
mkdir -p "$(dirname "$log")"
echo "bench: building (mvn -B -DskipTests package, log in ${log#$root/})"
mvn -B -DskipTests package >"$log" 2>&1 || { echo "bench: build failed; the end of $log:" >&2; tail -n 30 "$log" >&2; exit 1; }
exec java -jar bench/runner/target/runner-0.1.0-SNAPSHOT.jar --root "$root" "$@"
