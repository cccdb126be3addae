#!/usr/bin/env bash
# Sets up everything RedFlag needs on a fresh Debian machine that has the Swift toolchain,
# builds it, and runs the main job (a batch scan) on the bundled sample.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in libicu-dev libxml2-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

swift build -c release --product redflag >&2
bin="$(swift build -c release --show-bin-path)/redflag"
echo "setup: built $bin" >&2
echo "setup: redflag scan samples/ads.jsonl" >&2
"$bin" scan samples/ads.jsonl --progress none
