#!/usr/bin/env python3
"""ripgrep with fixed strings: `rg -F -f PHRASES --count-matches` over one file of posts.

  rg.py match --posts FILE --phrases FILE [--max-bytes N] [--rounds R] [--ignore-case]
      Before timing, the posts are written one per line to a temporary file (lowercased; as they
      are with --ignore-case, which adds `-i`) and the phrases, lowercased, to another. The timed
      command is `rg --no-config -j1 -F -f PHRASES --count-matches FILE`; the time of the same
      command on a file holding only the first post (process start, compiling the 2,000 literals,
      which ripgrep does lazily on the first non-empty input) is taken off, as the other peers
      build their matcher before timing. A small corpus is written out several times over, so that the
      file holds at least 4 MB and the search outlasts the noise in that start-up. ripgrep is line-oriented and a phrase holds
      no newline, so every match lies inside one post, but it is one search over the file, not one
      call per post.

Counts: ripgrep reports non-overlapping matches, leftmost-first in the order of the phrase file,
substrings, so it finds fewer than Aho-Corasick where phrases overlap or nest; with -i, case
folding is Unicode simple case folding (on lowercased text it changes nothing).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import load_phrases, load_posts, match_parser, repeats_for, report, startup_seconds, timed_run  # noqa: E402


def main():
    ap, _ = match_parser(__doc__, lambda m: m.add_argument("--ignore-case", action="store_true"))
    a = ap.parse_args()
    rg = shutil.which("rg")
    if not rg:
        sys.exit("rg.py: ripgrep (rg) is not installed (apt-get install -y ripgrep)")
    try:
        phrases = load_phrases(a.phrases)
        posts, total = load_posts(a.posts, a.max_bytes)
    except FileNotFoundError as e:
        sys.exit(f"rg.py: {e.filename}: no such file")
    with tempfile.TemporaryDirectory(prefix="redflag-rg-") as tmp:
        pat, corpus, first, out = (os.path.join(tmp, x) for x in ("phrases.txt", "posts.txt", "first.txt", "out"))
        with open(pat, "w", encoding="utf-8") as f:
            f.write("".join(p.lower() + "\n" for p in phrases))
        k = repeats_for(total)
        with open(corpus, "w", encoding="utf-8") as f:
            f.write("".join((p if a.ignore_case else p.lower()) + "\n" for p in posts) * k)
        with open(first, "w", encoding="utf-8") as f:
            f.write((posts[0] if a.ignore_case else posts[0].lower()) + "\n")
        argv = [rg, "--no-config", "-j1", "-F", "-f", pat, "--count-matches", "--no-filename"]
        if a.ignore_case:
            argv.insert(3, "-i")
        t0 = time.perf_counter()
        startup = startup_seconds(argv + [first], out)
        build_s = time.perf_counter() - t0
        speeds = []
        for _ in range(a.rounds):
            gross = timed_run(argv + [corpus], out)
            speeds.append(k * total / max(gross - startup, 1e-6) / (1 << 20))
        with open(out, encoding="utf-8") as f:
            text = f.read().strip()
        matches = (int(text) if text else 0) // k
        # Untimed: matches per post (one line per post), to see how many posts have any.
        hits = subprocess.run(argv[:-2] + ["-o", "-n", "--no-filename", corpus],
                              capture_output=True, text=True).stdout.splitlines()
        posts_with_matches = len({h.split(":", 1)[0] for h in hits}) // k
        version = subprocess.run([rg, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    name = "ripgrep -F -i" if a.ignore_case else "ripgrep -F (lowercased input)"
    sem = "substrings, non-overlapping, leftmost-first" + ("; Unicode case folding (-i)" if a.ignore_case else "")
    report(name, version, sem + "; one search over a file of posts", len(posts), total, len(phrases), speeds,
           build_s, matches, startup_seconds=startup, posts_with_matches=posts_with_matches, file_repeats=k)


if __name__ == "__main__":
    main()
