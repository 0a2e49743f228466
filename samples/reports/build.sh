#!/usr/bin/env bash
# Rebuilds the sample focus reports in this folder from their plain sources in sources/.
#
# Each source says its format. "pdf" samples are written as .docx by tools/SampleReports and converted with
# LibreOffice (apt-get install libreoffice-writer-nogui); "docx", "html" and "markdown" samples are written directly.
# Every sample also gets <name>.expected.json: the title, month, areas and questions its source marks, which the
# extraction tests compare against. benchmark-40-pages.pdf is the children-in-care report with its narrative
# repeated, for the benchmark.
#
# Usage: samples/reports/build.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build "$root/tools/SampleReports" -c Release -v quiet -nologo
generate() { dotnet run --no-build -c Release --project "$root/tools/SampleReports" -- "$@"; }

# A private LibreOffice profile, so that a LibreOffice already running (or another build) does not get in the way.
to_pdf() {
  libreoffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf --outdir "$here" "$1" >/dev/null
  echo "$1 -> $here/$(basename "${1%.docx}").pdf ($(pdfinfo "$here/$(basename "${1%.docx}").pdf" 2>/dev/null | sed -n 's/^Pages: *//p') pages)"
}

for source in "$here"/sources/*.txt; do
  name="$(basename "$source" .txt)"
  format="$(sed -n 's/^format: *//p' "$source" | head -n 1)"
  if [ "$format" = "pdf" ]; then
    generate "$source" "$work"
    cp "$work/$name.expected.json" "$here/"
    to_pdf "$work/$name.docx"
  else
    generate "$source" "$here"
  fi
done

generate "$here/sources/children-in-care.txt" "$work" --name benchmark-40-pages --repeat-narrative 15
cp "$work/benchmark-40-pages.expected.json" "$here/"
to_pdf "$work/benchmark-40-pages.docx"
