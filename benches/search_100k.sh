#!/usr/bin/env bash
# Search and stories measured end to end on a generated corpus (issue 12's figures):
#   first import; indexing every article (`tidings search` indexes what is not yet
#   indexed, on every core: reading, cleaning, annotating, indexing and taking the
#   story signature of each one); `tidings stories` on the indexed library;
#   the floor of scanning: grep over the raw files for the corpus's probe word, in the
#   same run; then queries on the built index, each the median of 5 runs of the whole
#   `tidings search --json` process (start, open the store, search, print).
# Usage: benches/search_100k.sh [N]   (default 100000; the corpus goes to /tmp/corpus/N)
# Needs python3 and GNU time; builds the release binary first.
set -euo pipefail
n=${1:-100000}
. "$(dirname "$0")/measure.sh"
text_corpus "$n"
probe=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['probe_word'])" "$corpus/manifest.json")
# Kept for `cargo bench --bench search` (run at the end), and removed before a new run.
data=/tmp/tidings-bench-search-$n
rm -rf "$data"
mkdir -p "$data"
export TIDINGS_DATA_DIR=$data

measure "first import" "$bin" import "$corpus/txt"
measure "indexing every article" "$bin" search "$probe"
measure "stories (already indexed)" "$bin" stories --json
measure "grep -rl $probe (the floor)" grep -rl "$probe" "$corpus/txt"
printf '%-36s %6s files\n' "  files grep finds" "$(grep -rl "$probe" "$corpus/txt" | wc -l)"
printf '%-36s %6s articles\n' "  articles the search finds" \
    "$("$bin" search "$probe" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"

median_ms() { # command...: median wall milliseconds of 5 runs
    for _ in 1 2 3 4 5; do
        s=$(date +%s%N)
        "$@" >/dev/null
        echo $(( ($(date +%s%N) - s) / 1000000 ))
    done | sort -n | sed -n 3p
}
for q in "$probe" "harbour" "\"the council\"" "sanction*" "$probe unread -harbour since:2025-06-01" "zzzznothing"; do
    printf '%-36s %6s ms\n' "search $q" "$(median_ms "$bin" search "$q" --json)"
done
"$bin" library stats | grep -iE 'bytes'
(cd "$here" && TIDINGS_BENCH_DB=$data/tidings.db TIDINGS_BENCH_PROBE=$probe cargo bench --bench search 2>/dev/null |
    grep -E '^(keystroke|first screen|stories)|time:')
