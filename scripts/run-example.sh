#!/usr/bin/env bash
# The main job on the bundled example: audit pool PDX0 from the seed's transcripts.
# Exit status is poolcheck's own (1: the example has failing rules, on purpose).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
bin=$(scripts/build.sh release)
exec "$bin/poolcheck" audit --plan examples/pdx0/plan.yaml --snapshot examples/pdx0/after "$@"
