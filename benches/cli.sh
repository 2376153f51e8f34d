#!/usr/bin/env bash
# End-to-end timings of the starlog binary on a generated 10k-entry workspace.
#
#   benches/cli.sh            # 10k entries
#   ENTRIES=100000 benches/cli.sh
#   KEEP=1 benches/cli.sh     # keep the workspace folder afterwards
#
# Uses hyperfine when installed (apt-get install hyperfine), else a bash loop.
# Targets: add < 30 ms; list --last 10 < 100 ms; peak memory of a full load
# < 60 MB. Cold-cache runs need root (drop_caches); the script says whether
# they were possible.
set -euo pipefail

cd "$(dirname "$0")/.."
ENTRIES=${ENTRIES:-10000}
RUNS=${RUNS:-30}

cargo build --release --quiet
BIN="$PWD/target/release/starlog"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/starlog-cli-bench.XXXXXX")
if [[ -z "${KEEP:-}" ]]; then
    trap 'rm -rf "$WORK"' EXIT
fi
SL=("$BIN" --dir "$WORK" --workspace demo)

echo "== starlog $("$BIN" --version | cut -d' ' -f2), $(nproc) cores, workspace in $WORK"

start=$(date +%s%N)
"$BIN" --dir "$WORK" demo --entries "$ENTRIES" >/dev/null
end=$(date +%s%N)
files=$(find "$WORK/demo" -name '*.ron' -not -path '*/backups/*' | wc -l)
echo "== demo --entries $ENTRIES: $(( (end - start) / 1000000 )) ms, $files record files, $(du -sh "$WORK/demo" | cut -f1) on disk"

# Mean wall time in ms of a command, by hyperfine or a bash loop.
measure() {
    local name=$1
    shift
    if command -v hyperfine >/dev/null; then
        # -N: no intermediate shell; -i only where a refusal is the point.
        hyperfine --warmup 3 --runs "$RUNS" -N --style basic ${IGNORE_FAILURE:+-i} \
            --export-json "$WORK/$name.json" "$(printf '%q ' "$@")" >/dev/null 2>"$WORK/err.txt" ||
            { cat "$WORK/err.txt" >&2; return 1; }
        python3 - "$WORK/$name.json" "$name" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
ms = lambda s: s * 1000
print(f"{sys.argv[2]:<28} mean {ms(r['mean']):7.1f} ms  ± {ms(r['stddev']):5.1f}  "
      f"min {ms(r['min']):7.1f}  max {ms(r['max']):7.1f}  ({len(r['times'])} runs, hyperfine)")
EOF
    else
        local total=0 t0 t1
        for _ in $(seq 3); do "$@" >/dev/null 2>&1 || true; done
        for _ in $(seq "$RUNS"); do
            t0=$(date +%s%N)
            "$@" >/dev/null 2>&1 || true
            t1=$(date +%s%N)
            total=$(( total + t1 - t0 ))
        done
        printf '%-28s mean %7.1f ms  (%d runs, bash loop)\n' "$name" \
            "$(echo "$total / $RUNS / 1000000" | bc -l)" "$RUNS"
    fi
}

echo "== warm cache"
measure "add" "${SL[@]}" add "Quick note from the bench: customer rang back happy" --tag bench
measure "list --last 10" "${SL[@]}" list --last 10
measure "list (every entry)" "${SL[@]}" list
# `demo` on a workspace that holds records runs a full Workspace::load (every
# record kind, parallel parse) and then refuses with exit status 2.
IGNORE_FAILURE=1 measure "full load (demo refusal)" "${SL[@]}" demo

echo "== peak memory (/usr/bin/time -v)"
peak() {
    local name=$1
    shift
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time.txt" || true
        printf '%-28s max RSS %6d KB, wall %s\n' "$name" \
            "$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")" \
            "$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt")"
    else
        echo "$name: /usr/bin/time is not installed (apt-get install time)"
    fi
}
peak "list (every entry)" "${SL[@]}" list
peak "full load (demo refusal)" "${SL[@]}" demo
peak "list --last 10" "${SL[@]}" list --last 10

echo "== cold cache"
if sync && { echo 3 >/proc/sys/vm/drop_caches; } 2>/dev/null; then
    cold() {
        local name=$1 total=0 t0 t1 n=5
        shift
        for _ in $(seq $n); do
            sync
            echo 3 >/proc/sys/vm/drop_caches
            t0=$(date +%s%N)
            "$@" >/dev/null 2>&1 || true
            t1=$(date +%s%N)
            total=$(( total + t1 - t0 ))
        done
        printf '%-28s mean %7.1f ms  (%d runs, caches dropped before each)\n' "$name" \
            "$(echo "$total / $n / 1000000" | bc -l)" "$n"
    }
    cold "list --last 10" "${SL[@]}" list --last 10
    cold "list (every entry)" "${SL[@]}" list
    cold "full load (demo refusal)" "${SL[@]}" demo
else
    echo "could not drop the page cache (echo 3 > /proc/sys/vm/drop_caches refused: not root," \
        "or a container with /proc/sys read-only); no cold-cache figures"
fi
