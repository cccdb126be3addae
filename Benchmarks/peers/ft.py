#!/usr/bin/env python3
"""flashtext: `KeywordProcessor.extract_keywords` on every post.

  ft.py match --posts FILE --phrases FILE [--max-bytes N] [--rounds R]
      The 2,000 phrases, lowercased, added to a case-sensitive KeywordProcessor before timing (the
      posts are lowercased before timing too, as for the other peers; a case-insensitive processor
      would only lowercase each post again), then one `extract_keywords(post, span_info=True)`
      per post.
  ft.py scan --phrases FILE INPUT.jsonl
      End to end, as `aho.py scan` (offsets are in characters of the lowercased text).

Counts: flashtext matches whole words only (a keyword must start and end next to a character
outside [A-Za-z0-9_]), keeps the longest keyword starting at a position and then goes on after
its end, so nested or overlapping phrases ("free visa" inside "free visa and flight") count once.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import add_scan_command, load_phrases, load_posts, match_parser, report, scan_jsonl  # noqa: E402

try:
    from flashtext import KeywordProcessor
except ImportError:
    sys.exit("ft.py: flashtext is not installed (pip install flashtext)")


def build(phrases):
    kp = KeywordProcessor(case_sensitive=True)
    for i, p in enumerate(phrases):
        kp.add_keyword(p.lower(), i)
    return kp


def cmd_match(a):
    phrases = load_phrases(a.phrases)
    posts, total = load_posts(a.posts, a.max_bytes)
    t0 = time.perf_counter()
    kp = build(phrases)
    build_s = time.perf_counter() - t0
    lowered = [p.lower() for p in posts]
    speeds, n = [], 0
    for _ in range(a.rounds):
        n = 0
        t0 = time.perf_counter()
        for post in lowered:
            n += len(kp.extract_keywords(post, span_info=True))
        speeds.append(total / (time.perf_counter() - t0) / (1 << 20))
    try:
        from importlib.metadata import version
        ver = version("flashtext")
    except Exception:  # noqa: BLE001 - the version is only informative
        ver = "?"
    report("flashtext", ver, "whole words, non-overlapping, longest at each start", len(posts), total,
           len(phrases), speeds, build_s, n)


def cmd_scan(a):
    kp = build(load_phrases(a.phrases))
    scan_jsonl(a.input, lambda text: [list(m) for m in kp.extract_keywords(text, span_info=True)])


def main():
    ap, sub = match_parser(__doc__)
    add_scan_command(sub)
    a = ap.parse_args()
    try:
        cmd_match(a) if a.cmd == "match" else cmd_scan(a)
    except FileNotFoundError as e:
        sys.exit(f"ft.py: {e.filename}: no such file")


if __name__ == "__main__":
    main()
