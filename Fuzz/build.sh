#!/usr/bin/env bash
# Builds one libFuzzer target (with AddressSanitizer) from the package's sources.
# Usage: Fuzz/build.sh TARGET   (TARGET is a folder of Fuzz/ with a main.swift)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Fuzz/build.sh TARGET}
out=Fuzz/out/$target
mkdir -p "$out"

# The layers each target needs, lowest first (the import arrows of Package.swift).
case "$target" in
    JSONParser) layers=(RefineryJSON) ;;
    IML | IMLFunctions) layers=(RefineryHashing RefineryJSON IML) ;;
    HTTPParser | RetryAfter) layers=(RefineryJSON RefineryHTTP) ;;
    ModuleLoading | ScenarioLoading) layers=(RefineryHashing RefineryJSON IML RefineryHTTP Refinery) ;;
    PostgresMessages) layers=(RefineryHashing RefineryJSON RefineryHTTP RefineryPostgres) ;;
    *) echo "unknown fuzz target '$target'" >&2; exit 64 ;;
esac

# Targets with the same layers share their instrumented libraries (Fuzz/out/layers/A-B-C); a layer is
# rebuilt when one of its sources, or a layer below it, is newer than its library.
modules=Fuzz/out/layers/$(IFS=-; echo "${layers[*]}")
mkdir -p "$modules"
# The package's settings (Swift 6, the strict upcoming features, one package name for `package` access).
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -package-name Refinery
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault
    -enable-upcoming-feature MemberImportVisibility -I "$modules" -L "$modules")
libs=()
rebuilt=false
for layer in "${layers[@]}"; do
    library=$modules/lib$layer.a
    if $rebuilt || [ ! -f "$library" ] || [ -n "$(find "Sources/$layer" -name '*.swift' -newer "$library" | head -n 1)" ]; then
        swiftc "${flags[@]}" -emit-module -emit-library -static \
            -module-name "$layer" -emit-module-path "$modules/$layer.swiftmodule" \
            -o "$library" $(find "Sources/$layer" -name '*.swift' | sort)
        rebuilt=true
    fi
    libs=("$layer" "${libs[@]}")
done
# Static libraries link highest layer first, so each one's references resolve in the ones after it.
swiftc "${flags[@]}" -module-name "Fuzz$target" "Fuzz/$target/main.swift" "${libs[@]/#/-l}" -o "$out/fuzz-$target" \
    -lswiftSynchronization 2> >(grep -v "Cannot export local symbol '__asan" >&2)
echo "$out/fuzz-$target"
