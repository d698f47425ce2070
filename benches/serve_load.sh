#!/usr/bin/env bash
# Load test of `korex serve`, loopback only, bounded in count and time:
# builds the release binary and examples/serve_load.rs, starts the server on
# a free 127.0.0.1 port, POSTs REQUESTS corpus articles from CLIENTS threads
# (at most SECONDS), prints requests/s and latency percentiles, then stops
# the server with SIGTERM. The figures in README.md ("HTTP service") come
# from `bash benches/serve_load.sh` with the defaults.
#
#   bash benches/serve_load.sh [REQUESTS=2000] [CLIENTS=4] [SECONDS=60] [JOBS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-2000}
clients=${2:-4}
seconds=${3:-60}
jobs=${4:-2}
cargo build --release --quiet --bin korex --example serve_load
log=$(mktemp)
target/release/korex serve --addr 127.0.0.1:0 --jobs "$jobs" --max-concurrency 64 2>"$log" &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; rm -f "$log"' EXIT
addr=""
for _ in $(seq 1 600); do
    addr=$(sed -n 's|^korex: listening on http://||p' "$log")
    [ -n "$addr" ] && break
    sleep 0.1
done
[ -n "$addr" ] || { cat "$log" >&2; exit 1; }
echo "serve_load.sh: korex serve --jobs $jobs on $addr; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
target/release/examples/serve_load "$addr" "$requests" "$clients" "$seconds"
kill -TERM "$server"
wait "$server"
trap 'rm -f "$log"' EXIT
echo "serve_load.sh: server exited $? after SIGTERM"
