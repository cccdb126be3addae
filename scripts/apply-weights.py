#!/usr/bin/env python3
"""Writes the weights of an overlay from `redflag calibrate` into the rule files themselves.

Usage: scripts/apply-weights.py weights.yaml [rules/]

Each rule file's `weight:` line and ruleset.yaml's `bias:` line are replaced in place (comments
and layout elsewhere are kept), so the shipped set carries its calibrated weights without an
overlay. Rules the overlay does not name keep their weight.
"""
import pathlib
import re
import sys

import yaml


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    overlay = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    root = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "rules")
    weights = {str(k): float(v) for k, v in (overlay.get("weights") or {}).items()}
    changed = 0
    seen = set()
    for path in sorted(root.glob("*/*.yaml")):
        text = path.read_text(encoding="utf-8")
        m = re.search(r"^id:\s*\"?([a-z0-9-]+)\"?\s*$", text, re.M)
        if not m or m.group(1) not in weights:
            continue
        rid = m.group(1)
        seen.add(rid)
        new, n = re.subn(r"^weight:\s*[-0-9.eE+]+", f"weight: {weights[rid]:.2f}", text, count=1, flags=re.M)
        if n != 1:
            print(f"{path}: no top-level weight line", file=sys.stderr)
            return 1
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    missing = sorted(set(weights) - seen)
    if missing:
        print(f"overlay names rules that are not in {root}: {', '.join(missing)}", file=sys.stderr)
        return 1
    if "bias" in overlay:
        manifest = root / "ruleset.yaml"
        text = manifest.read_text(encoding="utf-8")
        new, n = re.subn(r"^bias:\s*[-0-9.eE+]+", f"bias: {float(overlay['bias']):.2f}", text, count=1, flags=re.M)
        if n != 1:
            print(f"{manifest}: no top-level bias line", file=sys.stderr)
            return 1
        manifest.write_text(new, encoding="utf-8")
    print(f"updated {changed} rule weights and the bias in {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
