#!/usr/bin/env bash
# Rewrites reports/ from examples/pdx0: the audit of the "after" state and the
# preflight of the "before" state, in text, JSON and JUnit. A fixed SOURCE_DATE_EPOCH
# makes them byte-for-byte reproducible; ExampleReportsTests checks they are current.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(scripts/build.sh debug)/poolcheck
export SOURCE_DATE_EPOCH=1790000000 NO_COLOR=1
for run in "audit after" "preflight before"; do
  set -- $run
  status=0
  "$bin" "$1" --plan examples/pdx0/plan.yaml --snapshot "examples/pdx0/$2" \
    --report "text:reports/pdx0-$1.txt" --report "json:reports/pdx0-$1.json" --report "junit:reports/pdx0-$1.xml" \
    || status=$?
  # 1 (a rule fails) and 3 (a check errored) are verdicts; 2 means the run itself failed.
  [ "$status" -ne 2 ] || exit 2
done
ls -l reports/
