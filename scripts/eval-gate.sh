#!/usr/bin/env bash
# Quality gate: evaluates the shipped rules on the held-out corpora and fails when a figure is
# below its bar. Builds nothing: pass the redflag binary (default .build/debug/redflag).
#
#   scripts/eval-gate.sh [path/to/redflag]                    the bars of issue 5 (below)
#   scripts/eval-gate.sh --floor corpora/eval-floor.json [bin]  regression gate (CI): fails when a
#                                                               figure drops below the recorded one
#   scripts/eval-gate.sh --write-floor FILE [bin]              records today's figures as the floor
#
# Bars (all at the rule set's default flag level):
#   - ROC-AUC >= 0.95 in every language (test + adversarial test + HTML pages, pooled);
#   - overall F1 >= 0.90;
#   - no warning or news post flagged;
#   - every risky category caught at least once in every language that has it;
#   - EMSCAD (../shared/corpora/emscad/emscad-dev.jsonl, when present): false-positive rate <= 3%.
# Prints a Markdown table of the figures (for the README), then every failed bar.
# Exit: 0 all bars met, 1 a bar failed, 2 the gate could not run.
set -euo pipefail

cd "$(dirname "$0")/.."
floor=""
write_floor=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --floor) floor="$2"; shift 2 ;;
    --write-floor) write_floor="$2"; shift 2 ;;
    *) break ;;
  esac
done
REDFLAG="${1:-.build/debug/redflag}"
EMSCAD="../shared/corpora/emscad/emscad-dev.jsonl"

if [[ ! -x "$REDFLAG" ]]; then
  echo "eval-gate: no redflag binary at '$REDFLAG' (build it first, or pass its path)" >&2
  exit 2
fi
if ! command -v python3 >/dev/null; then
  echo "eval-gate: python3 is needed to read the JSON reports" >&2
  exit 2
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

shopt -s nullglob
inputs=(corpora/test/*.jsonl corpora/adversarial/test.jsonl corpora/html/labels.jsonl)
if [[ ${#inputs[@]} -lt 3 ]]; then
  echo "eval-gate: corpora/test/*.jsonl not found (run from a checkout)" >&2
  exit 2
fi
if ! "$REDFLAG" eval "${inputs[@]}" --json >"$tmp/test.json" 2>"$tmp/test.err"; then
  echo "eval-gate: redflag eval failed on the test corpora:" >&2
  cat "$tmp/test.err" >&2
  exit 2
fi
emscad_json=""
if [[ -f "$EMSCAD" ]]; then
  if ! "$REDFLAG" eval "$EMSCAD" --json >"$tmp/emscad.json" 2>"$tmp/emscad.err"; then
    echo "eval-gate: redflag eval failed on $EMSCAD:" >&2
    cat "$tmp/emscad.err" >&2
    exit 2
  fi
  emscad_json="$tmp/emscad.json"
else
  echo "eval-gate: $EMSCAD not found; EMSCAD bar skipped" >&2
fi

python3 - "$tmp/test.json" "$emscad_json" "$floor" "$write_floor" <<'PY'
import json, sys

test = json.load(open(sys.argv[1]))
emscad = json.load(open(sys.argv[2])) if sys.argv[2] else None
floor_path, write_floor_path = sys.argv[3], sys.argv[4]

MIN_AUC, MIN_F1, MAX_EMSCAD_FPR = 0.95, 0.90, 0.03

def f(x):
    return "–" if x is None else f"{x:.3f}"

def pct(x):
    return "–" if x is None else f"{100 * x:.1f}%"

failures = []

def verdict(problems, failed, passed):
    """Prints the outcome and exits: 1 with the list of problems, 0 without."""
    if problems:
        print(f"\nFAIL: {len(problems)} {failed}:")
        for x in problems:
            print(f"- {x}")
        sys.exit(1)
    print(f"\nPASS: {passed}.")
    sys.exit(0)

# Benign kinds that quote the lures: never to be flagged.
quoting = {"warning", "news"}
cells = test["by_language_category"]

print("| set | n | risky | precision | recall | F1 | FPR | ROC-AUC | PR-AUC | warning/news flagged | risky categories missed |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for g in [test["overall"]] + test["by_language"]:
    lang = g["name"]
    mine = cells if lang == "all" else [c for c in cells if c["language"] == lang]
    quoted = [c for c in mine if not c["risky"] and c["category"] in quoting]
    q_n = sum(c["n"] for c in quoted)
    q_flagged = sum(c["flagged"] for c in quoted)
    missed = sorted(f'{c["language"]}/{c["category"]}' if lang == "all" else c["category"]
                    for c in mine if c["risky"] and c["flagged"] == 0)
    name = "all (test + adversarial + html)" if lang == "all" else lang
    print(f'| {name} | {g["n"]} | {g["positives"]} | {f(g["precision"])} | {f(g["recall"])} | {f(g["f1"])} '
          f'| {f(g["false_positive_rate"])} | {f(g["roc_auc"])} | {f(g["pr_auc"])} | {q_flagged}/{q_n} '
          f'| {(f"{len(missed)} language x category cells" if lang == "all" else ", ".join(missed)) if missed else "none"} |')
if emscad:
    g = emscad["overall"]
    print(f'| EMSCAD (real ads, en) | {g["n"]} | {g["positives"]} | {f(g["precision"])} | {f(g["recall"])} '
          f'| {f(g["f1"])} | {f(g["false_positive_rate"])} | {f(g["roc_auc"])} | {f(g["pr_auc"])} | – | – |')
print()

for g in test["by_language"]:
    auc = g["roc_auc"]
    if auc is None or auc < MIN_AUC:
        failures.append(f'ROC-AUC in {g["name"]} is {f(auc)} (bar: >= {MIN_AUC})')
f1 = test["overall"]["f1"]
if f1 is None or f1 < MIN_F1:
    failures.append(f"overall F1 at the flag level is {f(f1)} (bar: >= {MIN_F1})")
for c in cells:
    if not c["risky"] and c["category"] in quoting and c["flagged"] > 0:
        failures.append(f'{c["flagged"]} of {c["n"]} {c["category"]} posts in {c["language"]} flagged (bar: none)')
for c in cells:
    if c["risky"] and c["flagged"] == 0:
        failures.append(f'risky category {c["category"]} in {c["language"]}: 0 of {c["n"]} caught (bar: at least one)')
if emscad:
    g = emscad["overall"]
    fpr = g["false_positive_rate"]
    print(f'EMSCAD: false-positive rate {pct(fpr)} ({g["confusion"]["fp"]} of {g["negatives"]} legitimate ads flagged); '
          f'recall on its fraudulent ads {pct(g["recall"])} ({g["confusion"]["tp"]} of {g["positives"]}).')
    if fpr is None or fpr > MAX_EMSCAD_FPR:
        failures.append(f"EMSCAD false-positive rate is {pct(fpr)} (bar: <= {pct(MAX_EMSCAD_FPR)})")

# Regression gate: today's figures as recorded in a floor file (deterministic for a given rule set
# and code, so any drop is a real change that must be looked at, then recorded on purpose).
quoting_flagged = sum(c["flagged"] for c in cells if not c["risky"] and c["category"] in quoting)
cells_missed = sum(1 for c in cells if c["risky"] and c["flagged"] == 0)
today = {
    "f1": test["overall"]["f1"],
    "precision": test["overall"]["precision"],
    "roc_auc": {g["name"]: g["roc_auc"] for g in test["by_language"]},
    "warning_news_flagged": quoting_flagged,
    "risky_cells_missed": cells_missed,
}
if write_floor_path:
    with open(write_floor_path, "w") as out:
        json.dump(today, out, indent=2, sort_keys=True)
        out.write("\n")
    print(f"wrote today's figures to {write_floor_path}")
    sys.exit(0)
if floor_path:
    fl = json.load(open(floor_path))
    drops = []
    eps = 1e-9
    for k in ("f1", "precision"):
        if (today[k] or 0) < fl[k] - eps:
            drops.append(f"{k} {f(today[k])} < floor {f(fl[k])}")
    for lang, auc in fl["roc_auc"].items():
        if (today["roc_auc"].get(lang) or 0) < auc - eps:
            drops.append(f"ROC-AUC in {lang} {f(today['roc_auc'].get(lang))} < floor {f(auc)}")
    for k in ("warning_news_flagged", "risky_cells_missed"):
        if today[k] > fl[k]:
            drops.append(f"{k} {today[k]} > floor {fl[k]}")
    if emscad and (emscad["overall"]["false_positive_rate"] or 0) > MAX_EMSCAD_FPR:
        drops.append(f'EMSCAD false-positive rate {pct(emscad["overall"]["false_positive_rate"])} > {pct(MAX_EMSCAD_FPR)}')
    print(f"(issue 5 bars not yet met: {len(failures)}; this run checks the recorded floor {floor_path})")
    verdict(drops, "figure(s) dropped below the floor", "no figure below the floor")

verdict(failures, "bar(s) not met", "every bar met")
PY
