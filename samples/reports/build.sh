#!/usr/bin/env bash
# Rebuilds the sample focus reports in this folder from their plain sources in sources/.
#
# Each source says its format. A "pdf" sample is printed by each of the producers its source names (producers:):
#   libreoffice  written as .docx by tools/SampleReports and converted by LibreOffice      -> <name>.pdf
#   chromium     written as print HTML by tools/SampleReports and printed by headless Chromium -> <name>.chromium.pdf
#   pdfpig       written directly by tools/SampleReports with PdfPig's document builder     -> <name>.pdfpig.pdf
# "docx", "html" and "markdown" samples are written directly. Every sample also gets <name>.expected.json: the
# title, month, areas and questions its source marks, which the extraction tests compare against whichever tool
# printed it. benchmark-40-pages.pdf and benchmark-40-pages.chromium.pdf are the children-in-care report with its
# narrative repeated, for the benchmark.
#
# Needs LibreOffice (apt-get install libreoffice-writer-nogui), Chromium (apt-get install chromium) and poppler-utils.
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

# Chromium with its own throwaway profile; the page's own running header and footer replace the browser's.
print_pdf() {
  local out="$here/$(basename "${1%.print.html}").chromium.pdf"
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer "--user-data-dir=$work/chromium" \
    "--print-to-pdf=$out" "file://$1" >/dev/null 2>&1
  echo "$1 -> $out ($(pdfinfo "$out" 2>/dev/null | sed -n 's/^Pages: *//p') pages)"
}

# Prints what the generator wrote into $work for one sample, with every producer it wrote for.
produce() {
  local name="$1"
  cp "$work/$name.expected.json" "$here/"
  if [ -f "$work/$name.docx" ]; then to_pdf "$work/$name.docx"; fi
  if [ -f "$work/$name.print.html" ]; then print_pdf "$work/$name.print.html"; fi
  if [ -f "$work/$name.pdfpig.pdf" ]; then cp "$work/$name.pdfpig.pdf" "$here/"; echo "$name.pdfpig.pdf written by PdfPig"; fi
}

for source in "$here"/sources/*.txt; do
  name="$(basename "$source" .txt)"
  format="$(sed -n 's/^format: *//p' "$source" | head -n 1)"
  if [ "$format" = "pdf" ]; then
    generate "$source" "$work"
    produce "$name"
  else
    generate "$source" "$here"
  fi
done

# Chromium sets the narrative on fewer lines a page than LibreOffice: thirteen repeats make its 40-odd pages.
generate "$here/sources/children-in-care.txt" "$work" --name benchmark-40-pages --repeat-narrative 15
rm -f "$work/benchmark-40-pages.pdfpig.pdf" "$work/benchmark-40-pages.print.html"
produce benchmark-40-pages
generate "$here/sources/children-in-care.txt" "$work" --name benchmark-40-pages --repeat-narrative 13
rm -f "$work/benchmark-40-pages.pdfpig.pdf" "$work/benchmark-40-pages.docx"
produce benchmark-40-pages
