#!/usr/bin/env bash
# The library measured end to end on a generated corpus (issue 9's figures):
#   first and second `tidings import`, wall time and peak memory;
#   relaunch of `tidings FOLDER`: first screen and the whole list counted;
#   resident memory after opening 100 articles and scrolling to the end and back;
#   time to load, clean and annotate an opened article (from the debug log), p50/p95;
#   store bytes per article.
# Usage: benches/library_100k.sh [N]   (default 100000; the corpus goes to /tmp/corpus/N)
# Needs python3, tmux and GNU time; builds the release binary first.
set -euo pipefail
n=${1:-100000}
. "$(dirname "$0")/measure.sh"
text_corpus "$n"
data=$(mktemp -d /tmp/tidings-bench.XXXXXX)
trap 'rm -rf "$data"' EXIT
export TIDINGS_DATA_DIR=$data

measure "first import" "$bin" import "$corpus/txt"
measure "second import (no change)" "$bin" import "$corpus/txt"

"$shared/time_to_screen.sh" -n 3 -e 'Articles [1-9]' -- "$bin" "$corpus/txt" | grep '^launch' | sed 's/^launch/relaunch, first screen/'
"$shared/time_to_screen.sh" -n 3 -e "Articles $n " -- "$bin" "$corpus/txt" | grep '^launch' | sed 's/^launch/relaunch, whole list counted/'

: > "$data/tidings.log"
opened_memory "after 100 opened + G/gg" "$n" "$bin $corpus/txt"

opening_times "opening an article" "$data/tidings.log"
"$bin" library stats | grep -iE 'articles|bytes'
