# Shared by the bench scripts (sourced): the generated corpus, wall time and peak memory
# of a command, and the time to open an article from the debug log.

text_corpus() { # N: builds the release binary and generates N text articles if needed;
    # sets here, shared, bin and corpus.
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    shared=$here/../shared/bench
    bin=$here/target/release/tidings
    corpus=/tmp/corpus/$1
    (cd "$here" && cargo build --release --quiet)
    [ -d "$corpus/txt" ] || python3 "$shared/gen_corpus.py" --n "$1" --forms txt --out "$corpus" >/dev/null
}

measure() { # label, command...: wall seconds and peak resident MiB
    local out
    out=$( { /usr/bin/time -f '%e %M' "${@:2}" >/dev/null; } 2>&1 | tail -1)
    printf '%-36s %6s s  %5d MiB peak\n' "$1" "${out% *}" $(( ${out#* } / 1024 ))
}

opening_times() { # label, log file: p50, p95 and max of the "opened" lines
    grep ' opened' "$2" | sed 's/.*us=\([0-9]*\).*/\1/' | sort -n | awk -v label="$1" '
        { v[NR] = $1 } END { if (NR) printf "%s (%d)  p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
            label, NR, v[int(NR * 0.5) + 1] / 1000, v[int(NR * 0.95) + 1] / 1000, v[NR] / 1000 }'
}

opened_memory() { # label, expected article count, command line: runs it in tmux (debug
    # log on), opens 100 articles one after another (each `j` opens the next), goes to
    # the end and back, and prints its resident memory and peak, then quits.
    local sock=tidings-measure pid
    tmux -L $sock -f /dev/null new-session -d -x 200 -y 50 "env TIDINGS_LOG=debug $3"
    until tmux -L $sock capture-pane -p | grep -q "Articles $2 "; do sleep 0.1; done
    for _ in $(seq 100); do
        tmux -L $sock send-keys j
        sleep 0.05
    done
    tmux -L $sock send-keys G
    sleep 1
    tmux -L $sock send-keys g g
    sleep 1
    pid=$(tmux -L $sock list-panes -F '#{pane_pid}')
    pid=$(pgrep -P "$pid" -x tidings || echo "$pid")
    grep -E 'VmRSS|VmHWM' "/proc/$pid/status" | awk -v label="$1" '{printf "%s  %s %d MiB\n", label, $1, $2 / 1024}'
    tmux -L $sock send-keys q
    sleep 0.5
    tmux -L $sock kill-server 2>/dev/null || true
}
