#!/usr/bin/env bash
# Runs the benchmarks (all, or those named: ready startup gateway contention growth events) and writes
# bench/results/<scenario>.txt, bench/results/summary.tsv and the table in bench/README.md.
# By hand: `serve` keeps the bench's platform up; `pairs <app> <label>=<JVM options>...` compares start-ups in turns;
# `tails <label>=<JVM options>...` compares gateways' latency at scenario 1's fixed rate, in turns.
# Needs the packaged platform (the README's build: ./mvnw -DskipTests package, or any ./technopark run);
# wrk, nginx and pgbench come from Debian's packages, installed here when missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx-light)
[ -x /usr/lib/postgresql/15/bin/pgbench ] || missing+=(postgresql-15)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "install first: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
# The same staleness test as ./technopark's: the platform scenario must not time a build.
marker=gateway/target/quarkus-app/quarkus-run.jar
if [ ! -f "$marker" ] || ! ls bench/target/bench-*.jar >/dev/null 2>&1 ||
   [ -n "$(find . \( -path ./.data -o -name node_modules -o -name target \) -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -newer "$marker" -print -quit)" ]; then
  echo "Building the platform and the benchmarks..." >&2
  ./mvnw -B -q -DskipTests package
  touch "$marker"
fi
# The load generator (the bench's own JVM: open-loop clients, the bare Kafka consumer) compiles with C1 only: its
# code is compiled within its first seconds and never again, where C2 went on compiling it during measured runs,
# on the cores the platform needed (bench/README.md, "How the figures are taken").
# BENCH_LOADGEN_JVM replaces those flags (empty: the JVM's defaults, C1 and C2).
# Its heap is fixed at 1 GiB (-Xms too): G1 sized it down to 47 MB after a full collection, and collected every 0.2 s
# while it timed the races, pausing the client 8-11 ms in the middle of a race (bench/FINDINGS.md, "Contention (4)").
# shellcheck disable=SC2086
exec java -Xms1g -Xmx1g ${BENCH_LOADGEN_JVM--XX:TieredStopAtLevel=1} -cp "$(ls bench/target/bench-*.jar):bench/target/lib/*" ma.technopark.bench.Bench "$@"
