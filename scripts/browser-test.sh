#!/usr/bin/env bash
# Installs headless Chromium when it is missing, then runs the browser test of the web page:
# the real server on a loopback port, Chromium loading the form and a Thai and an English result,
# DOM checks for highlighted spans, the findings table and an escaped <script>, and screenshots.
# Usage: scripts/browser-test.sh [SCREENSHOT_DIR]   (SCRATCH=.build-xyz to choose the build folder)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
fi
# Fonts for Thai, Khmer, Lao and Burmese in the screenshots (the DOM checks do not need them).
if ! fc-list 2>/dev/null | grep -qi "Noto Sans Thai"; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-core || echo "fonts-noto-core not installed; screenshots may show boxes for some scripts" >&2
fi
export REDFLAG_SCREENSHOT_DIR="${1:-${REDFLAG_SCREENSHOT_DIR:-$PWD/.build-browser-screenshots}}"
mkdir -p "$REDFLAG_SCREENSHOT_DIR"
swift test --scratch-path "${SCRATCH:-.build-server}" --filter 'RedFlagServerTests.LiveServerTests/browserRendersResults'
echo "screenshots in $REDFLAG_SCREENSHOT_DIR:"
ls -l "$REDFLAG_SCREENSHOT_DIR"
