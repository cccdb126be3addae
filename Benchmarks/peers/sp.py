#!/usr/bin/env python3
"""spaCy's tokenizer + PhraseMatcher, on `spacy.blank("en")` (no model to download).

  sp.py match --posts FILE --phrases FILE [--max-bytes N] [--rounds R]
      Before timing: `nlp = spacy.blank("en")`, `PhraseMatcher(nlp.vocab, attr="LOWER")`, every
      phrase added as `nlp.make_doc(phrase)`; the posts lowercased (as for the other peers). Timed:
      `matcher(nlp.make_doc(post))` for every post, so the time is spaCy's tokenizer plus the
      matcher, which is the job RedFlag's analyser + matcher do.
  sp.py scan --phrases FILE INPUT.jsonl
      End to end, as `aho.py scan` (offsets are character offsets of the matched span).

Counts: whole spaCy tokens (attr LOWER), every match including overlapping and nested ones, like
RedFlag; they differ from RedFlag where the two tokenizers split differently (spaCy's English
rules split "don't" into "do" + "n't" and cut hyphenated words, URLs and handles their own way)
and where RedFlag also matches de-obfuscated forms.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import add_scan_command, load_phrases, load_posts, match_parser, report, scan_jsonl  # noqa: E402

try:
    import spacy
    from spacy.matcher import PhraseMatcher
except ImportError:
    sys.exit("sp.py: spacy is not installed (pip install spacy)")


def build(phrases):
    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("P", [nlp.make_doc(p.lower()) for p in phrases])
    return nlp, matcher


def cmd_match(a):
    phrases = load_phrases(a.phrases)
    posts, total = load_posts(a.posts, a.max_bytes)
    t0 = time.perf_counter()
    nlp, matcher = build(phrases)
    build_s = time.perf_counter() - t0
    lowered = [p.lower() for p in posts]
    make_doc = nlp.make_doc
    for post in lowered[:50]:  # warm the tokenizer's cache of the vocabulary, untimed
        matcher(make_doc(post))
    speeds, n = [], 0
    for _ in range(a.rounds):
        n = 0
        t0 = time.perf_counter()
        for post in lowered:
            n += len(matcher(make_doc(post)))
        speeds.append(total / (time.perf_counter() - t0) / (1 << 20))
    report("spaCy PhraseMatcher", spacy.__version__, "whole spaCy tokens (LOWER), overlapping", len(posts), total,
           len(phrases), speeds, build_s, n)


def cmd_scan(a):
    phrases = load_phrases(a.phrases)
    nlp, matcher = build(phrases)
    # Rebuilt per label would cost more; one label and the phrase index recovered from the text.
    index = {p.lower(): i for i, p in enumerate(phrases)}

    def find(text):
        doc = nlp.make_doc(text)
        return [[index.get(doc[s:e].text, -1), doc[s:e].start_char, doc[s:e].end_char] for _id, s, e in matcher(doc)]

    scan_jsonl(a.input, find)


def main():
    ap, sub = match_parser(__doc__)
    add_scan_command(sub)
    a = ap.parse_args()
    try:
        cmd_match(a) if a.cmd == "match" else cmd_scan(a)
    except FileNotFoundError as e:
        sys.exit(f"sp.py: {e.filename}: no such file")


if __name__ == "__main__":
    main()
