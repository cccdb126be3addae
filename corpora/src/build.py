#!/usr/bin/env python3
"""Build corpora/dev/*.jsonl and corpora/test/*.jsonl from the hand-written
sources in corpora/src/data_<lang>.py, and check the coverage rules.

Each source module defines DEV and TEST: lists of tuples
(category, text) or (category, text, note). The label is derived from the
category: benign / warning / news -> 0, everything else -> 1.
A note starting with "zawgyi" marks a Burmese record that is converted to the
Zawgyi encoding with ICU's `my-Zawgyi` transliterator (uconv) at build time.
Run from the repository root:  python3 corpora/src/build.py
"""
import importlib.util, json, os, subprocess, sys, collections

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANGS = ["en", "id", "ms", "tl", "vi", "th", "km", "lo", "my", "zh"]
RISKY = ["pay_too_good", "everything_paid", "vague_job", "chat_app_contact",
         "high_risk_destination", "irregular_route", "fees_and_debt",
         "document_control", "pressure", "targeting_vulnerable",
         "sexual_exploitation_cover", "scam_compound"]
BENIGN = ["benign", "warning", "news"]


def to_zawgyi(text):
    out = subprocess.run(["uconv", "-x", "my-Zawgyi"], input=text.encode("utf-8"),
                         capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def load(lang):
    path = os.path.join(ROOT, "src", f"data_{lang}.py")
    spec = importlib.util.spec_from_file_location(f"data_{lang}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def records(lang, split, items):
    out, errors = [], []
    seen = set()
    for n, item in enumerate(items, 1):
        cat, text = item[0], item[1]
        note = item[2] if len(item) > 2 else None
        if cat not in RISKY and cat not in BENIGN:
            errors.append(f"{lang}/{split} item {n}: unknown category {cat!r}")
        text = text.strip()
        if note and note.startswith("zawgyi"):
            text = to_zawgyi(text)
        if text in seen:
            errors.append(f"{lang}/{split} item {n}: duplicate text")
        seen.add(text)
        rec = {"id": f"{lang}-{split}-{n:03d}", "lang": lang,
               "label": 0 if cat in BENIGN else 1, "category": cat, "text": text}
        if note:
            rec["note"] = note
        out.append(rec)
    return out, errors


def check(lang, split, recs):
    problems = []
    if len(recs) < 40:
        problems.append(f"{lang}/{split}: only {len(recs)} records")
    cats = collections.Counter(r["category"] for r in recs)
    if cats["warning"] + cats["news"] < 4:
        problems.append(f"{lang}/{split}: fewer than 4 warning/news posts")
    risky = sum(1 for r in recs if r["label"] == 1)
    if not 0.4 <= risky / max(1, len(recs)) <= 0.6:
        problems.append(f"{lang}/{split}: risky share {risky}/{len(recs)}")
    if split == "test":
        missing = [c for c in RISKY if cats[c] == 0]
        if missing:
            problems.append(f"{lang}/test: missing categories {missing}")
    return problems


def main():
    problems = []
    only = sys.argv[1:] or LANGS
    for lang in only:
        mod = load(lang)
        for split, items in (("dev", mod.DEV), ("test", mod.TEST)):
            recs, errs = records(lang, split, items)
            problems += errs + check(lang, split, recs)
            with open(os.path.join(ROOT, split, f"{lang}.jsonl"), "w", encoding="utf-8") as f:
                for r in recs:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # texts must not leak between dev and test
    for lang in only:
        texts = {}
        for split in ("dev", "test"):
            with open(os.path.join(ROOT, split, f"{lang}.jsonl"), encoding="utf-8") as f:
                texts[split] = {json.loads(l)["text"] for l in f}
        leak = texts["dev"] & texts["test"]
        if leak:
            problems.append(f"{lang}: {len(leak)} texts in both dev and test")
    for p in problems:
        print("PROBLEM:", p)
    print("built", ", ".join(only))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
