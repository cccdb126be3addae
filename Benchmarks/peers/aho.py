#!/usr/bin/env python3
"""pyahocorasick, the peer RedFlag is measured against.

  aho.py match --posts FILE --phrases FILE [--max-bytes N] [--rounds R]
      Matcher alone: the posts (one per line) are lowercased before timing, the automaton is built
      before timing, then every post is scanned on its own. Prints one JSON object: MB/s (median of
      the rounds, MB = original UTF-8 bytes of the posts / 2^20), the number of matches, and how
      many of them start and end on word boundaries (Aho-Corasick finds substrings: "sea" in
      "search"; RedFlag matches whole tokens).

  aho.py scan --phrases FILE INPUT.jsonl
      End to end: read JSON Lines, lowercase the `text`, match, and write one JSON line per record
      ({"id", "matches": [[phrase_index, start, end], ...]}) to standard output.
"""
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import add_scan_command, is_word_char, load_phrases, load_posts, match_parser, scan_jsonl  # noqa: E402

try:
    import ahocorasick
except ImportError:
    sys.exit("aho.py: pyahocorasick is not installed (pip install pyahocorasick)")


def build(phrases):
    a = ahocorasick.Automaton()
    for i, p in enumerate(phrases):
        a.add_word(p.lower(), (i, len(p)))
    a.make_automaton()
    return a


def cmd_match(a):
    phrases = load_phrases(a.phrases)
    posts, total = load_posts(a.posts, a.max_bytes)
    t0 = time.perf_counter()
    auto = build(phrases)
    build_s = time.perf_counter() - t0
    lowered = [p.lower() for p in posts]
    speeds = []
    matches = 0
    for _ in range(a.rounds):
        n = 0
        t0 = time.perf_counter()
        for post in lowered:
            for _end, _val in auto.iter(post):
                n += 1
        dt = time.perf_counter() - t0
        speeds.append(total / dt / (1 << 20))
        matches = n
    # Untimed: how many matches are whole words, which is what RedFlag reports.
    whole = 0
    for post in lowered:
        for end, (_i, length) in auto.iter(post):
            start = end - length + 1
            if (start == 0 or not is_word_char(post[start - 1])) and (end + 1 == len(post) or not is_word_char(post[end + 1])):
                whole += 1
    print(json.dumps({
        "peer": "pyahocorasick", "version": getattr(ahocorasick, "__version__", "?"),
        "semantics": "substrings, overlapping",
        "posts": len(posts), "bytes": total, "phrases": len(phrases), "rounds": a.rounds,
        "mbps": statistics.median(speeds), "mbps_rounds": speeds, "build_seconds": build_s,
        "matches": matches, "whole_word_matches": whole,
    }))


def cmd_scan(a):
    auto = build(load_phrases(a.phrases))
    scan_jsonl(a.input, lambda text: [[v[0], end - v[1] + 1, end + 1] for end, v in auto.iter(text)])


def main():
    ap, sub = match_parser(__doc__)
    add_scan_command(sub)
    a = ap.parse_args()
    try:
        cmd_match(a) if a.cmd == "match" else cmd_scan(a)
    except FileNotFoundError as e:
        sys.exit(f"aho.py: {e.filename}: no such file")


if __name__ == "__main__":
    main()
