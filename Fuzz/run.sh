#!/usr/bin/env bash
# Runs a fuzz target for SECONDS (default 600) on its seed corpus; crashes land in Fuzz/out/TARGET/crashes.
# Usage: Fuzz/run.sh TARGET [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-600}
binary=$(Fuzz/build.sh "$target" | tail -n 1)
corpus=Fuzz/out/$target/corpus
mkdir -p "$corpus" "Fuzz/out/$target/crashes"
[ -d "Fuzz/$target/seeds" ] && cp -n Fuzz/$target/seeds/* "$corpus/" 2>/dev/null || true
"$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="Fuzz/out/$target/crashes/" "$corpus"
