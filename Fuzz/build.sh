#!/usr/bin/env bash
# Builds one libFuzzer target (with AddressSanitizer) from the package's sources.
# Usage: Fuzz/build.sh TARGET   (TARGET is a folder of Fuzz/ with a main.swift)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Fuzz/build.sh TARGET}
out=Fuzz/out/$target
mkdir -p "$out/modules"

# The layers each target needs, lowest first.
case "$target" in
    JSONParser) layers=(RefineryJSON) ;;
    IML) layers=(RefineryJSON IML) ;;
    HTTPParser) layers=(RefineryJSON RefineryHTTP) ;;
    ModuleLoading | ScenarioLoading) layers=(RefineryJSON IML RefineryHTTP Refinery) ;;
    *) echo "unknown fuzz target '$target'" >&2; exit 64 ;;
esac

# The package's settings (Swift 6, the strict upcoming features, one package name for `package` access).
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -package-name Refinery
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault
    -enable-upcoming-feature MemberImportVisibility -I "$out/modules" -L "$out/modules")
libs=()
for layer in "${layers[@]}"; do
    swiftc "${flags[@]}" -emit-module -emit-library -static \
        -module-name "$layer" -emit-module-path "$out/modules/$layer.swiftmodule" \
        -o "$out/modules/lib$layer.a" $(find "Sources/$layer" -name '*.swift' | sort) "${libs[@]/#/-l}"
    libs=("$layer" "${libs[@]}")
done
# Static libraries link highest layer first, so each one's references resolve in the ones after it.
swiftc "${flags[@]}" -module-name "Fuzz$target" "Fuzz/$target/main.swift" "${libs[@]/#/-l}" -o "$out/fuzz-$target" \
    -lswiftSynchronization 2> >(grep -v "Cannot export local symbol '__asan" >&2)
echo "$out/fuzz-$target"
