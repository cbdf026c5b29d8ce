#!/usr/bin/env bash
# Builds and runs the test suite, then prints one closing line "N passed, N failed, N skipped" (the XCTest totals)
# after Swift Testing's own summary, which counts only Swift Testing tests.
set -uo pipefail
swift build --build-tests || exit 1
log=$(mktemp)
swift test --skip-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# XCTest's last total, e.g. "Executed 379 tests, with 3 tests skipped and 0 failures" (the skip clause only when
# some test was skipped, e.g. the native-sgemm tests on CPUs without AVX-512F).
summary=$(grep -E "Executed [0-9]+ tests?, with ([0-9]+ tests? skipped and )?[0-9]+ failures?" "$log" | tail -1)
rm -f "$log"
if [[ -n "$summary" ]]; then
    total=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")
    failed=$(sed -E 's/.* ([0-9]+) failures?.*/\1/' <<<"$summary")
    skipped=0
    if [[ $summary =~ ([0-9]+)\ tests?\ skipped ]]; then skipped=${BASH_REMATCH[1]}; fi
    echo "$((total - failed - skipped)) passed, $failed failed, $skipped skipped"
fi
exit "$status"
