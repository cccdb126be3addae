#!/usr/bin/env bash
# Re-fits the shipped rule weights and bias and writes them into the rule files, and re-learns the
# word weights of rules/vocabulary.tsv and the voice words of rules/voice.tsv from the same
# records (docs/RULES.md, "Vocabulary" and "Voice").
#
#   scripts/calibrate-shipped.sh [path/to/redflag]               all three steps below
#   scripts/calibrate-shipped.sh --words-only [path/to/redflag]  steps 2 and 3 only (the rule
#                                                                weights stay as they are)
#
# Data: the development corpora (corpora/dev, dev2-dev11, adversarial/dev.jsonl) and the
# independent calibration set (corpora/calib), never the test split. The rule writers worked from
# the development corpora, so the rules fire on nearly all of it; corpora/calib was written
# afterwards by writers who did not see the rules, and is what lets the fit see misses and false
# alarms (corpora/dev2 was the first such set, until its misses were used to widen the phrases).
#
# Policy (INDICATORS.md: single keywords are useless): no phrase rule may reach the flag level on
# its own, except the ALONE rules below, which state an ILO forced-labour indicator outright
# (the employer keeps passports, workers may not leave, a smuggler takes you across the border,
# the job is scamming people, the job is inside a named scam compound such as KK Park).
# Tests/RedFlagTests (ShippedWeights) checks the same list.
set -euo pipefail
cd "$(dirname "$0")/.."
words_only=""
if [[ "${1:-}" == "--words-only" ]]; then words_only=1; shift; fi
REDFLAG="${1:-.build/debug/redflag}"
ALONE="passport-retention,movement-restriction,escorted-border-crossing,romance-investment-task,scam-compound-site-job"
out="$(mktemp --suffix .yaml)"
words_overlay="$(mktemp --suffix .yaml)"
plain="$(mktemp -d)"
trap 'rm -rf "$out" "$words_overlay" "$plain"' EXIT
DATA=(corpora/dev/*.jsonl corpora/dev2/*.jsonl corpora/dev3/*.jsonl corpora/dev4/*.jsonl corpora/dev5/*.jsonl
  corpora/dev6/*.jsonl corpora/dev7/*.jsonl corpora/dev8/*.jsonl corpora/dev9/*.jsonl corpora/dev10/*.jsonl
  corpora/dev11/*.jsonl
  corpora/adversarial/dev.jsonl
  corpora/calib/*.jsonl)

# 1. Rule weights and bias, fitted without the vocabulary (a copy of rules/ whose ruleset.yaml does
#    not name it). The phrases were written from these same records, so a joint fit trusts them
#    and the words too much: on DEV8 (blind) it flagged 168 of 200 risky posts against 171 with
#    the words added on top of rule weights fitted alone, at the same 4 false alarms.
#    Each run starts from the weights in the rule files (the prior), so running it again moves
#    them further toward the unpenalised fit; the shipped weights are from the run of session 4
#    (rule set 2026.12.2, commit b4bf147); since then the vocabulary was added (learned with
#    step 2 alone, DEV8 and DEV9 included: `--words-only`) and new rules keep their hand weights.
#    The copy also leaves out the voice rule (context/warning-voice.yaml), whose words step 3
#    learns; its weight and discount are set by hand.
cp -r rules/. "$plain/"
rm -f "$plain/context/warning-voice.yaml" "$plain/voice.tsv"
python3 - "$plain/ruleset.yaml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = re.sub(r"\nvocabulary:\n(  .*\n)+", "\n", s)
open(p, "w", encoding="utf-8").write(s)
PY
if [[ -z "$words_only" ]]; then
  "$REDFLAG" calibrate "${DATA[@]}" --rules "$plain" --l2 3 --alone "$ALONE" -o "$out"
  python3 scripts/apply-weights.py "$out" rules/
fi

# 2. The voice words: which words outside the lures tell warning and news posts from risky ones.
#    Learned with the copy of step 1, which loads without rules/voice.tsv (the words around the
#    lures do not depend on the weights); first, so that step 3 can load rules/.
"$REDFLAG" calibrate "${DATA[@]}" --rules "$plain" --l2 3 --alone "$ALONE" -o "$words_overlay" \
  --voice rules/voice.tsv | grep -E '^(voice|wrote rules)'
# 3. The word weights, learned from the same records (its overlay is not used).
"$REDFLAG" calibrate "${DATA[@]}" --rules rules --l2 3 --alone "$ALONE" -o "$words_overlay" \
  --vocabulary rules/vocabulary.tsv | grep -E '^(vocabulary|wrote rules)'
"$REDFLAG" rules lint rules/ >/dev/null
echo "weights written into rules/; check with: $REDFLAG eval corpora/calib/*.jsonl"
