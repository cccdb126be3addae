#!/usr/bin/env python3
"""Build corpora/adversarial/{dev,test}.jsonl from src/data_adversarial.py."""
import importlib.util, json, os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("adv", os.path.join(ROOT, "src", "data_adversarial.py"))
adv = importlib.util.module_from_spec(spec)
spec.loader.exec_module(adv)
BENIGN = {"benign", "warning", "news"}
problems = []
seen = set()
for split, items in (("dev", adv.DEV), ("test", adv.TEST)):
    with open(os.path.join(ROOT, "adversarial", f"{split}.jsonl"), "w", encoding="utf-8") as f:
        for n, (lang, cat, text, note) in enumerate(items, 1):
            if text in seen:
                problems.append(f"{split} {n}: duplicate text")
            seen.add(text)
            rec = {"id": f"adv-{split}-{n:03d}", "lang": lang, "label": 0 if cat in BENIGN else 1,
                   "category": cat, "text": text, "note": note}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    risky = sum(1 for it in items if it[1] not in BENIGN)
    print(f"{split}: {len(items)} records, {risky} risky")
for p in problems:
    print("PROBLEM:", p)
sys.exit(1 if problems else 0)
