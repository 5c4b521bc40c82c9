#!/usr/bin/env bash
# Feeds measured end to end (issue 10's figures), Tidings and newsboat in the same run,
# over loopback from a local HTTP server (python3 -m http.server, which answers 304 to
# a conditional GET):
#   first refresh into an empty library, and a second one (nothing new), wall time and
#   peak memory; launch of `tidings` on that library: first screen and the whole list
#   counted; resident memory after opening 100 articles; time to open an article;
#   newsboat 2.x: `newsboat -x reload` first and again, launch to its feed list, and
#   Enter to the article list.
# Usage: benches/feeds_100k.sh [N] [rss|atom]   (default 100000 rss; corpus in /tmp/corpus/feeds-N)
# Needs python3, tmux, GNU time and newsboat (apt-get install newsboat); builds the
# release binary first.
set -euo pipefail
n=${1:-100000}
form=${2:-rss}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=$here/../shared/bench
bin=$here/target/release/tidings
corpus=/tmp/corpus/feeds-$n
(cd "$here" && cargo build --release --quiet)
[ -f "$corpus/feed.$form" ] || python3 "$shared/gen_corpus.py" --n "$n" --forms rss,atom --out "$corpus" >/dev/null
data=$(mktemp -d /tmp/tidings-feeds.XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$corpus" >/dev/null 2>&1 &
server=$!
trap 'kill $server; tmux -L tidings-feeds kill-server 2>/dev/null || true; rm -rf "$data"' EXIT
url=http://127.0.0.1:$port/feed.$form
until curl -s -o /dev/null -I "$url" 2>/dev/null || python3 -c "import urllib.request; urllib.request.urlopen('$url').close()" 2>/dev/null; do sleep 0.1; done
export TIDINGS_DATA_DIR=$data/tidings
mkdir -p "$TIDINGS_DATA_DIR"

measure() { # label, command...: wall seconds and peak resident MiB
    local out
    out=$( { /usr/bin/time -f '%e %M' "${@:2}" >/dev/null; } 2>&1 | tail -1)
    printf '%-36s %6s s  %5d MiB peak\n' "$1" "${out% *}" $(( ${out#* } / 1024 ))
}
echo "$n items, $(( $(stat -c %s "$corpus/feed.$form") / 1000000 )) MB of $form, over $url"
measure "tidings: first refresh (feed add)" "$bin" feed add "$url"
measure "tidings: second refresh (304)" "$bin" refresh
"$shared/time_to_screen.sh" -n 3 -e 'Articles [1-9]' -- "$bin" | grep '^launch' | sed 's/^launch/tidings: launch, first screen/'
"$shared/time_to_screen.sh" -n 3 -e "Articles $n " -- "$bin" | grep '^launch' | sed 's/^launch/tidings: launch, whole list counted/'

: > "$TIDINGS_DATA_DIR/tidings.log"
tmux -L tidings-feeds -f /dev/null new-session -d -x 200 -y 50 "env TIDINGS_LOG=debug $bin"
until tmux -L tidings-feeds capture-pane -p | grep -q "Articles $n "; do sleep 0.1; done
for _ in $(seq 100); do
    tmux -L tidings-feeds send-keys j
    sleep 0.05
done
sleep 1
pid=$(tmux -L tidings-feeds list-panes -F '#{pane_pid}')
pid=$(pgrep -P "$pid" -x tidings || echo "$pid")
grep -E 'VmRSS' "/proc/$pid/status" | awk '{printf "tidings: after opening 100 articles     %d MiB resident\n", $2 / 1024}'
tmux -L tidings-feeds send-keys q
sleep 0.5
grep ' opened' "$TIDINGS_DATA_DIR/tidings.log" | sed 's/.*us=\([0-9]*\).*/\1/' | sort -n | awk '
    { v[NR] = $1 } END { if (NR) printf "tidings: opening an article (%d)      p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
        NR, v[int(NR * 0.5) + 1] / 1000, v[int(NR * 0.95) + 1] / 1000, v[NR] / 1000 }'
"$bin" library stats | grep -iE 'bytes'

if command -v newsboat >/dev/null; then
    nb=$data/newsboat
    mkdir -p "$nb"
    echo "$url" > "$nb/urls"
    : > "$nb/config"
    measure "newsboat: first reload" newsboat -x reload -u "$nb/urls" -c "$nb/cache.db" -C "$nb/config"
    measure "newsboat: second reload" newsboat -x reload -u "$nb/urls" -c "$nb/cache.db" -C "$nb/config"
    # A run the timer ends leaves newsboat's lock file behind.
    "$shared/time_to_screen.sh" -n 3 -P "rm -f $nb/cache.db.lock" -e 'Your feeds' -k Enter -e "Articles in feed" -q q \
        -- newsboat -u "$nb/urls" -c "$nb/cache.db" -C "$nb/config" | grep -E '^(launch|step)' | sed 's/^/newsboat: /'
fi
