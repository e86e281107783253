#!/usr/bin/env bash
# Main-code line counts per package (files, lines, the largest file), to see the layout at a glance.
# Usage: scripts/package-lines.sh [REPO]   (default: this repository)
set -euo pipefail
cd "${1:-$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/..}"
find . -path '*/src/main/java/*' -name '*.java' | sed 's|/[^/]*\.java$||' | sort -u | while read -r dir; do
  pkg=$(sed 's|.*/src/main/java/||; s|/|.|g' <<<"$dir")
  largest=$(wc -l "$dir"/*.java | grep -v ' total$' | sort -n | tail -1)
  printf '%-40s %3d files %6d lines  largest %4d %s\n' "$pkg" "$(ls "$dir"/*.java | wc -l)" "$(cat "$dir"/*.java | wc -l)" \
    "$(awk '{print $1}' <<<"$largest")" "$(basename "$(awk '{print $2}' <<<"$largest")")"
done
