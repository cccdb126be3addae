#!/usr/bin/env bash
# Runs RedFlag's tests: the Swift test suites, the shipped rules' embedded examples, and the
# evaluation gate on the held-out test corpus.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in libicu-dev libxml2-dev pkg-config icu-devtools; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

swift build --build-tests
bin="$(swift build --show-bin-path)/redflag"
echo "== redflag rules lint rules/"
"$bin" rules lint rules/
echo "== redflag rules test rules/"
"$bin" rules test rules/ --quiet
echo "== swift test"
swift test --skip-build
