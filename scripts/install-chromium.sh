#!/usr/bin/env bash
# Install Debian's chromium for the browser tests (headless), unless one is already there.
# Idempotent; called by `make test`.  Needs root or sudo when chromium is missing.
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
APT=(apt-get -o DPkg::Lock::Timeout=600)
$SUDO "${APT[@]}" update
$SUDO env DEBIAN_FRONTEND=noninteractive "${APT[@]}" install -y --no-install-recommends \
    chromium fonts-dejavu-core
command -v chromium
