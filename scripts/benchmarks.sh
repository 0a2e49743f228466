#!/usr/bin/env bash
# Runs every benchmark and the hardening runs on this machine, one after another, and writes docs/benchmarks.md with
# their figures, how each was measured and the machine it ran on. Takes about a quarter of an hour; run it on a machine
# doing nothing else if the figures are to be compared. Exits non-zero if a run that checks something (the load test,
# the hostile corpus, the crash test) failed; the page is written either way, saying so.
#
#   ./scripts/benchmarks.sh
set -uo pipefail
cd "$(dirname "$0")/.."

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
started=$(date -u '+%Y-%m-%d %H:%M UTC')
mkdir -p docs
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

echo "Building in Release..."
for project in benchmarks/ScrutinyWorkflow.Benchmarks benchmarks/ScrutinyWorkflow.StatementBenchmarks \
               benchmarks/ScrutinyWorkflow.EngineBenchmarks tools/Hardening; do
  dotnet build -c Release --nologo -v quiet "$project" >"$out/build.txt" 2>&1 || { cat "$out/build.txt"; exit 1; }
done

# Each run's output goes to its own file; its exit code and wall time are kept beside it.
run() {
  local name=$1; shift
  echo "Running $name: $*"
  local start=$SECONDS
  "$@" >"$out/$name.txt" 2>&1
  local code=$?
  echo "$code $((SECONDS - start))" >"$out/$name.status"
  [ "$code" -eq 0 ] || { echo "  $name exited $code"; status=1; }
}

run parse     dotnet run -c Release --no-build --project benchmarks/ScrutinyWorkflow.Benchmarks -- 10
run statement dotnet run -c Release --no-build --project benchmarks/ScrutinyWorkflow.StatementBenchmarks -- 15
# The engine's throughput and load-time parts; its listing part (10,000 reviews) takes longer than the rest together.
run engine    dotnet run -c Release --no-build --project benchmarks/ScrutinyWorkflow.EngineBenchmarks -- engine throughput
run engineload dotnet run -c Release --no-build --project benchmarks/ScrutinyWorkflow.EngineBenchmarks -- engine load
run load      dotnet run -c Release --no-build --project benchmarks/ScrutinyWorkflow.EngineBenchmarks -- load
run timings   dotnet run -c Release --no-build --project tools/Hardening -- timings --runs 5
run corpus    dotnet run -c Release --no-build --project tools/Hardening -- corpus
run crash     dotnet run -c Release --no-build --project tools/Hardening -- crash --reviews 100 --kills 50

# The first line of a run's output matching a pattern, or a pointer to the full output below.
pick() { grep -m1 -E "$2" "$out/$1.txt" | sed -E 's/^ +//' || true; }
took() { awk '{ printf "%d s", $2 }' "$out/$1.status"; }
result() { awk '{ print ($1 == 0 ? "passed" : "FAILED (exit " $1 ")") }' "$out/$1.status"; }
block() { echo '```'; grep -v -E '^(Warning: a Debug build|Running|Building)' "$out/$1.txt"; echo '```'; }
# The load test prints the same lines for its warm-up, then for one review, then for 100: the section after a heading.
after() { awk -v h="$2" 'index($0, h) { on = 1; next } on && /^[^ ]/ { exit } on' "$out/$1.txt" | grep -m1 -E "$3" | sed -E 's/^ +//'; }

{
cat <<EOF
# Benchmarks

Written by \`./scripts/benchmarks.sh\` on ${started}; every figure below comes from that one run. Do not edit by hand:
run the script again.

**Machine:** $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -m | awk '/^Mem:/ { printf "%.1f GiB", $2 / 1024 }') memory,
.NET SDK $(dotnet --version), $(uname -sr). Load average when it started: ${load_before}; when it ended: $(cut -d' ' -f1-3 /proc/loadavg).
Timings on a shared machine carry its other work: read the medians and ratios, and the minimums for what an idle
machine does.

## Summary

| what | figure | run |
|---|---|---|
| commands/s and CPU a command, the engine beside raw SQLite transactions, one caller at a time | $(pick engine '^ *1 task: overall ratio') | engine, $(took engine) |
| the same, 64 callers at once (sharing transactions) | $(pick engine '^ *64 tasks: overall ratio') | engine |
| 300 officers answering at once on one review | $(after load 'one review of' 'p50') | load test, $(result load), $(took load) |
| the same over 100 reviews | $(after load 'over 100 reviews' 'p50') | load test |
| host CPU a request, a 300-question review against 3-question ones | $(pick load '^Host CPU a request') | load test |
| dispatch to the last of 300 request emails | $(after load 'one review of' 'last of') | load test |
| host peak memory under the load test | $(pick load 'peak resident memory') | load test |
| upload to every request email | $(pick timings 'upload read and drafted') | timings, $(took timings) |
| a small review's request, alone and behind a 1,000-officer review | $(pick timings 'Runner fairness' | sed -E 's/^Runner fairness \(median of [0-9]+\): //') | timings |
| reading the 40-page PDFs | $(grep -E '^benchmark-40-pages' "$out/parse.txt" | awk '{ printf "%s: median %s %s (processor %s %s); ", $1, $(NF-7), $(NF-6), $(NF-1), $NF }'); $(grep -m1 -E '^benchmark-40-pages.pdf over' "$out/parse.txt" || true) | parse, $(took parse) |
| assembling and rendering a 60-question statement (Word and HTML) | $(pick statement '^assemble and render' | awk '{ printf "median %s ms (min %s ms, max %s ms)", $(NF-5), $(NF-3), $(NF-1) }') | statement, $(took statement) |
| hostile corpus | $(pick corpus '^cases tried'); $(pick corpus '^peak memory') | corpus, $(result corpus), $(took corpus) |
| crash test | $(pick crash '^reviews:'); $(pick crash '^statements different') | crash, $(result crash), $(took crash) |

## Engine (in process)

\`dotnet run -c Release --project benchmarks/ScrutinyWorkflow.EngineBenchmarks -- engine throughput\` and \`-- engine load\`:
the embedded engine without HTTP. Commands per second through the product's command port (an officer saving a draft:
decide under the write lock, append, snapshot, list line) beside raw single-row SQLite \`INSERT\`s each in its own
\`BEGIN IMMEDIATE\` transaction, same settings, tasks and counts, alternating in one run, and their ratio: first one
caller at a time (1 task: the engine's own cost per command), then 64 at once (sharing transactions); beside each, the
process's CPU time per command (every thread's, the finalizer's and the collector's included); loading a
500-event, 300-assignment review cold, from its snapshot and from memory. The listing part (\`-- engine listing\`: pages
and memory with up to 10,000 reviews) is left out here for time: it takes longer than everything else together.

$(block engine)

$(block engineload)

## Load test: officers at the real form

\`dotnet run -c Release --project benchmarks/ScrutinyWorkflow.EngineBenchmarks -- load\`: the host's Release build as a
process on loopback with default settings; 300 officers each open their emailed link and submit through the form at
once (antiforgery token and cookie, 303), on one review of 300 questions and then over 100 reviews. Latency is each
POST's, from sending to the 303; it fails unless every answer is stored exactly once. The host's CPU per request is read
from \`/proc\` over the POSTs and until every officer's receipt is in the mail folder (found by its addressee, since each
fully answered review also mails its statement to the team); its ratio, the 300-question review against the
3-question ones, says whether a request's work grows with its review.

$(block load)

## Upload to requests, and the runner's fairness

\`dotnet run -c Release --project tools/Hardening -- timings --runs 5\`: the host as a process, driven over loopback. Upload:
the 16-question sample \`samples/reports/children-in-care.pdf\` posted to \`/api/reviews/from-report\` (antiforgery token
first), an officer named for each question (\`PUT .../questions\`), dispatch, and the clock stopped when the last request
\`.eml\` file is in the mail folder. Fairness: a one-question review dispatched alone, and again right after a review
asking 1,000 officers one question each, timed from its dispatch to its request file. Before the runner took turns
between reviews, the small review's request went after all 1,000 of the big one's (the test
\`RunnerFairnessTests\` shows the order; it failed before the change).

$(block timings)

## Reading focus reports

\`dotnet run -c Release --project benchmarks/ScrutinyWorkflow.Benchmarks -- 10\`: every sample report read end to end
as the upload reads it (10 runs each after 3 warm-up runs; the full run takes 25), then the hostile inputs that once
took minutes, then the 40-page PDFs over the 16-question sample \`children-in-care.pdf\` (issue 25's target: at most
3x), then the corpus of other producers' documents (\`tests/ScrutinyWorkflow.Documents.Tests/TestData/corpus\`, see its
README) scored per producer: questions read with their text under the right area, areas read with their heading, and
questions read that the document does not ask. The \`cpu\` column is the median processor time of the process per
run, which carries a shared machine's other work much less than the wall time does. The benchmark runs without
tiered compilation, so that an input's figures do not depend on how much of the same code the inputs before it warmed.

$(block parse)

## The panel's statement

\`dotnet run -c Release --project benchmarks/ScrutinyWorkflow.StatementBenchmarks -- 15\`: a 60-question statement with
long Markdown answers parsed once and rendered to the Word appendix and the HTML view (15 runs after 5 warm-up runs; the
full run takes 30).

$(block statement)

## Hostile corpus

\`dotnet run -c Release --project tools/Hardening -- corpus\`: every generated case against one host process, one after
another, each checked for its status and a phrase of its message; then whether the host still serves, its peak
resident memory (\`VmHWM\` from \`/proc/<pid>/status\`) against the bound, anything half-made left (upload buffers in its
temp folder, temporary files in its data folder, reviews nobody meant to create), and any link token, answer or draft
text in its log. See README, "Hardening", for the kinds of case.

$(block corpus)

## Crash test

\`dotnet run -c Release --project tools/Hardening -- crash --reviews 100 --kills 50\`: 100 reviews of three officers on
a clock file, run crash-free and, at the same time on another host, with SIGKILLs at 50 random requests and once after
each of the six moves of the clock (while the runner sends what fell due), each followed by a restart on the same data.
Statements compared as the panel reads them (cover and every row), acknowledged answers (303) looked for in their
statements, and the mail compared message by message with the crash-free run's.

$(block crash)
EOF
} >"$out/page.md"
# The Durable runtime's blocks are written by their own, longer runs (scripts/chaos.sh, the runtime benchmark): kept
# as they stand rather than lost each time this page is written.
if [ -f docs/benchmarks.md ]; then
  awk '/<!-- (chaos|durable):begin/ { keeping = 1 } keeping { print } /<!-- (chaos|durable):end -->/ { keeping = 0; print "" }' docs/benchmarks.md >"$out/kept.md"
  cat "$out/kept.md" >>"$out/page.md"
fi
mv "$out/page.md" docs/benchmarks.md

echo "Wrote docs/benchmarks.md"
exit $status
