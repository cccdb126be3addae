#!/usr/bin/env python3
"""Generates the benchmark corpora of RedFlag from a fixed seed.

Everything is synthetic and written for these benchmarks: no real ads are used.

Outputs (in --out, default Benchmarks/data):
  c1_en.txt      C1: English job ads, one post per line (~0.5 KB each), risky and benign wording mixed
  c3_th.txt      C3: Thai job ads, one post per line, no spaces between words
  e2e_en.jsonl   the C1 posts again as JSON Lines {"id","text"} for `redflag scan` and the peer
  e2e_th.jsonl   the C3 posts as JSON Lines (half the size of e2e_en.jsonl)
  phrases_en.txt 2,000 English phrases of 1-3 words, one per line
  rules_bench/   the same 2,000 phrases as a RedFlag rule set folder (one rule per phrase)
  phrases_en_<N>.txt  phrase sets of 20, 200, 2,000 and 10,000 phrases (how cost grows with N)
  phrases_absent.txt  2,000 phrases that occur in no post (C2: the same ads with no matches)
  c1_en_x<K>.txt the C1 posts joined K at a time (K = 4, 16, 64: ~2, 8, 32 KB posts)
  c4_adv.txt     C4 adversarial: one 1 MB line, then the C1 posts in capitals, fullwidth, with
                 zero-width spaces, Cyrillic look-alikes or emoji between words
  e2e_tiny.jsonl 200,000 tiny posts (a few words each) for the cost per record

Same seed and sizes give byte-identical files.
"""
import argparse
import json
import os
import random
import re
import shutil
import sys

SEED = 20261130

# ---------------------------------------------------------------- English
EN_JOBS = [
    "waiter", "waitress", "cook", "kitchen helper", "cleaner", "housekeeper", "driver",
    "factory worker", "packer", "warehouse staff", "customer service", "sales agent",
    "receptionist", "data entry clerk", "nurse aide", "caregiver", "security guard",
    "fisherman", "construction worker", "farm worker", "typist", "online marketing staff",
    "hotel staff", "massage therapist", "bartender", "translator", "cashier", "welder",
]
EN_PLACES = [
    "Cambodia", "Myanmar", "Laos", "Dubai", "Malaysia", "Thailand", "Singapore", "Taiwan",
    "Japan", "Poland", "Sihanoukville", "Bangkok", "Kuala Lumpur", "Manila", "Jakarta",
    "Phnom Penh", "Mae Sot", "Saudi Arabia", "Qatar", "Hong Kong",
]
EN_CURRENCY = ["USD", "usd", "$", "RM", "THB", "baht", "SGD", "dollars"]
EN_CHAT = ["Telegram", "WhatsApp", "Line", "WeChat", "Signal", "Viber"]
EN_COMPANIES = [
    "Golden Star Trading", "Sunrise Manpower", "Blue Ocean Logistics", "Harbor View Hotel",
    "Greenfield Farms", "Metro Clean Services", "Lotus Care Home", "Pacific Seafood Co",
    "Northgate Construction", "Bright Future Agency", "Silver Moon Restaurant",
]

# Risky sentences (lures, fees, document control, pressure, targeting).
EN_RISKY = [
    "No experience needed, high salary {pay} {cur} per month.",
    "URGENT hiring {job} to work in {place}, free visa and free flight ticket.",
    "Food and accommodation provided, all expenses paid by the company.",
    "Contact us only on {chat} {handle} for details, no interview needed.",
    "Passport will be kept by the employer for safety during the contract.",
    "Young women 18-25 only, send full body photo to apply.",
    "Recruitment fee {fee} {cur} deducted from your salary in the first months.",
    "Easy job, just typing and chatting online, earn {pay} {cur} weekly.",
    "Limited slots, apply today and leave next week, do not tell your family.",
    "Tourist visa first, the company will change it to a work permit later.",
    "Deposit {fee} {cur} required before departure, refundable after one year.",
    "No education required, no documents needed, we arrange everything.",
    "Cross the border with our agent, transport from {place} arranged.",
    "Workers cannot leave the compound during the first six months.",
    "Good looking girls wanted for VIP hostess work, tips every night.",
    "Salary up to {pay} {cur}, bonus every month, only 4 hours work a day.",
]
# Benign sentences (ordinary ads; some repeat risky words in harmless contexts).
EN_BENIGN = [
    "{company} is hiring a {job} for our branch in {place}.",
    "Competitive salary based on experience and a yearly bonus.",
    "Please bring your passport and CV to the interview at our office.",
    "Apply through our website or visit the office from Monday to Friday.",
    "We are an equal opportunity employer and never charge recruitment fees.",
    "Licensed agency, license number {lic}, registered with the labour ministry.",
    "At least two years of experience in a similar role is preferred.",
    "Shift work, overtime paid according to the labour law.",
    "Health insurance, paid leave and social security are included.",
    "Workers keep their own passports and documents at all times.",
    "Training is provided for new staff during the first week.",
    "Call {phone} or email jobs@{domain} for more information.",
    "The employer pays the visa, the flight and the medical check.",
    "Candidates must speak basic English and have a valid work permit.",
    "Beware of fake job offers that ask for money before you travel.",
    "Interviews will be held on {day} at our office near the station.",
]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

# Word list for the 2,000 benchmark phrases: the ads' own vocabulary plus filler words, so phrases
# hit at a realistic rate (some often, most rarely or never).
EN_WORDS = sorted(set("""
no experience needed high salary per month urgent hiring work free visa flight ticket food
accommodation provided all expenses paid company contact only details interview passport kept
employer safety contract young women only send full body photo apply recruitment fee deducted
from salary first months easy job typing chatting online earn weekly limited slots today leave
next week family tourist change permit later deposit required before departure refundable after
year education documents arrange everything cross border agent transport arranged workers cannot
compound six girls wanted vip hostess tips every night bonus hours day hiring branch competitive
based yearly bring office website visit monday friday equal opportunity never charge fees licensed
agency license number registered labour ministry least years similar role preferred shift overtime
according law health insurance paid social security included keep their own documents times
training new staff during call email information pays medical check candidates must speak basic
english valid beware fake offers ask money travel interviews held station waiter cook cleaner
driver factory packer warehouse customer service sales receptionist data entry nurse caregiver
guard fisherman construction farm hotel massage bartender translator cashier welder cambodia
myanmar laos dubai malaysia thailand singapore taiwan japan poland bangkok manila jakarta
telegram whatsapp line wechat signal viber dollars baht usd golden star trading sunrise manpower
ocean logistics harbor green clean lotus care pacific seafood northgate bright future silver moon
restaurant scam debt bondage forced trafficking smuggling broker loan advance wages withheld
confiscated locked guarded quota target fraud investment crypto romance call centre operator
""".split()))


def en_post(rng, i):
    risky_share = rng.choice([0.0, 0.1, 0.3, 0.6, 0.9])
    parts = []
    size = 0
    target = rng.randint(380, 620)
    while size < target:
        pool = EN_RISKY if rng.random() < risky_share else EN_BENIGN
        s = rng.choice(pool).format(
            pay=rng.choice([800, 1200, 1500, 2000, 3000, 4500, 6000, 10000]),
            cur=rng.choice(EN_CURRENCY), job=rng.choice(EN_JOBS), place=rng.choice(EN_PLACES),
            chat=rng.choice(EN_CHAT), handle="@" + rng.choice(["job", "work", "hr", "asia"]) + "_" + str(rng.randint(10, 9999)),
            fee=rng.choice([300, 500, 1000, 1500, 2500]), company=rng.choice(EN_COMPANIES),
            lic=rng.randint(100000, 999999), phone="+66 8%d %03d %04d" % (rng.randint(0, 9), rng.randint(0, 999), rng.randint(0, 9999)),
            domain=rng.choice(["example.com", "jobs.example.org", "agency.example.net"]),
            day=rng.choice(EN_DAYS))
        if rng.random() < 0.08:
            s = s.upper()
        parts.append(s)
        size += len(s) + 1
    return " ".join(parts)


def en_phrases(rng, n):
    """n distinct phrases of 1-3 words: 2% are 3-word n-grams of the risky sentences (so they
    occur, as lures do), the rest random combinations of the ads' vocabulary (mostly never
    seen, as in real rule sets where most phrases are absent from any one post)."""
    grams = []
    for tpl in EN_RISKY:
        # n-grams never cross a placeholder or punctuation, so each one really occurs in the ads
        for seg in re.split(r"\{[a-z]+\}|[.,]", tpl):
            words = [w.lower() for w in seg.split()]
            if not all(w.isalpha() for w in words):
                continue
            for k in (3,):
                for j in range(len(words) - k + 1):
                    grams.append(" ".join(words[j:j + k]))
    grams = sorted(set(grams))
    rng.shuffle(grams)
    out, seen = [], set()
    for g in grams[: n * 2 // 100]:
        out.append(g)
        seen.add(g)
    # single-word phrases only from words the ads rarely use (a single common word like "salary"
    # would match in most posts, which no useful rule does)
    ad_text = " ".join(EN_RISKY + EN_BENIGN + EN_JOBS + EN_PLACES + EN_CHAT + EN_COMPANIES).lower()
    ad_words = set(re.findall(r"[a-z]+", ad_text))
    long_words = [w for w in EN_WORDS if len(w) >= 5 and w not in ad_words]
    while len(out) < n:
        k = rng.choices([1, 2, 3], weights=[1, 5, 4])[0]
        g = " ".join(rng.choice(long_words if k == 1 else EN_WORDS) for _ in range(k))
        if g not in seen:
            seen.add(g)
            out.append(g)
    rng.shuffle(out)
    return out


# ---------------------------------------------------------------- Thai
TH_JOBS = ["พนักงานเสิร์ฟ", "แม่บ้าน", "พนักงานขาย", "คนขับรถ", "พนักงานโรงงาน", "ผู้ช่วยครัว", "แอดมินออนไลน์",
           "พนักงานโรงแรม", "พนักงานนวด", "คนงานก่อสร้าง", "พนักงานต้อนรับ", "พนักงานคาสิโน"]
TH_PLACES = ["กัมพูชา", "พม่า", "ลาว", "ดูไบ", "มาเลเซีย", "ปอยเปต", "สีหนุวิลล์", "เมียวดี", "กรุงเทพ", "ชลบุรี",
             "เชียงใหม่", "ไต้หวัน", "ญี่ปุ่น", "เกาหลี"]
TH_RISKY = [
    "รับสมัครด่วน{job}ไปทำงานที่{place}",
    "ไม่ต้องมีประสบการณ์เงินเดือน{pay}บาทต่อเดือน",
    "ฟรีที่พักฟรีอาหารฟรีตั๋วเครื่องบินและวีซ่า",
    "ติดต่อทางไลน์เท่านั้นไอดี{handle}",
    "นายจ้างเก็บหนังสือเดินทางไว้ตลอดสัญญา",
    "รับเฉพาะผู้หญิงอายุ18ถึง25ปีส่งรูปเต็มตัวมาสมัคร",
    "ค่าหัว{fee}บาทหักจากเงินเดือนทุกเดือน",
    "งานง่ายแค่พิมพ์แชทออนไลน์รายได้ดีวันละ{day}บาท",
    "เดินทางข้ามชายแดนกับนายหน้าไม่ต้องใช้พาสปอร์ต",
    "ใช้วีซ่าท่องเที่ยวก่อนแล้วค่อยเปลี่ยนเป็นใบอนุญาตทำงาน",
    "ต้องวางมัดจำก่อนเดินทางคืนให้หลังทำงานครบหนึ่งปี",
    "ห้ามออกนอกบริษัทในหกเดือนแรก",
]
TH_BENIGN = [
    "บริษัท{company}รับสมัคร{job}ประจำสาขา{place}",
    "เงินเดือนตามประสบการณ์มีโบนัสประจำปี",
    "มีประกันสังคมวันหยุดพักร้อนและสวัสดิการครบ",
    "กรุณานำบัตรประชาชนและประวัติย่อมาสัมภาษณ์ที่สำนักงาน",
    "สมัครผ่านเว็บไซต์ของบริษัทหรือโทร{phone}",
    "บริษัทจัดหางานได้รับอนุญาตเลขที่{lic}ไม่เก็บค่าบริการ",
    "นายจ้างออกค่าวีซ่าค่าตั๋วเครื่องบินและค่าตรวจสุขภาพ",
    "ระวังประกาศงานปลอมที่เรียกเก็บเงินก่อนเดินทาง",
    "ทำงานเป็นกะได้ค่าล่วงเวลาตามกฎหมายแรงงาน",
    "มีการอบรมพนักงานใหม่ในสัปดาห์แรก",
    "ลูกจ้างเก็บหนังสือเดินทางของตนเองตลอดเวลา",
]
TH_COMPANIES = ["สยามเทรดดิ้ง", "โกลเด้นสตาร์", "รุ่งอรุณแมนพาวเวอร์", "ซีฟู้ดแปซิฟิก", "โลตัสแคร์"]


def th_post(rng, i):
    risky_share = rng.choice([0.0, 0.2, 0.5, 0.9])
    parts, size = [], 0
    target = rng.randint(380, 620)  # bytes; Thai letters are 3 bytes in UTF-8
    while size < target:
        pool = TH_RISKY if rng.random() < risky_share else TH_BENIGN
        s = rng.choice(pool).format(
            job=rng.choice(TH_JOBS), place=rng.choice(TH_PLACES),
            pay=rng.choice(["15,000", "25,000", "35,000", "50,000", "80,000"]),
            handle=rng.choice(["job", "hr", "work"]) + str(rng.randint(10, 999)),
            fee=rng.choice(["5,000", "10,000", "20,000"]), day=rng.choice(["800", "1,200", "2,000"]),
            company=rng.choice(TH_COMPANIES), phone="08%d-%03d-%04d" % (rng.randint(0, 9), rng.randint(0, 999), rng.randint(0, 9999)),
            lic=rng.randint(1000, 9999))
        parts.append(s)
        size += len(s.encode("utf-8")) + 1
    # Thai separates clauses (not words) with spaces.
    return " ".join(parts)


# ---------------------------------------------------------------- writing
def parse_size(s):
    s = s.strip().upper()
    mult = 1
    for suffix, m in (("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)):
        if s.endswith(suffix):
            mult, s = m, s[:-1]
            break
    try:
        v = int(float(s) * mult)
    except ValueError:
        sys.exit(f"gen.py: bad size {s!r}: expected a number with K, M or G (e.g. 20M, 1G)")
    if v <= 0:
        sys.exit("gen.py: size must be positive")
    return v


def write_corpus(path_txt, path_jsonl, make_post, prefix, seed, text_bytes, jsonl_bytes):
    rng = random.Random(seed)
    n, written_txt, written_jsonl = 0, 0, 0
    with open(path_txt, "w", encoding="utf-8", newline="\n") as ft, \
         open(path_jsonl, "w", encoding="utf-8", newline="\n") as fj:
        while written_txt < text_bytes or written_jsonl < jsonl_bytes:
            post = make_post(rng, n)
            n += 1
            if written_txt < text_bytes:
                ft.write(post + "\n")
                written_txt += len(post.encode("utf-8")) + 1
            if written_jsonl < jsonl_bytes:
                line = json.dumps({"id": f"{prefix}-{n:07d}", "text": post}, ensure_ascii=False)
                fj.write(line + "\n")
                written_jsonl += len(line.encode("utf-8")) + 1
    return n


def absent_phrases(rng, n):
    """n phrases of 1-3 made-up words that cannot occur in the ads (C2: nothing matches)."""
    out, seen = [], set()
    letters = "bcdfghjklmnpqrstvwxz"
    while len(out) < n:
        k = rng.choice([1, 2, 3])
        g = " ".join("q" + "".join(rng.choice(letters) for _ in range(rng.randint(4, 8))) for _ in range(k))
        if g not in seen:
            seen.add(g)
            out.append(g)
    return out


FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"}
CYRILLIC = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у"}
EMOJI = ["💰", "✈️", "🔥", "👉", "📲", "🏠"]


def adversarial(rng, post):
    """One C1 post disguised one of five ways, as obfuscating posters do."""
    kind = rng.randrange(5)
    if kind == 0:
        return post.upper()
    if kind == 1:
        return "".join(FULLWIDTH.get(c, c) for c in post)
    if kind == 2:
        return "\u200b".join(post[i:i + 3] for i in range(0, len(post), 3))
    if kind == 3:
        return "".join(CYRILLIC.get(c, c) if rng.random() < 0.3 else c for c in post)
    return " ".join(w + (" " + rng.choice(EMOJI) if rng.random() < 0.2 else "") for w in post.split(" "))


def write_scaling(out, seed, c1_path):
    """The extra corpora and phrase sets of the scaling benchmarks (see the module docstring)."""
    rng = random.Random(seed + 3)
    for n in (20, 200, 2000, 10000):
        with open(os.path.join(out, f"phrases_en_{n}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(en_phrases(random.Random(seed + 2), n)) + "\n")
    with open(os.path.join(out, "phrases_absent.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(absent_phrases(rng, 2000)) + "\n")
    posts = open(c1_path, encoding="utf-8").read().split("\n")
    posts = [p for p in posts if p]
    for k in (4, 16, 64):
        with open(os.path.join(out, f"c1_en_x{k}.txt"), "w", encoding="utf-8") as f:
            for i in range(0, len(posts) - k + 1, k):
                f.write(" ".join(posts[i:i + k]) + "\n")
    with open(os.path.join(out, "c4_adv.txt"), "w", encoding="utf-8") as f:
        # The 1 MB line first, so a run that reads only the first few MB still meets it.
        big, size = [], 0
        while size < (1 << 20):
            q = adversarial(rng, rng.choice(posts))
            big.append(q)
            size += len(q.encode("utf-8")) + 1
        f.write(" ".join(big) + "\n")
        for p in posts:
            f.write(adversarial(rng, p) + "\n")
    words = ["hi", "ok", "job?", "pm me", "thanks", "urgent", "salary?", "where", "apply", "👍"]
    with open(os.path.join(out, "e2e_tiny.jsonl"), "w", encoding="utf-8") as f:
        for i in range(200000):
            text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 4)))
            f.write(json.dumps({"id": f"t-{i:06d}", "text": text}, ensure_ascii=False) + "\n")


def write_rules(folder, phrases):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(os.path.join(folder, "bench"), exist_ok=True)
    with open(os.path.join(folder, "ruleset.yaml"), "w", encoding="utf-8") as f:
        f.write("# Generated by Benchmarks/gen.py: 2,000 benchmark phrases, one rule each.\n"
                "name: redflag-bench\nversion: \"1\"\nbias: -4.0\n"
                "thresholds:\n  low: 0.15\n  medium: 0.35\n  high: 0.6\n  critical: 0.85\n"
                "flag_level: high\ncategories:\n  - id: bench\n    title: Benchmark phrases\n")
    for i, p in enumerate(phrases):
        rid = f"bench-{i:04d}"
        with open(os.path.join(folder, "bench", rid + ".yaml"), "w", encoding="utf-8") as f:
            f.write(f"id: {rid}\nrevision: 1\ntitle: Benchmark phrase {i}\ncategory: bench\n"
                    f"indicator: bench.phrase\nweight: 0.5\nexplanation: Generated benchmark phrase.\n"
                    f"languages:\n  - lang: en\n    phrases: [{json.dumps(p)}]\n"
                    f"tests:\n  match: [{{lang: en, text: {json.dumps(p)}}}]\n"
                    f"  no_match: [{{lang: en, text: \"qqqq zzzz\"}}]\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))
    ap.add_argument("--size", default="20M", help="C1 English text size (default 20M)")
    ap.add_argument("--thai-size", default=None, help="C3 Thai text size (default: half of --size)")
    ap.add_argument("--e2e-size", default="50M", help="size of the English JSONL file for `redflag scan` (default 50M; the Thai one gets half)")
    ap.add_argument("--phrases", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--scaling", action="store_true", help="also write the scaling corpora and phrase sets")
    a = ap.parse_args()
    size = parse_size(a.size)
    thai = parse_size(a.thai_size) if a.thai_size else max(size // 2, 1)
    e2e = parse_size(a.e2e_size)
    os.makedirs(a.out, exist_ok=True)
    n_en = write_corpus(os.path.join(a.out, "c1_en.txt"), os.path.join(a.out, "e2e_en.jsonl"),
                        en_post, "en", a.seed, size, e2e)
    n_th = write_corpus(os.path.join(a.out, "c3_th.txt"), os.path.join(a.out, "e2e_th.jsonl"),
                        th_post, "th", a.seed + 1, thai, max(e2e // 2, 1))
    phrases = en_phrases(random.Random(a.seed + 2), a.phrases)
    with open(os.path.join(a.out, "phrases_en.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(phrases) + "\n")
    write_rules(os.path.join(a.out, "rules_bench"), phrases)
    if a.scaling:
        write_scaling(a.out, a.seed, os.path.join(a.out, "c1_en.txt"))
    print(f"gen.py: {n_en} English posts, {n_th} Thai posts, {len(phrases)} phrases -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
