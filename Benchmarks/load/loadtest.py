#!/usr/bin/env python3
"""Load test for redflag-server: single-document POST /v1/scan requests from N concurrent clients.

Each client is a thread with its own keep-alive HTTP/1.1 connection (http.client). The test is
bounded: it stops after --requests requests or --max-seconds, whichever comes first. It prints
requests/s and p50/p99 latency, and exits 1 if any request failed (non-200 answer, bad JSON, or a
connection error).

    python3 Benchmarks/load/loadtest.py --url http://127.0.0.1:8080 --concurrency 2 16 --requests 2000
"""

import argparse
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

# Realistic single ads (~0.2-0.5 KB) in several languages, mixed scam and benign.
ADS = [
    "URGENT hiring! Customer service staff for Cambodia, salary $2,500/month, no experience needed. Free flight, visa and housing. Message Telegram @fastjob_asia now, only 5 places left!",
    "Part-time barista wanted in Melbourne. Weekend shifts, $28 per hour, RSA certificate required. Apply in person at our cafe on Smith Street.",
    "Factory workers needed in Malaysia. Agency fee RM 4,500 will be deducted from your salary. Employer will keep your passport for safety during the contract.",
    "Lowongan kerja ke Kamboja! Gaji 30 juta per bulan, tanpa pengalaman, tiket pesawat dan visa gratis, mess disediakan. Hubungi WA 0812-3456-7890 sekarang.",
    "รับสมัครพนักงานด่วน ทำงานที่กัมพูชา เงินเดือน 50,000 บาท ไม่ต้องมีประสบการณ์ ฟรีตั๋วเครื่องบินและที่พัก ติดต่อไลน์ @jobthai88",
    "Tuyển gấp nhân viên chăm sóc khách hàng tại Campuchia, lương 2000 USD, không cần kinh nghiệm, bao vé máy bay, bao ăn ở. Liên hệ Telegram @vieclamnhanh",
    "高薪招聘客服，柬埔寨西港，月薪3万起，无需经验，包机票包吃住，名额有限，联系飞机 @gaoxin888",
    "Operator kilang diperlukan di Johor Bahru. Gaji RM1,800 sebulan, KWSP dan PERKESO, kerja lebih masa dibayar. Hantar resume melalui laman kerjaya syarikat.",
]


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * (len(sorted_values) - 1)))))
    return sorted_values[k]


def run(url, concurrency, total, max_seconds):
    u = urllib.parse.urlparse(url)
    bodies = [json.dumps({"id": f"ad-{i}", "text": t}, ensure_ascii=False).encode() for i, t in enumerate(ADS)]
    lock = threading.Lock()
    state = {"issued": 0}
    latencies = []
    failures = []
    deadline = time.monotonic() + max_seconds

    def take():
        with lock:
            if state["issued"] >= total or time.monotonic() > deadline:
                return None
            state["issued"] += 1
            return state["issued"]

    def worker():
        conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=30)
        mine = []
        while True:
            n = take()
            if n is None:
                break
            body = bodies[n % len(bodies)]
            t0 = time.perf_counter()
            try:
                conn.request("POST", "/v1/scan", body=body, headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                data = resp.read()
                dt = time.perf_counter() - t0
                if resp.status != 200:
                    failures.append(f"status {resp.status}: {data[:200]!r}")
                    continue
                record = json.loads(data)
                if "score" not in record:
                    failures.append(f"record without score: {data[:200]!r}")
                    continue
                mine.append(dt)
            except Exception as e:  # a failed request is counted, and the connection renewed
                failures.append(f"{type(e).__name__}: {e}")
                conn.close()
                conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=30)
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "concurrency": concurrency,
        "requests": len(latencies) + len(failures),
        "ok": len(latencies),
        "failed": len(failures),
        "seconds": elapsed,
        "rps": len(latencies) / elapsed if elapsed > 0 else 0.0,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "first_failures": failures[:3],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default=os.environ.get("REDFLAG_URL", "http://127.0.0.1:8080"))
    ap.add_argument("--concurrency", type=int, nargs="+", default=[2, 16])
    ap.add_argument("--requests", type=int, default=2000, help="requests per concurrency level")
    ap.add_argument("--max-seconds", type=float, default=30.0, help="time limit per concurrency level")
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args()

    run(args.url, 2, args.warmup, 10)  # warm up connections and caches
    results = [run(args.url, c, args.requests, args.max_seconds) for c in args.concurrency]
    if args.markdown:
        print("| clients | requests | failed | seconds | requests/s | p50 ms | p99 ms |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for r in results:
            print(f"| {r['concurrency']} | {r['requests']} | {r['failed']} | {r['seconds']:.2f} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} |")
    else:
        for r in results:
            print(f"clients={r['concurrency']} requests={r['requests']} failed={r['failed']} seconds={r['seconds']:.2f} "
                  f"rps={r['rps']:.0f} p50={r['p50_ms']:.2f}ms p99={r['p99_ms']:.2f}ms")
    bad = [r for r in results if r["failed"]]
    for r in bad:
        print(f"FAILED at {r['concurrency']} clients: {r['failed']} requests; first: {r['first_failures']}", file=sys.stderr)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
