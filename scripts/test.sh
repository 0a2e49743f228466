#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need that the machine lacks, then builds and
# tests the whole solution. CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages some tests use: qpdf makes the encrypted PDF for the ingestion tests.
needed=()
command -v qpdf >/dev/null 2>&1 || needed+=(qpdf)
if [ ${#needed[@]} -gt 0 ]; then
  echo "Installing: ${needed[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${needed[@]}" >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test ScrutinyWorkflow.sln --nologo 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test assemblies.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     } END { printf "%d passed, %d failed\n", p, f }' "$log"
exit $status
