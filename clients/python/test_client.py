"""Tests of redflag_client against a running redflag-server.

Starts nothing itself: set REDFLAG_URL (default http://127.0.0.1:8080) and run
    python3 clients/python/test_client.py
The Swift test suite (RedFlagServerTests) starts the server on a free port and runs this file.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import redflag_client as rf  # noqa: E402

BASE = os.environ.get("REDFLAG_URL", "http://127.0.0.1:8080")

SCAM_EN = ("URGENT hiring! Customer service staff for Cambodia, salary $2,500/month, no experience needed. "
           "Free flight, visa and housing. Message Telegram @fastjob_asia now, only 5 places left! "
           "Company will keep your passport.")
SCAM_TH = ("รับสมัครพนักงานด่วน ทำงานที่กัมพูชา เงินเดือน 50,000 บาท ไม่ต้องมีประสบการณ์ "
           "ฟรีตั๋วเครื่องบินและที่พัก ติดต่อไลน์ @jobthai88")
SCAM_ZH = "高薪招聘客服，柬埔寨西港，月薪3万起，无需经验，包机票包吃住，名额有限，联系飞机 @gaoxin888"
BENIGN = ("Part-time barista wanted in Melbourne. Weekend shifts, $28 per hour, RSA certificate required. "
          "Apply in person at our cafe on Smith Street.")


class ClientTests(unittest.TestCase):
    def test_health(self):
        h = rf.health(base_url=BASE)
        self.assertEqual(h["status"], "ok")
        self.assertTrue(h["ruleset"]["version"])

    def test_scan_flags_scam_and_offsets_are_python_indices(self):
        r = rf.scan(SCAM_EN, id="ad-01", base_url=BASE)
        self.assertEqual(r["id"], "ad-01")
        self.assertTrue(r["flagged"])
        self.assertIn(r["level"], ("high", "critical"))
        self.assertGreater(len(r["findings"]), 2)
        for f in r["findings"]:
            # start/end are code-point offsets: Python str indices.
            self.assertEqual(SCAM_EN[f["start"]:f["end"]], f["text"])

    def test_thai_offsets(self):
        r = rf.scan(SCAM_TH, base_url=BASE)
        self.assertEqual(r["language"], "th")
        self.assertTrue(r["findings"])
        for f in r["findings"]:
            self.assertEqual(SCAM_TH[f["start"]:f["end"]], f["text"])

    def test_benign(self):
        r = rf.scan(BENIGN, base_url=BASE)
        self.assertFalse(r["flagged"])

    def test_batch_order(self):
        out = rf.scan_batch([{"id": "a", "text": SCAM_EN}, BENIGN, {"id": "c", "text": SCAM_ZH, "lang": "zh"}], base_url=BASE)
        self.assertEqual([r["id"] for r in out], ["a", "1", "c"])
        self.assertEqual([r["flagged"] for r in out], [True, False, True])

    def test_html(self):
        r = rf.scan_html("<html><body><p>" + SCAM_EN + "</p><script>x=1</script></body></html>", id="p", base_url=BASE)
        self.assertTrue(r["flagged"])

    def test_ruleset(self):
        rs = rf.ruleset(base_url=BASE)
        self.assertEqual(len(rs["sha256"]), 64)
        ids = {r["id"] for r in rs["rules"]}
        self.assertGreater(len(ids), 10)
        for r in rs["rules"]:
            self.assertTrue(r["explanation"])

    def test_server_errors_carry_their_code(self):
        with self.assertRaises(rf.RedFlagError) as ctx:
            rf.scan_batch([{"id": "no-text"}], base_url=BASE)
        self.assertEqual(ctx.exception.status, 422)
        self.assertEqual(ctx.exception.code, "missing_text")
        self.assertIn("documents[0]", ctx.exception.message)
        with self.assertRaises(rf.RedFlagError) as ctx:
            rf.scan("hello", lang="fr", base_url=BASE)
        self.assertEqual(ctx.exception.code, "invalid_request")
        with self.assertRaises(rf.RedFlagError) as ctx:
            rf.scan_batch(["x"] * 1000, base_url=BASE)
        self.assertEqual(ctx.exception.status, 413)
        self.assertEqual(ctx.exception.code, "too_many_documents")

    def test_unreachable_server(self):
        with self.assertRaises(rf.RedFlagError) as ctx:
            rf.scan("hello", base_url="http://127.0.0.1:9", timeout=2)
        self.assertEqual(ctx.exception.code, "unreachable")
        self.assertEqual(ctx.exception.status, 0)

    def test_bad_arguments(self):
        with self.assertRaises(TypeError):
            rf.scan_batch([42], base_url=BASE)


if __name__ == "__main__":
    unittest.main(verbosity=2)
