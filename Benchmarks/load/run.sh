#!/usr/bin/env bash
# Builds redflag-server (release), starts it on a free loopback port, runs the bounded load test
# (2,000 single-document requests at 2 and 16 clients, 30 s max each), and stops the server.
# Usage: Benchmarks/load/run.sh [--markdown]   (SCRATCH=.build-xyz to choose the build folder)
set -euo pipefail
cd "$(dirname "$0")/../.."
SCRATCH="${SCRATCH:-.build-server-release}"
swift build -c release --scratch-path "$SCRATCH" --product redflag-server >&2
BIN="$SCRATCH/release/redflag-server"
LOG="$(mktemp)"
"$BIN" --port 0 --rules rules >"$LOG" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 1 100); do
  grep -q "listening on" "$LOG" && break
  sleep 0.1
done
URL="$(grep -o 'http://[0-9.]*:[0-9]*' "$LOG" | head -1)"
[ -n "$URL" ] || { echo "server did not start:"; cat "$LOG"; exit 1; } >&2
echo "server: $URL (pid $PID), $(nproc) cores" >&2
python3 Benchmarks/load/loadtest.py --url "$URL" --concurrency 2 16 --requests 2000 --max-seconds 30 "$@"
