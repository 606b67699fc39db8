#!/usr/bin/env bash
# Refresh the JavaScript that `rivalgraph export --format html` inlines into its page.
#
# Fetches cytoscape (the graph library) from the npm registry with `npm pack`, and copies
# its minified build and its licence into src/rivalgraph/export/static/.  The HTML export
# and the browser tests read only those committed files: nothing is fetched at build,
# test or run time.  Usage: scripts/vendor-js.sh [VERSION]   (default: the pinned one)
set -euo pipefail

VERSION="${1:-3.34.4}"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
STATIC="$HERE/src/rivalgraph/export/static"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm pack --silent "cytoscape@$VERSION" >/dev/null
tar -xzf "cytoscape-$VERSION.tgz"
mkdir -p "$STATIC"
cp package/dist/cytoscape.min.js "$STATIC/cytoscape.min.js"
cp package/LICENSE "$STATIC/cytoscape.LICENSE"
sha256="$(sha256sum "$STATIC/cytoscape.min.js" | cut -d' ' -f1)"
cat > "$STATIC/NOTICE" <<NOTICE
Third-party JavaScript inlined into the pages of \`rivalgraph export --format html\`.

cytoscape $VERSION (npm package "cytoscape", file dist/cytoscape.min.js)
  Graph theory / network visualization library, https://js.cytoscape.org
  $(head -1 package/LICENSE)
  Licence: MIT, see cytoscape.LICENSE in this folder.
  sha256 of cytoscape.min.js: $sha256

Refresh with scripts/vendor-js.sh [VERSION].
NOTICE
echo "vendored cytoscape $VERSION into $STATIC"
