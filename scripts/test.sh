#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need that the machine lacks, then builds and
# tests the whole solution. CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

# Everything the tests need today comes with the .NET SDK and NuGet. When a test needs a Debian package
# (chromium for browser tests) or an npm one (azurite), install it here, so a fresh machine passes too.

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# The code's shape is part of the build: formatting, unused usings and style rules must already be applied.
dotnet restore ScrutinyWorkflow.sln --nologo
if ! dotnet format ScrutinyWorkflow.sln --verify-no-changes --no-restore; then
  echo "dotnet format would change files: run 'dotnet format ScrutinyWorkflow.sln' and commit the result." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
dotnet test ScrutinyWorkflow.sln --nologo 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test assemblies.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     } END { printf "%d passed, %d failed\n", p, f }' "$log"
exit $status
