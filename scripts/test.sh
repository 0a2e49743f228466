#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need that the machine lacks, then builds and
# tests the whole solution. CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

# Everything the tests need today comes with the .NET SDK and NuGet. When a test needs a Debian package
# (chromium for browser tests) or an npm one (azurite), install it here, so a fresh machine passes too.

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test ScrutinyWorkflow.sln --nologo 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test assemblies.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     } END { printf "%d passed, %d failed\n", p, f }' "$log"
exit $status
