#!/usr/bin/env bash
# Builds the jar and runs the benchmarks; prints a table to paste into docs/benchmarks.md.
# Usage: bench/run.sh            (from anywhere)
#        bench/run.sh http       (only the HTTP and notification benchmarks of issue 6)
#        bench/run.sh hooks      (only the hook latencies of issue 12, HookBench)
#        bench/run.sh plan       (only plan-sample-size in-process, PlanBench)
#        bench/run.sh program    (only the program's readers on a large project, ProgramBench)
#        bench/run.sh page       (only the dashboard's pages and the report on a large project, PageBench)
set -euo pipefail
home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$home"
mvn -q -B -DskipTests install >&2 # stdout carries only the numbers
# Through a file, not stdout: Maven's console wraps what it prints in colour codes even with -B, which broke the
# first and last entries of the class path (workbench-server and slf4j-simple were silently missing).
cpfile="$(mktemp)"
mvn -q -B -pl bench dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null
cp="$(cat "$cpfile")"
rm -f "$cpfile"
echo "machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "date: $(date -u +%Y-%m-%d)"
if [[ "${1:-}" == "hooks" ]]; then
  # bin/aw hook with and without a server, beside java -version (plain JDK: also runs as a source file, see HookBench)
  java -cp "bench/target/classes:$cp" dev.workbench.bench.HookBench "$home/bin/aw"
  exit 0
fi
if [[ "${1:-}" == "program" ]]; then
  # the program's readers on 200 experiments and 10,000 runs (ProgramBench)
  java -cp "bench/target/classes:$cp" dev.workbench.bench.ProgramBench 10000
  exit 0
fi
if [[ "${1:-}" == "page" ]]; then
  # the dashboard's pages and the report on 260 experiments and 10,000 runs (PageBench)
  java -cp "bench/target/classes:$cp" dev.workbench.bench.PageBench 10000
  exit 0
fi
if [[ "${1:-}" == "plan" ]]; then
  java -cp "bench/target/classes:$cp" dev.workbench.bench.PlanBench
  exit 0
fi
if [[ "${1:-}" != "http" ]]; then
  java -cp "bench/target/classes:$cp" dev.workbench.bench.FoundationBench "$home/bin/aw"
  java -cp "bench/target/classes:$cp" dev.workbench.bench.StatsBench
  java -cp "bench/target/classes:$cp" dev.workbench.bench.FrequentistBench
  java -cp "bench/target/classes:$cp" dev.workbench.bench.PlanBench
  java -cp "bench/target/classes:$cp" dev.workbench.bench.HistoryBench "$home/bin/aw"
  java -cp "bench/target/classes:$cp" dev.workbench.bench.HookBench "$home/bin/aw"
fi
# how long a change takes to reach a subscriber
java -cp "bench/target/classes:$cp" dev.workbench.bench.NotifyBench "$home/bin/aw"
# aw serve --http as a separate process, 4 concurrent clients; needs jcmd (the JDK's) on PATH for the heap samples
java -cp "bench/target/classes:$cp" dev.workbench.bench.HttpBench "$home/bin/aw"
