#!/usr/bin/env bash
# Runs fuzz targets one after another (never two at once), each for SECONDS (default 600), niced, on its
# seed corpus and dictionary. The growing corpus is Fuzz/out/TARGET/corpus, libFuzzer's output
# Fuzz/out/TARGET/fuzz.log, and any crash, timeout or out-of-memory input lands in Fuzz/out/TARGET/crashes/.
# Usage: Fuzz/run.sh [SECONDS] [TARGET...]     every target when none is named
#        Fuzz/run.sh TARGET [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
all=(JSONParser IML IMLFunctions HTTPParser RetryAfter ModuleLoading ScenarioLoading PostgresMessages)
seconds=600
targets=()
for argument in "$@"; do
    if [[ $argument =~ ^[0-9]+$ ]]; then seconds=$argument; else targets+=("$argument"); fi
done
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

# Known leaks outside the package (Fuzz/lsan.supp); every other leak stops the run.
export LSAN_OPTIONS=suppressions=$PWD/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
status=0
for target in "${targets[@]}"; do
    binary=$(nice -n 10 Fuzz/build.sh "$target" | tail -n 1)
    out=Fuzz/out/$target
    mkdir -p "$out/corpus" "$out/crashes"
    cp -n "Fuzz/$target/seeds/"* "$out/corpus/" 2>/dev/null || true
    options=(-max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/crashes/")
    case "$target" in HTTPParser) options+=(-max_len=65536) ;; *) options+=(-max_len=16384) ;; esac
    [ -f "Fuzz/$target/dict" ] && options+=(-dict="Fuzz/$target/dict")
    echo "== $target: ${seconds}s, log in $out/fuzz.log"
    if ! nice -n 10 "$binary" "${options[@]}" "$out/corpus" > "$out/fuzz.log" 2>&1; then
        echo "!! $target stopped on a finding: see $out/fuzz.log and $out/crashes/"
        status=1
    fi
    grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb' "$out/fuzz.log" || true
done
exit $status
