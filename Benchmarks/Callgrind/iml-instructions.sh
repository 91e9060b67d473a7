#!/bin/sh
# Instruction counts of the IML benchmark (docs/benchmarks.md, "IML"): repeatable on a shared, noisy
# machine where wall time is not. Builds RefineryJSON, IML and the benchmark's own IMLBenchmark.swift
# (mapping, bundle, hand-written twin) with -O into a small driver, runs N evaluations of each under
# callgrind (valgrind cannot run the whole refinery-bench), and prints the instructions per mapping of
# `TemplateTree.evaluate(in:)` and of the hand-written `IMLBenchmark.handWritten`.
# Usage: Benchmarks/Callgrind/iml-instructions.sh [N=10000]
set -eu
N=${1:-10000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
FLAGS="-O -wmo -g -swift-version 6 -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault -enable-upcoming-feature MemberImportVisibility"
module() {
    swiftc $FLAGS -parse-as-library -I "$OUT" -emit-library -static -module-name "$1" -emit-module \
        -emit-module-path "$OUT/$1.swiftmodule" -o "$OUT/lib$1.a" $(find "$ROOT/Sources/$1" -name '*.swift')
}
module RefineryJSON
module IML
cat > "$OUT/main.swift" <<SWIFT
let report = IMLBenchmark.run(iterations: $N)
print(report.summary)
SWIFT
BENCH="$ROOT/Benchmarks/Sources/refinery-bench"
cd "$OUT"  # swiftc leaves the driver's module files in the current folder
swiftc $FLAGS -I "$OUT" -L "$OUT" -lIML -lRefineryJSON -o "$OUT/driver" \
    "$OUT/main.swift" "$BENCH/IMLBenchmark.swift" "$BENCH/BenchmarkResult.swift" "$BENCH/Stopwatch.swift"
valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" "$OUT/driver" >/dev/null 2>&1
callgrind_annotate --inclusive=yes "$OUT/callgrind.out" 2>/dev/null \
    | grep -E 'TemplateTreeV8evaluate2in12|IMLBenchmarkO11handWritten' | grep -v '^ *[0-9,]* .*<compiler-generated>' \
    | awk -v n="$N" '{ gsub(",", "", $1); name = ($0 ~ /handWritten/) ? "hand-written Swift" : "IML TemplateTree.evaluate"
                       if (!(name in seen)) { seen[name] = 1; printf "%-26s %8.0f instructions per mapping\n", name, $1 / n } }'
