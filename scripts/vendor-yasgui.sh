#!/usr/bin/env bash
# Refresh the vendored YASGUI query editor in src/rivalgraph/serve/static/yasgui/.
#
# The minified bundle is committed (about 1 MB) so that the wheel ships it and the
# endpoint's page works offline; run this script only to move to another version.
# It takes the package from the npm registry with `npm pack`, checks the tarball
# against the integrity the registry publishes, and copies the two built files.
set -euo pipefail
VERSION="${1:-4.6.2}"
PACKAGE="@zazuko/yasgui@${VERSION}"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="${HERE}/src/rivalgraph/serve/static/yasgui"
WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT

cd "${WORK}"
expected="$(npm view "${PACKAGE}" dist.integrity 2>/dev/null)"
tarball="$(npm pack --silent "${PACKAGE}" 2>/dev/null | tail -n 1)"
actual="sha512-$(openssl dgst -sha512 -binary "${tarball}" | base64 -w0)"
if [ "${expected}" != "${actual}" ]; then
    echo "integrity mismatch for ${PACKAGE}: registry says ${expected}, tarball is ${actual}" >&2
    exit 1
fi
tar xzf "${tarball}"
mkdir -p "${TARGET}"
cp package/build/yasgui.min.js package/build/yasgui.min.css "${TARGET}/"
printf '%s\n%s\n' "${PACKAGE}" "${expected}" > "${TARGET}/VERSION"
echo "vendored ${PACKAGE} into ${TARGET}"
