#!/usr/bin/env python3
"""Runs whole commands side by side in interleaved rounds, each under /usr/bin/time -v.

  e2e.py --input FILE --out RESULT.json [--rounds R] --cmd 'LABEL::COMMAND' [--cmd ...]

COMMAND gets the input file appended and its standard output goes to a file (so the output is
really written). Per command: median wall time, MB/s (input bytes / 2^20 / s), records/s, the
largest peak RSS over the rounds, and a check that it wrote one line per input record.
The order of the commands rotates every round, so a busy spell on the machine hits each of them.
"""
import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import time


def count_lines(path):
    n = 0
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            n += chunk.count(b"\n")
    return n


def run_once(argv, out_path, time_path):
    full = ["/usr/bin/time", "-v", "-o", time_path] + argv
    with open(out_path, "wb") as out, open(out_path + ".err", "wb") as err:
        t0 = time.perf_counter()
        rc = subprocess.call(full, stdout=out, stderr=err)
        dt = time.perf_counter() - t0
    with open(time_path, encoding="utf-8", errors="replace") as f:
        tv = f.read()
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", tv)
    rss_kb = int(m.group(1)) if m else -1
    u = re.search(r"User time \(seconds\): ([\d.]+)", tv)
    s = re.search(r"System time \(seconds\): ([\d.]+)", tv)
    cpu = (float(u.group(1)) if u else 0) + (float(s.group(1)) if s else 0)
    return rc, dt, rss_kb, cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cmd", action="append", required=True, help="LABEL::COMMAND")
    ap.add_argument("--workdir", default=None, help="where the outputs go (default: next to --out)")
    a = ap.parse_args()
    if not os.path.exists("/usr/bin/time"):
        sys.exit("e2e.py: /usr/bin/time is missing (apt-get install -y time)")
    if not os.path.isfile(a.input):
        sys.exit(f"e2e.py: {a.input}: no such file")
    cmds = []
    for spec in a.cmd:
        if "::" not in spec:
            sys.exit(f"e2e.py: --cmd {spec!r}: expected LABEL::COMMAND")
        label, command = spec.split("::", 1)
        cmds.append((label, shlex.split(command) + [a.input]))
    size = os.path.getsize(a.input)
    records = count_lines(a.input)
    work = a.workdir or os.path.dirname(os.path.abspath(a.out))
    os.makedirs(work, exist_ok=True)
    res = {label: {"command": " ".join(shlex.quote(x) for x in argv), "seconds": [], "rss_kb": [], "cpu_seconds": [],
                   "errors": []} for label, argv in cmds}
    for r in range(a.rounds):
        k = r % len(cmds)
        for i, (label, argv) in enumerate(cmds[k:] + cmds[:k]):
            slug = re.sub(r"[^a-z0-9]+", "_", label.lower())
            out_path = os.path.join(work, f"e2e_out_{slug}.jsonl")
            rc, dt, rss, cpu = run_once(argv, out_path, os.path.join(work, f"e2e_time_{slug}.txt"))
            entry = res[label]
            if rc != 0:
                with open(out_path + ".err", encoding="utf-8", errors="replace") as f:
                    tail = f.read()[-400:]
                entry["errors"].append(f"round {r + 1}: exit status {rc}: {tail.strip()}")
                continue
            lines = count_lines(out_path)
            if lines != records:
                entry["errors"].append(f"round {r + 1}: wrote {lines} lines for {records} records")
            entry["seconds"].append(dt)
            entry["rss_kb"].append(rss)
            entry["cpu_seconds"].append(cpu)
            print(f"e2e.py: round {r + 1}/{a.rounds} {label}: {dt:.2f} s, {size / dt / (1 << 20):.2f} MB/s, "
                  f"peak RSS {rss / 1024:.0f} MB", file=sys.stderr)
    summary = {"input": a.input, "bytes": size, "records": records, "rounds": a.rounds, "commands": []}
    for label, _ in cmds:
        e = res[label]
        if e["seconds"]:
            med = statistics.median(e["seconds"])
            e.update({"median_seconds": med, "mbps": size / med / (1 << 20), "records_per_s": records / med,
                      "peak_rss_mb": max(e["rss_kb"]) / 1024, "median_cpu_seconds": statistics.median(e["cpu_seconds"])})
        e["label"] = label
        summary["commands"].append(e)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1)


if __name__ == "__main__":
    main()
