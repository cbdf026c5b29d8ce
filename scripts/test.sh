#!/usr/bin/env bash
# Builds and runs the test suite, then prints one closing line "N passed, N failed" (the XCTest totals)
# after Swift Testing's own summary, which counts only Swift Testing tests.
set -uo pipefail
swift build --build-tests || exit 1
log=$(mktemp)
swift test --skip-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
summary=$(grep -E "Executed [0-9]+ tests?, with [0-9]+ failures?" "$log" | tail -1)
rm -f "$log"
if [[ -n "$summary" ]]; then
    total=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")
    failed=$(sed -E 's/.*with ([0-9]+) failures?.*/\1/' <<<"$summary")
    echo "$((total - failed)) passed, $failed failed"
fi
exit "$status"
