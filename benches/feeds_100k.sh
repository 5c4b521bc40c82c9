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
trap 'kill $server; rm -rf "$data"' EXIT
url=http://127.0.0.1:$port/feed.$form
until curl -s -o /dev/null -I "$url" 2>/dev/null || python3 -c "import urllib.request; urllib.request.urlopen('$url').close()" 2>/dev/null; do sleep 0.1; done
export TIDINGS_DATA_DIR=$data/tidings
mkdir -p "$TIDINGS_DATA_DIR"

. "$here/benches/measure.sh"
echo "$n items, $(( $(stat -c %s "$corpus/feed.$form") / 1000000 )) MB of $form, over $url"
measure "tidings: first refresh (feed add)" "$bin" feed add "$url"
measure "tidings: second refresh (304)" "$bin" refresh
"$shared/time_to_screen.sh" -n 3 -e 'Articles [1-9]' -- "$bin" | grep '^launch' | sed 's/^launch/tidings: launch, first screen/'
"$shared/time_to_screen.sh" -n 3 -e "Articles $n " -- "$bin" | grep '^launch' | sed 's/^launch/tidings: launch, whole list counted/'

: > "$TIDINGS_DATA_DIR/tidings.log"
opened_memory "tidings: after 100 opened + G/gg" "$n" "$bin"
opening_times "tidings: opening an article" "$TIDINGS_DATA_DIR/tidings.log"
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
