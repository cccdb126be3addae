#!/usr/bin/env python3
"""YARA with `nocase` strings: the 2,000 phrases as one rule, `$pN = "phrase" nocase`,
`condition: any of them`.

  yr.py match --posts FILE --phrases FILE [--max-bytes N] [--rounds R] [--mode python|cli]
      --mode python (default; the `yara-python` binding): the rule compiled before timing, then
        `rules.match(data=post)` on every lowercased post, in process, one scan per post; the
        matches are counted from the returned string instances (building those Python objects is
        part of the binding's cost, as Hyperscan's callback is).
      --mode cli (the `yara` command, when the binding is missing): the lowercased posts written
        one per line to one file before timing, the rule compiled with `yarac` before timing, then
        one `yara -s` run over the whole file; each printed offset is mapped to its post (phrases
        hold no newline, so no match crosses two posts). The time of the same command on a file
        holding only the first post (start-up, loading the rules) is taken off; a small corpus is
        written out several times over (at least 4 MB). One buffer, not one scan per post.
  yr.py yar --phrases FILE [--out FILE.yar]
      Writes the rule (default: next to the phrases, .yar).
  yr.py scan --phrases FILE INPUT.jsonl
      End to end, as `aho.py scan`: read JSON Lines, lowercase, one `match` per record, write
      {"id", "matches": [[phrase_index, start, end], ...]} per record (byte offsets).

Counts: YARA reports every occurrence of every string, overlapping ones included, as substrings
(nocase is ASCII-only case folding): the same count as pyahocorasick and Hyperscan.
"""
import bisect
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import add_scan_command, load_phrases, load_posts, match_parser, repeats_for, report, scan_jsonl, startup_seconds, timed_run  # noqa: E402

SEMANTICS = "substrings, overlapping, ASCII nocase"


def yar_source(phrases):
    lines = ["rule redflag_bench_phrases", "{", "  strings:"]
    for i, p in enumerate(phrases):
        esc = p.lower().replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'    $p{i} = "{esc}" nocase')
    lines += ["  condition:", "    any of them", "}", ""]
    return "\n".join(lines)


def count_instances(matches):
    n = 0
    for m in matches:
        for s in m.strings:
            # yara-python >= 4.3: StringMatch with .instances; older: (offset, identifier, data) tuples.
            n += len(s.instances) if hasattr(s, "instances") else 1
    return n


def match_python(a, phrases, posts, total):
    import yara
    t0 = time.perf_counter()
    rules = yara.compile(source=yar_source(phrases))
    build_s = time.perf_counter() - t0
    lowered = [p.lower().encode("utf-8") for p in posts]
    speeds, n = [], 0
    for _ in range(a.rounds):
        n = 0
        t0 = time.perf_counter()
        for post in lowered:
            n += count_instances(rules.match(data=post))
        speeds.append(total / (time.perf_counter() - t0) / (1 << 20))
    report("yara", f"yara-python {yara.__version__} (libyara {yara.YARA_VERSION})",
           SEMANTICS + "; yara-python, one scan per post", len(posts), total, len(phrases), speeds, build_s, n,
           mode="python")


def match_cli(a, phrases, posts, total):
    yara_bin, yarac = shutil.which("yara"), shutil.which("yarac")
    if not yara_bin:
        sys.exit("yr.py: neither the yara-python module nor the yara command is installed")
    with tempfile.TemporaryDirectory(prefix="redflag-yara-") as tmp:
        src, corpus, first, out = (os.path.join(tmp, x) for x in ("bench.yar", "posts.txt", "first.txt", "out"))
        with open(src, "w", encoding="utf-8") as f:
            f.write(yar_source(phrases))
        t0 = time.perf_counter()
        if yarac:
            compiled = os.path.join(tmp, "bench.yarc")
            subprocess.run([yarac, "-w", src, compiled], check=True)
            rule_args = ["-C", compiled]
        else:
            rule_args = [src]
        build_s = time.perf_counter() - t0
        lowered = [p.lower().encode("utf-8") for p in posts]
        starts, off, k = [], 0, repeats_for(total)
        with open(corpus, "wb") as f:
            for _ in range(k):
                for p in lowered:
                    starts.append(off)
                    f.write(p + b"\n")
                    off += len(p) + 1
        with open(first, "wb") as f:
            f.write(lowered[0] + b"\n")
        argv = [yara_bin, "-w", "-s", "--max-strings-per-rule=100000"] + rule_args
        if subprocess.call(argv + [first], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) != 0:
            argv.remove("--max-strings-per-rule=100000")  # older yara without the option
        startup = startup_seconds(argv + [first], out)
        speeds = []
        for _ in range(a.rounds):
            gross = timed_run(argv + [corpus], out)
            speeds.append(k * total / max(gross - startup, 1e-6) / (1 << 20))
        per_post = [0] * len(starts)
        with open(out, "rb") as f:
            for line in f:
                m = re.match(rb"0x([0-9a-f]+):\$p\d+:", line)
                if m:
                    per_post[(bisect.bisect_right(starts, int(m.group(1), 16)) - 1) % len(posts)] += 1
        version = subprocess.run([yara_bin, "--version"], capture_output=True, text=True).stdout.strip()
    report("yara", f"yara {version} (command)", SEMANTICS + "; yara -s over one file, offsets mapped to posts",
           len(posts), total, len(phrases), speeds, build_s, sum(per_post) // k, mode="cli",
           startup_seconds=startup, posts_with_matches=sum(1 for c in per_post[:len(posts)] if c), file_repeats=k)


def cmd_scan(a):
    import yara
    phrases = load_phrases(a.phrases)
    index = {f"$p{i}": i for i in range(len(phrases))}
    rules = yara.compile(source=yar_source(phrases))
    scan_jsonl(a.input, lambda text: [
        [index[s.identifier], inst.offset, inst.offset + inst.matched_length]
        for m in rules.match(data=text.encode("utf-8")) for s in m.strings for inst in s.instances])


def main():
    ap, sub = match_parser(__doc__, lambda m: m.add_argument("--mode", choices=["python", "cli"], default="python"))
    y = sub.add_parser("yar")
    y.add_argument("--phrases", required=True)
    y.add_argument("--out")
    add_scan_command(sub)
    a = ap.parse_args()
    try:
        if a.cmd == "yar":
            out = a.out or os.path.splitext(a.phrases)[0] + ".yar"
            with open(out, "w", encoding="utf-8") as f:
                f.write(yar_source(load_phrases(a.phrases)))
            print(out)
        elif a.cmd == "scan":
            cmd_scan(a)
        else:
            phrases = load_phrases(a.phrases)
            posts, total = load_posts(a.posts, a.max_bytes)
            (match_python if a.mode == "python" else match_cli)(a, phrases, posts, total)
    except FileNotFoundError as e:
        sys.exit(f"yr.py: {e.filename}: no such file")


if __name__ == "__main__":
    main()
