#!/usr/bin/env bash
# Builds the poolcheck command: `poolcheck` (the launcher; it answers `exports` itself)
# and `poolcheck-engine` (every other command), which must stay side by side.
#   scripts/build.sh [debug|release]     default release; prints the folder holding both
# Install: copy both into one folder on PATH, e.g.
#   install -m 755 "$(scripts/build.sh)"/poolcheck{,-engine} /usr/local/bin/
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-release}
swift build -c "$config" --product poolcheck-engine >&2
# No $ORIGIN run path: the launcher loads only system libraries, and each search there
# is a failed open at every start.
swift build -c "$config" --product poolcheck --disable-local-rpath >&2
swift build -c "$config" --show-bin-path
