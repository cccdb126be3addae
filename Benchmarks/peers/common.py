"""What every matcher peer shares: the phrase list, the same prefix of posts the Swift harness
takes, the command line of `match`, and the JSON object it prints.

Contract of `PEER.py match --posts FILE --phrases FILE [--max-bytes N] [--rounds R]` (the harness,
`redflag-bench matcher`, runs it once per round): lowercase the posts and build the matcher before
timing, then scan every post on its own; print one JSON object with at least `peer`, `posts`,
`bytes`, `mbps` (median of the rounds; MB = original UTF-8 bytes of the posts / 2^20) and
`matches`. `semantics` says what a match is, so the report can say why the counts differ.
"""
import argparse
import json
import statistics
import sys


def load_phrases(path):
    with open(path, encoding="utf-8") as f:
        phrases = [line.strip() for line in f if line.strip()]
    if not phrases:
        sys.exit(f"{path}: no phrases")
    return phrases


def load_posts(path, max_bytes):
    """The same prefix of posts the Swift harness takes: add posts while fewer than max_bytes."""
    posts, total = [], 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if max_bytes and total >= max_bytes:
                break
            post = line.rstrip("\n")
            if not post:
                continue
            posts.append(post)
            total += len(post.encode("utf-8"))
    return posts, total


def is_word_char(c):
    return c.isalnum() or c == "_"


def match_parser(doc, extra=None):
    """argparse for `PEER.py match ...`; `extra(parser)` adds a peer's own options."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("match")
    m.add_argument("--posts", required=True)
    m.add_argument("--phrases", required=True)
    m.add_argument("--max-bytes", type=int, default=0)
    m.add_argument("--rounds", type=int, default=1)
    if extra:
        extra(m)
    return ap, sub


def add_scan_command(sub):
    """The `scan --phrases FILE INPUT.jsonl` subcommand every end-to-end peer has."""
    s = sub.add_parser("scan")
    s.add_argument("--phrases", required=True)
    s.add_argument("input")
    return s


def scan_jsonl(path, find):
    """End to end: read JSON Lines, call `find(lowercased text)` for a list of [phrase, start, end]
    and write one JSON line per record to standard output; a bad line gives an error record, so no
    record is lost."""
    out, dumps, loads = sys.stdout, json.dumps, json.loads
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            try:
                rec = loads(line)
                found = find(rec["text"].lower())
                out.write(dumps({"id": rec.get("id"), "matches": found}, separators=(",", ":")) + "\n")
            except (ValueError, KeyError, TypeError, AttributeError) as e:
                out.write(dumps({"id": None, "error": f"{path}:{lineno}: {e}"}) + "\n")


def report(peer, version, semantics, posts, total, phrases, speeds, build_s, matches, **more):
    obj = {"peer": peer, "version": version, "semantics": semantics, "posts": posts, "bytes": total,
           "phrases": phrases, "rounds": len(speeds), "mbps": statistics.median(speeds), "mbps_rounds": speeds,
           "build_seconds": build_s, "matches": matches}
    obj.update(more)
    print(json.dumps(obj))


def timed_run(argv, stdout_path):
    """Wall seconds of one run of an outside command, its standard output to a file."""
    import subprocess
    import time
    with open(stdout_path, "wb") as out:
        t0 = time.perf_counter()
        rc = subprocess.call(argv, stdout=out, stderr=subprocess.PIPE)
        dt = time.perf_counter() - t0
    if rc not in (0, 1):  # grep-like tools exit 1 when nothing matched
        sys.exit(f"{argv[0]} failed with exit status {rc}: {' '.join(argv)}")
    return dt


def startup_seconds(argv_for_first_post, stdout_path, runs=3):
    """The fastest of a few runs on a file that holds only the first post: process start plus
    compiling the patterns (ripgrep compiles lazily, on the first non-empty input, so an empty file
    would not count that), which the other peers do before timing and so is taken off an outside
    tool's wall time."""
    return min(timed_run(argv_for_first_post, stdout_path) for _ in range(runs))


MIN_FILE_BYTES = 4 << 20


def repeats_for(total):
    """How many times an outside tool's file of posts is written out so that it holds at least
    MIN_FILE_BYTES: on small corpora (the smoke run) the search would otherwise take less time than
    the noise in the start-up that is taken off. Speeds and counts are divided back."""
    return max(1, -(-MIN_FILE_BYTES // max(total, 1)))
