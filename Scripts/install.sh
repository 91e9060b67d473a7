#!/usr/bin/env bash
# Builds refinery in release mode and installs it with its shell completions under PREFIX
# (default: $HOME/.local):
#
#   PREFIX/bin/refinery
#   PREFIX/share/bash-completion/completions/refinery
#   PREFIX/share/zsh/site-functions/_refinery
#   PREFIX/share/fish/vendor_completions.d/refinery.fish
#
# Usage: Scripts/install.sh [PREFIX]
#
# 'refinery --version' names the git commit of the build: the script writes it into
# Sources/RefineryCLI/BuildCommit.swift for the build and puts the file back afterwards (REFINERY_COMMIT
# overrides it, e.g. when building from a tarball). A plain 'swift build' says "unknown commit".
set -euo pipefail

prefix="${1:-$HOME/.local}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

commit="${REFINERY_COMMIT:-}"
if [ -z "$commit" ] && git rev-parse --git-dir >/dev/null 2>&1; then
    commit="$(git rev-parse --short=12 HEAD)"
    if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
        commit="$commit-dirty"
    fi
fi
case "$commit" in
    *[!A-Za-z0-9._-]*) echo "install.sh: REFINERY_COMMIT may hold only letters, digits, '.', '_' and '-'" >&2; exit 64 ;;
esac

commit_file=Sources/RefineryCLI/BuildCommit.swift
saved="$(mktemp)"
cp "$commit_file" "$saved"
trap 'cp "$saved" "$commit_file"; rm -f "$saved"' EXIT
if [ -n "$commit" ]; then
    cat > "$commit_file" <<SWIFT
/// Written by Scripts/install.sh for its release build; the checked-in file says nil.
enum BuildCommit {
    static let hash: String? = "$commit"
}
SWIFT
fi

swift build -c release --product refinery
binary="$(swift build -c release --product refinery --show-bin-path)/refinery"

install -d "$prefix/bin" "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" \
    "$prefix/share/fish/vendor_completions.d"
install -m 755 "$binary" "$prefix/bin/refinery"
"$prefix/bin/refinery" completions bash > "$prefix/share/bash-completion/completions/refinery"
"$prefix/bin/refinery" completions zsh > "$prefix/share/zsh/site-functions/_refinery"
"$prefix/bin/refinery" completions fish > "$prefix/share/fish/vendor_completions.d/refinery.fish"

echo "installed $("$prefix/bin/refinery" --version | head -n 1) to $prefix/bin/refinery"
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "add $prefix/bin to PATH to run it as 'refinery'" ;;
esac
