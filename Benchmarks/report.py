#!/usr/bin/env python3
"""Turns the JSON results of one `Benchmarks/run` into results/latest.md (a markdown report).

  report.py RESULTS_DIR --command "..." [--note "..."]
"""
import argparse
import datetime
import json
import os
import subprocess


def load(d, name):
    p = os.path.join(d, name)
    if not os.path.exists(p):
        return None
    with open(p, encoding="utf-8") as f:
        return json.load(f)


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "?"


def f1(x, digits=1):
    return "n/a" if x is None else f"{x:.{digits}f}"


def mb(n):
    return f"{n / (1 << 20):.1f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--command", required=True)
    ap.add_argument("--note", action="append", default=[])
    a = ap.parse_args()
    d = a.results
    out = []
    w = out.append
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    commit = os.environ.get("REDFLAG_COMMIT", "")
    if not commit:
        try:
            commit = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True,
                                    text=True).stdout.strip() or "?"
        except OSError:
            commit = "?"
    load_avg = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else ["?"]
    start = load(d, "machine_start.json") or {}
    w("# RedFlag benchmarks: latest run\n")
    w("| | |\n|---|---|")
    w(f"| date | {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')} |")
    w(f"| machine | {os.cpu_count()} cores (nproc), {cpu_model()} |")
    w(f"| load average (1/5/15 min) at start / end | {' '.join(start.get('loadavg', ['?']))} / {' '.join(load_avg)} |")
    w(f"| RedFlag commit | {commit} |")
    w(f"| command | `{a.command}` |")
    for n in a.note:
        w(f"| note | {n} |")
    w("")
    w("All speeds are MB/s = 2^20 bytes of UTF-8 input per second, one thread unless said, the median "
      "of interleaved rounds (RedFlag and its peer alternate, so a busy spell hits both). Read the "
      "ratios; the absolute numbers depend on how busy the machine was.\n")

    p = load(d, "pipeline.json")
    w("## 1. Text pipeline: `TextAnalyzer.analyze` per post vs ICU word break + NFKC casefold\n")
    if p:
        w("| corpus | posts | MB | RedFlag MB/s | ICU reference MB/s | RedFlag / ICU | RedFlag tokens | ICU words | rounds |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for c in p["cases"]:
            w(f"| {c['corpus']} | {c['posts']} | {mb(c['bytes'])} | {f1(c['redflag_mbps'], 2)} | {f1(c['icu_mbps'], 2)} | "
              f"{f1(c['ratio'], 2)} | {c['redflag_tokens']} | {c['icu_words']} | {c['rounds']} |")
    else:
        w("_not run_")
    w("")

    m = load(d, "matcher.json")
    w("## 2. Matcher alone: `CompiledRuleSet.match` over pre-analysed tokens vs its peers\n")
    if m:
        w(f"{m['phrases']} phrases, {m['posts']} posts ({mb(m['bytes'])} MB). RedFlag compiled them in "
          f"{m['compile_seconds']:.3f} s ({m['states']} states, {m['memory_bytes'] / (1 << 20):.1f} MB). "
          "The peers get the same posts lowercased before timing; RedFlag gets its tokens analysed before timing.\n")
        w("| matcher | MB/s | RedFlag / it | matches | what counts as a match | version |")
        w("|---|---:|---:|---:|---|---|")
        w(f"| RedFlag | {f1(m['redflag_mbps'], 2)} | 1.00 | {m['redflag_matches']} | "
          "whole normalised tokens, overlapping, also de-obfuscated forms | |")
        for name, pm in sorted(m["peers"].items(), key=lambda kv: -(kv[1].get("mbps") or 0)):
            last = pm.get("last") or {}
            extra = ""
            if pm.get("whole_word_matches") is not None:
                extra = f" ({pm['whole_word_matches']} on word boundaries)"
            sem = last.get("semantics", "substrings")
            if last.get("startup_seconds") is not None:
                sem += f"; {last['startup_seconds']:.2f} s of start-up taken off"
            ratio = f1(m['redflag_mbps'] / pm['mbps'], 2) if pm.get("mbps") else "n/a"
            w(f"| {name} | {f1(pm['mbps'], 2)} | {ratio} | {pm['matches']}{extra} | {sem} | {last.get('version', '?')} |")
        w("\nSemantics differ (Benchmarks/README.md, \"Match counts\"): the substring matchers (pyahocorasick, "
          "Hyperscan, YARA) report every occurrence, overlapping ones included (`sea` inside `search`); "
          "ripgrep reports non-overlapping substrings (leftmost-first); flashtext non-overlapping whole words "
          "(longest first); spaCy and RedFlag whole tokens, overlapping. Equal counts are expected only "
          "within a group: pyahocorasick = Hyperscan = YARA, and spaCy = pyahocorasick's word-boundary count "
          "on this corpus.")
    else:
        w("_not run_")
    w("")

    w("## 2b. Scaling: number of phrases, post length, no matches (C2), disguised ads (C4)\n")
    rows = []
    for n in (20, 200, 2000, 10000):
        rows.append((f"{n:,} phrases, C1 posts", load(d, f"scale_phrases_{n}.json")))
    for k in (4, 16, 64):
        rows.append((f"2,000 phrases, posts {k} C1 posts long", load(d, f"scale_length_{k}.json")))
    rows.append(("2,000 phrases that never occur (C2)", load(d, "scale_c2.json")))
    rows.append(("2,000 phrases, C4 adversarial posts + one 1 MB line", load(d, "scale_c4.json")))
    if any(r for _, r in rows):
        w("| case | posts | compile s | states | compiled MB | RedFlag MB/s | RedFlag matches | pyahocorasick MB/s | RedFlag / pyahocorasick | Hyperscan MB/s | RedFlag / Hyperscan |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for label, r in rows:
            if not r:
                w(f"| {label} | not run |||||||||| ")
                continue
            pa = r["peers"].get("pyahocorasick", {})
            hs = r["peers"].get("hyperscan", {})
            ra = f1(r["redflag_mbps"] / pa["mbps"], 2) if pa.get("mbps") else "n/a"
            rh = f1(r["redflag_mbps"] / hs["mbps"], 2) if hs.get("mbps") else "n/a"
            w(f"| {label} | {r['posts']} | {r['compile_seconds']:.3f} | {r['states']} | "
              f"{r['memory_bytes'] / (1 << 20):.2f} | {f1(r['redflag_mbps'], 2)} | {r['redflag_matches']} | "
              f"{f1(pa.get('mbps'), 2)} | {ra} | {f1(hs.get('mbps'), 2)} | {rh} |")
        w("\nC4's peers see the disguised text lowercased, so they miss most of what RedFlag de-obfuscates; "
          "the speeds still compare the work per byte.\n")
    else:
        w("_not run_\n")

    w("## 3. End to end: `redflag scan` on JSON Lines vs Python scripts doing the same job "
      "(pyahocorasick; YARA, flashtext, spaCy where installed)\n")
    any_e2e = False
    for name, title in (("e2e_en.json", "English (C1 posts)"), ("e2e_tiny.json", "Tiny posts (a few words each: the cost per record)"),
                        ("e2e_th.json", "Thai (C3 posts)")):
        e = load(d, name)
        if not e:
            continue
        any_e2e = True
        w(f"**{title}**: {e['records']} records, {mb(e['bytes'])} MB, {e['rounds']} rounds.\n")
        w("| command | MB/s (wall) | records/s | peak RSS MB | CPU s | MB per CPU s | vs pyahocorasick (wall) | vs pyahocorasick (CPU) | note |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        peer = next((c for c in e["commands"] if c["label"].startswith("pyahocorasick") and "mbps" in c), None)
        for c in e["commands"]:
            note = "; ".join(c["errors"])[:200] if c["errors"] else ""
            if "mbps" not in c:
                w(f"| {c['label']} | n/a | n/a | n/a | n/a | n/a | n/a | n/a | {note or 'no successful run'} |")
                continue
            cpu_mbps = e["bytes"] / (1 << 20) / c["median_cpu_seconds"] if c["median_cpu_seconds"] > 0 else None
            vs = f1(c["mbps"] / peer["mbps"], 2) if peer else "n/a"
            vs_cpu = "n/a"
            if peer and cpu_mbps and peer["median_cpu_seconds"] > 0:
                vs_cpu = f1(cpu_mbps / (e["bytes"] / (1 << 20) / peer["median_cpu_seconds"]), 2)
            w(f"| {c['label']} | {f1(c['mbps'], 2)} | {c['records_per_s']:.0f} | {f1(c['peak_rss_mb'], 0)} | "
              f"{f1(c['median_cpu_seconds'])} | {f1(cpu_mbps, 2)} | {vs} | {vs_cpu} | {note} |")
        rf1 = next((c for c in e["commands"] if c["label"].startswith("redflag, bench rules, 1 thread")
                    and "mbps" in c), None)
        others = [c for c in e["commands"] if not c["label"].startswith("redflag") and "mbps" in c]
        if rf1 and others:
            w("\n`redflag, bench rules, 1 thread` against each peer (same 2,000 phrases): " + "; ".join(
                f"{c['label']} **{rf1['mbps'] / c['mbps']:.2f}x** wall, "
                f"{c['median_cpu_seconds'] / rf1['median_cpu_seconds']:.2f}x CPU"
                for c in others if rf1["median_cpu_seconds"] > 0))
        t1 = next((c for c in e["commands"] if c["label"].endswith("1 thread") and "mbps" in c), None)
        t2 = next((c for c in e["commands"] if c["label"].endswith("2 threads") and "mbps" in c), None)
        if t1 and t2:
            w(f"\n2 threads / 1 thread (wall): **{t2['mbps'] / t1['mbps']:.2f}x** (only meaningful when two cores are free)")
        w("")
        w("Commands: " + "; ".join(f"`{c['command']}`" for c in e["commands"]) + "\n")
    skipped = os.path.join(d, "e2e_skipped.txt")
    if os.path.exists(skipped):
        any_e2e = True
        w("_Skipped:_ " + open(skipped, encoding="utf-8").read().strip() + "\n")
    if not any_e2e:
        w("_not run_\n")

    with open(os.path.join(d, "latest.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("\n".join(out))


if __name__ == "__main__":
    main()
