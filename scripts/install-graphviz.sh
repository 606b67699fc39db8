#!/usr/bin/env bash
# Install Debian's graphviz (the `dot` command) for the DOT export tests, unless it is there.
# Idempotent; called by `make test`.  Needs root or sudo when dot is missing.
set -euo pipefail
command -v dot >/dev/null 2>&1 && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
APT=(apt-get -o DPkg::Lock::Timeout=600)
$SUDO "${APT[@]}" update
$SUDO env DEBIAN_FRONTEND=noninteractive "${APT[@]}" install -y --no-install-recommends graphviz
command -v dot
