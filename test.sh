#!/usr/bin/env bash
# Runs every test: unit, integration (real SQLite, real PostgreSQL, real files, the real CLI).
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-test-deps.sh
log=$(mktemp)
NOMARR_TEST_REPORT_DIR=$(mktemp -d)
export NOMARR_TEST_REPORT_DIR
# The load cases of the reliability suite (100,000 files; a burst under `nomarr serve`) run here and so in CI.
export NOMARR_LOAD_TESTS=1
status=0
dotnet test Nomarr.slnx --configuration Release "$@" 2>&1 | tee "$log" || status=$?
# One closing line for all test assemblies together.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
# Where no PostgreSQL could be started (outside CI), one line says why its tests were skipped; the load figures.
cat "$NOMARR_TEST_REPORT_DIR"/*.txt 2>/dev/null || true
rm -rf "$log" "$NOMARR_TEST_REPORT_DIR"
exit $status
