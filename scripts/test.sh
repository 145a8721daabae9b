#!/usr/bin/env bash
# The whole test suite: unit, property, transcript, report-schema and lab tests,
# plus the rules' own examples.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build
.build/debug/poolcheck rules test
# Serial: the deadline tests (XAPI, NFS, capture) measure wall time, and CPU-bound
# property suites run beside them would hold both cores' cooperative threads.
swift test --no-parallel
