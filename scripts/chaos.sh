#!/usr/bin/env bash
# The Durable runtime's chaos test, run long: three web hosts on one task hub (Azurite), mail through a local SendGrid,
# officers answering at once on the same reviews and across reviews while two of the hosts are SIGKILLed at random
# moments and started again. It fails if any acknowledged answer is lost or recorded twice, a message id is sent twice
# or names two messages, or a review does not complete. Its figures replace the "Chaos" block of docs/benchmarks.md.
# Takes about half an hour on a quiet 2-core machine with the defaults (100 kills, 25 reviews x 2 officers x 10 answers).
#
#   ./scripts/chaos.sh                      # SCRUTINY_CHAOS_KILLS, _REVIEWS and _ANSWERS change the sizes
set -uo pipefail
cd "$(dirname "$0")/.."

export SCRUTINY_CHAOS_KILLS=${SCRUTINY_CHAOS_KILLS:-100}
export SCRUTINY_CHAOS_REVIEWS=${SCRUTINY_CHAOS_REVIEWS:-25}
export SCRUTINY_CHAOS_ANSWERS=${SCRUTINY_CHAOS_ANSWERS:-10}
export SCRUTINY_CHAOS_REPORT
SCRUTINY_CHAOS_REPORT=$(mktemp)
trap 'rm -f "$SCRUTINY_CHAOS_REPORT"' EXIT

started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start=$SECONDS
dotnet test tests/ScrutinyWorkflow.Web.Tests --filter "FullyQualifiedName~ChaosTests" --logger "console;verbosity=normal"
code=$?
took=$((SECONDS - start))
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
verdict=$([ "$code" -eq 0 ] && echo passed || echo FAILED)
figures=$(cat "$SCRUTINY_CHAOS_REPORT" 2>/dev/null)

block=$(mktemp)
cat >"$block" <<BLOCK
<!-- chaos:begin (written by scripts/chaos.sh; run it again rather than edit) -->
## Chaos: the Durable runtime with hosts killed at random

\`./scripts/chaos.sh\` on $started, $(nproc) cores, load average $load_before at the start and $load_after at the end;
${took} s, **${verdict}**. Three web hosts on one task hub (Azurite), mail through a local SendGrid; hosts 2 and 3 SIGKILLed
in turn at random moments (0.3 to 2.5 s apart, whatever they were doing) and started again; every answer submitted
through the officer's page on a host picked at random, pressed again on another when its host died.

${figures:-no figures: the run stopped before writing them}
<!-- chaos:end -->
BLOCK
if grep -q '<!-- chaos:begin' docs/benchmarks.md; then
  awk -v block="$block" '
    /<!-- chaos:begin/ { while ((getline line < block) > 0) print line; skipping = 1; next }
    /<!-- chaos:end -->/ { skipping = 0; next }
    !skipping { print }' docs/benchmarks.md >docs/benchmarks.md.new && mv docs/benchmarks.md.new docs/benchmarks.md
else
  { echo; cat "$block"; } >>docs/benchmarks.md
fi
rm -f "$block"
exit "$code"
