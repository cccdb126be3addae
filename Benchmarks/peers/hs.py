#!/usr/bin/env python3
"""Hyperscan (Python binding `hyperscan`), the reference of DESIGN.md's matcher target.

  hs.py match --posts FILE --phrases FILE [--max-bytes N] [--rounds R]

Same input and output as `aho.py match`: the same posts, lowercased before timing; every phrase a
caseless literal in one block-mode database; one scan per post; MB/s is the median of the rounds.
Every match goes through a Python callback, which costs more the more matches there are.
"""
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import load_phrases, load_posts, match_parser  # noqa: E402

try:
    import hyperscan
except ImportError:
    sys.exit("hs.py: the hyperscan module is not installed (pip install hyperscan)")


def main():
    ap, _ = match_parser(__doc__)
    a = ap.parse_args()
    phrases = load_phrases(a.phrases)
    posts, total = load_posts(a.posts, a.max_bytes)
    t0 = time.perf_counter()
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    exprs = [p.lower().encode("utf-8") for p in phrases]
    db.compile(expressions=exprs, ids=list(range(len(exprs))), elements=len(exprs),
               flags=[hyperscan.HS_FLAG_CASELESS] * len(exprs), literal=True)
    build_s = time.perf_counter() - t0
    lowered = [p.lower().encode("utf-8") for p in posts]
    count = [0]

    def on_match(_id, _from, _to, _flags, _ctx):
        count[0] += 1

    speeds = []
    for _ in range(a.rounds):
        count[0] = 0
        t0 = time.perf_counter()
        for post in lowered:
            db.scan(post, match_event_handler=on_match)
        speeds.append(total / (time.perf_counter() - t0) / (1 << 20))
    print(json.dumps({"peer": "hyperscan", "version": getattr(hyperscan, "__version__", "?"),
                      "semantics": "substrings, overlapping, caseless literals",
                      "posts": len(posts), "bytes": total, "phrases": len(phrases), "rounds": a.rounds,
                      "mbps": statistics.median(speeds), "mbps_rounds": speeds, "build_seconds": build_s,
                      "matches": count[0]}))


if __name__ == "__main__":
    main()
