#!/usr/bin/env bash
# Install the JavaScript readers the export tests run in node (graphology and graphology-gexf)
# into tests/js/node_modules, for the GEXF tests.  `npm ci` installs exactly the versions of
# tests/js/package-lock.json and checks each package against the lockfile's integrity hash;
# no install script is run.  Idempotent (nothing to do while node_modules matches the lockfile);
# called by `make test-tools`.  Installs Debian's nodejs and npm first when npm is missing.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
JS="$HERE/tests/js"
STAMP="$JS/node_modules/.rivalgraph-lock.json"
if ! command -v npm >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    APT=(apt-get -o DPkg::Lock::Timeout=600)
    $SUDO "${APT[@]}" update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive "${APT[@]}" install -y -qq --no-install-recommends \
        nodejs npm >/dev/null
fi
cmp -s "$JS/package-lock.json" "$STAMP" && exit 0
cd "$JS"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
cp package-lock.json "$STAMP"
