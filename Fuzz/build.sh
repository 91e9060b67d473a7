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
    *) layers=(RefineryJSON IML RefineryHTTP Refinery) ;;
esac

flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -I "$out/modules" -L "$out/modules")
libs=()
for layer in "${layers[@]}"; do
    swiftc "${flags[@]}" -emit-module -emit-library -static \
        -module-name "$layer" -emit-module-path "$out/modules/$layer.swiftmodule" \
        -o "$out/modules/lib$layer.a" $(find "Sources/$layer" -name '*.swift' | sort) "${libs[@]/#/-l}"
    libs+=("$layer")
done
swiftc "${flags[@]}" -module-name "Fuzz$target" "Fuzz/$target/main.swift" "${libs[@]/#/-l}" -o "$out/fuzz-$target"
echo "$out/fuzz-$target"
