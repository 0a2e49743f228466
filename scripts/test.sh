#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need that the machine lacks, then builds and
# tests the whole solution. CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

# What the tests need beyond the .NET SDK and NuGet is installed here, so a fresh machine passes too:
# Azurite (npm), the Azure Storage emulator the Durable Task backend tests start on free loopback ports.
if [ ! -x tools/azurite/node_modules/.bin/azurite ]; then
  (cd tools/azurite && npm install --no-package-lock --no-audit --no-fund --loglevel=error)
fi

# axe-core (npm, pinned in its package.json), which the browser tests run on every page they visit.
if [ ! -f tests/ScrutinyWorkflow.Web.BrowserTests/node_modules/axe-core/axe.min.js ]; then
  (cd tests/ScrutinyWorkflow.Web.BrowserTests && npm ci --no-audit --no-fund --loglevel=error)
fi

# Debian packages the page, document and report tests drive for real: headless Chromium (Playwright drives it,
# and it prints sample reports to PDF), LibreOffice (proves a .docx opens and converts it to PDF) and poppler-utils
# (renders PDF pages to images). Installed only when missing; sudo only when not already root.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" fonts-dejavu-core
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# The code's shape is part of the build: formatting, unused usings and style rules must already be applied.
dotnet restore ScrutinyWorkflow.sln --nologo
if ! dotnet format ScrutinyWorkflow.sln --verify-no-changes --no-restore; then
  echo "dotnet format would change files: run 'dotnet format ScrutinyWorkflow.sln' and commit the result." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# CI publishes the Functions app as a council would deploy it; the Functions tests read what the host would read
# (functions.metadata, extensions.json, host.json) from this output and the publish's own messages.
published=$(mktemp -d)/functions
trap 'rm -f "$log"; rm -rf "$(dirname "$published")"' EXIT
dotnet publish functions/ScrutinyWorkflow.Functions.csproj -c Release -o "$published" --nologo -v quiet >"$published.log" 2>&1 || { cat "$published.log"; echo "0 passed, 1 failed"; exit 1; }
export SCRUTINY_FUNCTIONS_PUBLISHED="$published"

status=0
dotnet test ScrutinyWorkflow.sln --nologo 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test assemblies.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     } END { printf "%d passed, %d failed\n", p, f }' "$log"
exit $status
