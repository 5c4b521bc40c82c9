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
here=$(cd "$(dirname "$0")/.." && pwd)
shared=$here/../shared/bench
bin=$here/target/release/tidings
corpus=/tmp/corpus/$n
(cd "$here" && cargo build --release --quiet)
[ -d "$corpus/txt" ] || python3 "$shared/gen_corpus.py" --n "$n" --forms txt --out "$corpus" >/dev/null
data=$(mktemp -d /tmp/tidings-bench.XXXXXX)
trap 'tmux -L tidings-bench kill-server 2>/dev/null || true; rm -rf "$data"' EXIT
export TIDINGS_DATA_DIR=$data

measure() { # label, command...: wall seconds and peak resident MiB
    local out
    out=$( { /usr/bin/time -f '%e %M' "${@:2}" >/dev/null; } 2>&1 | tail -1)
    printf '%-28s %6s s  %5d MiB peak\n' "$1" "${out% *}" $(( ${out#* } / 1024 ))
}
measure "first import" "$bin" import "$corpus/txt"
measure "second import (no change)" "$bin" import "$corpus/txt"

"$shared/time_to_screen.sh" -n 3 -e 'Articles [1-9]' -- "$bin" "$corpus/txt" | grep '^launch' | sed 's/^launch/relaunch, first screen/'
"$shared/time_to_screen.sh" -n 3 -e "Articles $n " -- "$bin" "$corpus/txt" | grep '^launch' | sed 's/^launch/relaunch, whole list counted/'

# Memory: open 100 articles one after another (each `j` opens the next), then G and gg.
: > "$data/tidings.log"
tmux -L tidings-bench -f /dev/null new-session -d -x 200 -y 50 "env TIDINGS_LOG=debug $bin $corpus/txt"
until tmux -L tidings-bench capture-pane -p | grep -q "Articles $n "; do sleep 0.1; done
for _ in $(seq 100); do
    tmux -L tidings-bench send-keys j
    sleep 0.05
done
tmux -L tidings-bench send-keys G
sleep 1
tmux -L tidings-bench send-keys g g
sleep 1
pid=$(tmux -L tidings-bench list-panes -F '#{pane_pid}')
pid=$(pgrep -P "$pid" -x tidings || echo "$pid")
grep -E 'VmRSS|VmHWM' "/proc/$pid/status" | awk '{printf "after 100 opened + G/gg      %s %d MiB\n", $1, $2 / 1024}'
tmux -L tidings-bench send-keys q
sleep 0.5

grep ' opened' "$data/tidings.log" | sed 's/.*us=\([0-9]*\).*/\1/' | sort -n | awk '
    { v[NR] = $1 } END { if (NR) printf "opening an article (%d)      p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
        NR, v[int(NR * 0.5) + 1] / 1000, v[int(NR * 0.95) + 1] / 1000, v[NR] / 1000 }'
"$bin" library stats | grep -iE 'articles|bytes'
