# Adversarial records, invented for RedFlag: obfuscated spellings that real
# posters use to dodge keyword filters, with benign counterparts that use the
# same tricks. Items: (lang, category, text, note). Obfuscations are applied by
# the helpers below so the exact code points are reproducible.
ZW = "\u200b"
_CYR = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у",
        "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "H": "Н", "K": "К",
        "M": "М", "T": "Т", "X": "Х", "B": "В"}


def cyr(s):
    """Latin letters replaced by Cyrillic look-alikes."""
    return "".join(_CYR.get(ch, ch) for ch in s)


def zw(s):
    """Zero-width spaces inside the word."""
    return ZW.join(s)


def sp(s, sep=" "):
    """Letters split by a separator: T e l e g r a m, c.u.s.t.o.m.e.r."""
    return sep.join(s)


def fw(s):
    """Fullwidth forms of ASCII."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ("\u3000" if ch == " " else ch) for ch in s)


DEV = [
 ("en", "chat_app_contact", f"Online support job abroad, $1,800/month, no experience. Contact only on {sp('Telegram')} @hr_jobs_asia 📲", "spaced letters"),
 ("en", "high_risk_destination", f"Hiring typists for {cyr('Cambodia')} office, {cyr('free')} {cyr('flight')} + room, $1500. DM me.", "Cyrillic homoglyphs"),
 ("en", "pay_too_good", "Earn $3k/m0nth, n0 exp3rience n33ded! Simple typ1ng j0b 0verseas. PM f0r details", "leetspeak"),
 ("en", "everything_paid", "Freeee flight ✈️ freeee visa 🛂 freeee hotel 🏨 💰💰 $2000/month!!! work in 🇰🇭 just bring passport", "repeated letters, emoji as words"),
 ("en", "vague_job", f"Need {sp('customer', '.')} {sp('service', '.')} staff overseas. Company details after you agree. Big salary.", "dotted letters"),
 ("en", "chat_app_contact", f"Job offer $1,500 💵 msg me on {sp('WhatsApp', '-')} only, no calls. wa.me/85512345678", "hyphen-split letters"),
 ("en", "scam_compound", f"Need good English typers for {zw('KK')} Park, chat with clients and bring them to {zw('crypto')} app. Target monthly.", "zero-width spaces"),
 ("en", "chat_app_contact", f"Apply now 👉 {fw('Telegram')}: {fw('@easyjob_hr')} salary $2000 no experience", "fullwidth"),
 ("en", "sexual_exploitation_cover", "H0stess j0bs in BKK 🍾 girls 18-25 only, s3nd full b0dy pic, $4k + t1ps 💋", "leetspeak"),
 ("en", "document_control", f"Company keeps your {cyr('passport')} for safety during contract. Free dorm. Salary $1200.", "Cyrillic homoglyphs"),
 ("en", "fees_and_debt", "Pr0cessing f33 $800 only, d3ducted fr0m salary later 😉 Dubai cleaner job, limited sl0ts", "leetspeak"),
 ("en", "irregular_route", "Go on t0urist v1sa first, we change to work permit later 🤫 don't tell immigr@tion", "leetspeak"),
 ("id", "pay_too_good", "Gaji 20jt/bln tnp pngalaman!! krj d depan komputer aja, br4ngkat k3 K@mboja, tiket gratisss ✈️", "abbreviations, leetspeak, repeated letters"),
 ("id", "chat_app_contact", f"Loker CS luar negeri, hub {sp('T.e.l.e', '')}gram @loker_asia99 aja ya kak 🙏", "dotted letters"),
 ("ms", "everything_paid", f"Kerja {cyr('Thailand')} semua percumaaa ✈️🏨🍱 gaji RM8k, PM cepat", "Cyrillic homoglyphs, repeated letters, emoji"),
 ("tl", "high_risk_destination", "Hiring sa S1h@noukville 🇰🇭 CSR $1,500, libre lahat ✈️🏠 PM na mga sis", "leetspeak, Taglish"),
 ("vi", "pay_too_good", "Vi3c nh3 lu0ng c@o 30tr/th, ko can kinh nghiem, bao ve may bay ✈️ di C@mpuchia, ib ngay", "leetspeak, no tone marks"),
 ("vi", "chat_app_contact", f"Tuyen CSKH nuoc ngoai, lien he {fw('Zalo')} hoac {sp('Telegram')} @tuyendung_88", "fullwidth, spaced letters"),
 ("th", "high_risk_destination", f"งานแอดมิน {sp('กัมพูชา')} ฟรีตั๋ว✈️ ฟรีที่พัก เงินเดือน 5 หมื่น ทักไลน์", "Thai letters split by spaces"),
 ("th", "chat_app_contact", f"รับสมัครด่วน เงินเดือนสูง ติดต่อ {fw('Telegram')} @ngan_dee เท่านั้น", "fullwidth"),
 ("zh", "scam_compound", f"招打字员 {zw('妙瓦底')} 园区 聊天引导投资 月薪2万 ✈️包机票", "zero-width spaces in Chinese"),
 ("zh", "chat_app_contact", "高薪客服 月入3w+ 无经验 联系✈️ @hr_vip88 (飞机)", "emoji as word for Telegram"),
 ("km", "everything_paid", f"ការងារនៅថៃ ✈️🆓 🏨🆓 ប្រាក់ខែ $1,500 ទាក់ទង {sp('Telegram', '.')} @kh_job", "emoji as words, dotted letters"),
 ("my", "pay_too_good", f"လစာ ၂၀ သိန်း အတွေ့အကြုံမလို {cyr('Thailand')} ✈️ အခမဲ့ Telegram @mm_job88", "Cyrillic homoglyphs in mixed Burmese/English"),
 ("en", "targeting_vulnerable", f"Looking for g1rls 16-22, no sch00l needed, work abroad 🌏 send {sp('full', '.')} body pic", "leetspeak, dotted letters"),
 ("en", "pressure", "URGENTTTT!!! 2 sl0ts left ⏰⏰ fly tmrw, no interview, send passp0rt NOW", "repeated letters, leetspeak"),
 ("ms", "scam_compound", f"Cari penaip English kerja {cyr('Myawaddy')}, chat dgn klien & ajak {cyr('invest')} crypto 💰 gaji RM10k", "Cyrillic homoglyphs"),
 ("tl", "fees_and_debt", "Japan job, pl@cement f33 ₱120k, s@lary deduction nalang 😉 reserve na via GC@sh", "leetspeak, Taglish"),
 ("en", "irregular_route", f"No {zw('passport')}? No problem 😎 we cross by boat at night 🚤 to Thailand, $1,200 job", "zero-width spaces, emoji"),
 ("id", "sexual_exploitation_cover", "Dicari LC k@raoke cantik 18-25th, p3nghasilan 20jt++ 💃 kirim foto full b0dy", "leetspeak"),
 # benign counterparts with the same tricks
 ("en", "warning", f"⚠️ Beware of posts saying 'n0 exp3rience, $3k/m0nth, {sp('free')} flight to K@mbodia'. Scammers spell words oddly to dodge filters. Report them!", "warning quoting leetspeak lures"),
 ("en", "benign", f"Our {fw('Customer')} {fw('Service')} team in Manila is hiring! ₱25,000 + HMO. BrightPath BPO Inc., apply at careers.brightpathbpo.ph", "fullwidth in legit ad"),
 ("en", "benign", "Sooooo happy!!! Got my work visa for Japan ✈️🇯🇵 thanks to our licensed agency, no placement fee at all 🙏", "repeated letters, emoji"),
 ("en", "benign", f"Join our {sp('Telegram')} channel for weekly job-safety tips from the Labour Ministry 📢 t.me/labour_safe_jobs", "spaced letters in legit post"),
 ("en", "benign", f"Looking for a {cyr('massage')} therapist, licensed, for our spa in Cebu. ₱20k + commission, TESDA NC II required.", "Cyrillic homoglyphs in legit ad"),
 ("en", "benign", "Flight ✈️ booked, hotel 🏨 booked, now just need a visa for our Bangkok holiday 😂 any tips?", "emoji as words, travel chat"),
 ("en", "news", f"Police rescued 30 workers from a {zw('Sihanoukville')} compound; they were lured by ads for {sp('customer', '.')} {sp('service', '.')} jobs.", "news with zero-width and dotted letters"),
 ("en", "benign", "D4ta entry clerk (part-time), Brisbane, $32/hr. Apply via SEEK. No fees. — sorry for the typo in the first post 😅", "leetspeak typo in legit ad"),
 ("id", "warning", f"AWAS modus baru: lowongan ditulis 'K@mboja', 'gaj1 b3sar', kontak lewat {sp('T.e.l.e', '')}gram. Jangan percaya!", "warning quoting obfuscations"),
 ("id", "benign", f"Lowongan {fw('Customer')} {fw('Service')} PT Sinar Digital, Jakarta. Gaji Rp6jt + BPJS. Lamar via jobstreet, gratis.", "fullwidth in legit ad"),
 ("ms", "benign", "Alhamdulillah dapat kerja di Singapura melalui agensi berlesen 🎉✈️ tiada yuran, pasport saya pegang sendiri 🙏", "emoji in legit testimonial"),
 ("tl", "warning", "Mga sis, ingat: yung mga post na 'S1h@noukville, libre lahat ✈️🏠' scam yan! Kinukuha passport niyo dun.", "warning quoting leetspeak"),
 ("vi", "warning", "Canh bao: tin tuyen 'vi3c nh3 lu0ng c@o' di C@mpuchia la lua dao, dung tin!", "warning quoting leetspeak, no tone marks"),
 ("vi", "benign", f"Tuyen {fw('CSKH')} tai Ha Noi, luong 10 trieu, Cong ty TNHH Sao Viet, phong van truc tiep, khong thu phi", "fullwidth, no tone marks"),
 ("th", "warning", f"เตือนภัย! มิจฉาชีพเขียนว่า '{sp('กัมพูชา')}' หรือ ✈️ฟรี เพื่อเลี่ยงการตรวจจับ อย่าหลงเชื่อ", "warning quoting spaced letters"),
 ("th", "benign", f"รับพนักงาน {fw('Call')} {fw('Center')} กรุงเทพฯ 20,000 บาท บริษัท ไทยดิจิทัล เซอร์วิส จำกัด สมัครผ่าน JobThai", "fullwidth in legit ad"),
 ("zh", "warning", f"提醒:骗子会把\"{zw('妙瓦底')}\"\"柬埔寨\"拆开写 或用✈️代替飞机 看到这种招聘请举报", "warning quoting zero-width split"),
 ("zh", "benign", "周末去泰国玩✈️ 机票酒店都订好了 签证也办完了 开心😄", "emoji as words, travel chat"),
 ("km", "warning", "ប្រយ័ត្ន! អ្នកបោកប្រាស់សរសេរ 'T.e.l.e.g.r.a.m' ឬ ✈️🆓 ដើម្បីគេចការត្រួតពិនិត្យ កុំជឿ", "warning quoting dotted letters"),
 ("my", "benign", f"{cyr('Yangon')} ဘဏ် Customer Service ဝန်ထမ်းခေါ်ယူမည် လစာ ၈ သိန်း ကုမ္ပဏီ website တွင်လျှောက်ပါ အခမဲ့", "Cyrillic homoglyph in legit ad"),
 ("en", "benign", f"Hiring {sp('game')} testers (QA) in Manila office, ₱30k. Pixelforge Studios Inc. Portfolio required.", "spaced letters in legit ad"),
 ("en", "benign", "Congrats to our nurses flying to the UK 🇬🇧✈️ today! Employer-paid flights, NMC registered, no fees ever charged. Proud agency moment 💙", "emoji, legit agency post"),
 ("ms", "benign", f"Kerja kosong: jurutaip, Shah Alam, RM2,200. Data Prisma Sdn Bhd. {sp('Temuduga', ' ')} di pejabat.", "spaced letters in legit ad"),
 ("tl", "benign", "Hiring: waiter/waitress sa BGC 🍽️ ₱18k + service charge, walk-in lang po, bring resume 😊", "emoji in legit ad"),
 ("id", "news", f"Polisi ungkap sindikat yang menulis iklan '{cyr('gaji')} besar di {cyr('Kamboja')}' dengan huruf Kiril agar lolos filter media sosial.", "news about homoglyph ads"),
 ("zh", "benign", f"招{fw('Java')}开发工程师 深圳 月薪2-3万 蓝海科技有限公司 BOSS直聘投递", "fullwidth in legit ad"),
 ("en", "warning", f"Spotted on FB: '{fw('FREE')} {fw('FLIGHT')} to Myanmar, DM {fw('Telegram')}' — this is a trafficking lure. Do not reply.", "warning quoting fullwidth"),
 ("en", "benign", "Our café needs baristas!!!! ☕☕☕ Penang, RM1,900 + tips, walk in anytime 😊", "repeated punctuation, emoji"),
 ("vi", "news", f"Cong an canh bao thu doan viet '{zw('Campuchia')}' co ky tu an de lach kiem duyet quang cao viec lam", "news about zero-width trick, no tone marks"),
 ("en", "benign", "Visa ✅ Flight ✅ Apartment ✅ — starting my new job in Vietnam as an ESL teacher next week! Degree + TEFL finally paid off 🎓", "emoji checklist, legit"),
]
TEST = [
 ("en", "chat_app_contact", f"Remote-style office job abroad 💼 $2,000/mo, no exp. Contact {sp('T e l e g r a m', '')} @asia_hr_work only", "spaced letters"),
 ("en", "high_risk_destination", f"Typists wanted in {cyr('Myawaddy')}, {cyr('free')} transport from Mae Sot, $1,400 + dorm", "Cyrillic homoglyphs"),
 ("en", "pay_too_good", "M4ke $2500-$4000/m0nth, n0 degr33 n0 exp3rience!!! 0verseas 0ffice w0rk 💸💸", "leetspeak, emoji"),
 ("en", "everything_paid", "FREEEE ✈️ FREEEE 🛂 FREEEE 🏨 FREEEE 🍱 salary $1800 in 🇹🇭 just bring your passport!!!", "repeated letters, emoji as words"),
 ("en", "vague_job", f"Looking for {sp('data', '.')} {sp('entry', '.')} staff overseas, company name after interview, big pay", "dotted letters"),
 ("en", "chat_app_contact", f"Salary $1,600 💵 contact {sp('WhatsApp', '-')} +855 96 111 2222 text only 📵", "hyphen-split letters"),
 ("en", "scam_compound", f"Chat agents for {zw('crypto')} platform, build trust with foreigners on {zw('dating')} apps, monthly KPI, office in {zw('Shwe')} Kokko", "zero-width spaces"),
 ("en", "chat_app_contact", f"{fw('WhatsApp')} {fw('ONLY')} 👉 wa.me/855961234567 — CS job $1500, free room", "fullwidth"),
 ("en", "sexual_exploitation_cover", "VIP 'c0mpani0n' j0bs in Macau 💋 18-25, sexy b0dy, $5k+ 💰 send bikini pic to @vip_m0del", "leetspeak"),
 ("en", "document_control", f"On arrival hand over {cyr('passport')} & {cyr('phone')} to HR 📵 staff stay inside compound", "Cyrillic homoglyphs"),
 ("en", "fees_and_debt", "Tr@ining b0nd $2,000 if y0u quit, airfare d3ducted fr0m s@lary 😉 Taiwan factory", "leetspeak"),
 ("en", "irregular_route", f"N0 passp0rt? We take y0u thr0ugh the {zw('jungle')} r0ute 🌳🚶 to Thailand, job ready", "leetspeak, zero-width"),
 ("en", "targeting_vulnerable", f"Need g1rls 16-21 from p00r families 🙏 no sch00l needed, send {sp('full')} b0dy ph0to", "leetspeak, spaced letters"),
 ("en", "pressure", "LAST CALLLLL!!! ⏰ 1 sl0t left, hired t0day n0 interview, send passp0rt c0py n0w!!!", "repeated letters, leetspeak"),
 ("id", "pay_too_good", "Gj 25jt/bln tnp pngalaman, krj komputer di K@mb0ja, tkt gratisss ✈️ DM", "abbreviations, leetspeak"),
 ("id", "chat_app_contact", f"Loker CS LN, hub {fw('Telegram')} @loker_ln_88 atau {sp('W.A', '')} aja kak", "fullwidth, dotted letters"),
 ("ms", "high_risk_destination", f"Kerja {cyr('Poipet')} 🇰🇭 CS gaji USD1,500, bilik percumaaa, PM sekarang", "Cyrillic homoglyphs, repeated letters"),
 ("tl", "everything_paid", "Libreeee lahat!!! ✈️🏠🍚 sahod $1,500 sa B@vet, PM na 🙏", "repeated letters, leetspeak, emoji"),
 ("vi", "scam_compound", f"Tuyen go chu tieng Anh o {zw('KK')} Park, chat voi khach nuoc ngoai roi keo dau tu {cyr('crypto')}", "zero-width, Cyrillic, no tone marks"),
 ("vi", "pay_too_good", "Vi3c nh3 lu0ng c@o 40tr, ko can kinh nghi3m, bao ve ✈️ bao an o 🏠 ib Zal0", "leetspeak, no tone marks, emoji"),
 ("th", "chat_app_contact", f"งานต่างประเทศ เงินเดือน 6 หมื่น ติดต่อ {sp('Telegram', '.')} @ngan_th99 เท่านั้น", "dotted letters"),
 ("th", "high_risk_destination", f"รับคนไปทำงาน {zw('เมียวดี')} ฟรีตั๋ว✈️ ฟรีที่พัก🏨 เงินเดือนสูง", "zero-width spaces in Thai"),
 ("zh", "scam_compound", f"招{sp('客服')} 做{zw('币圈')} 聊天引导老外充值 地点KK园区 月薪3w", "spaced and zero-width Chinese"),
 ("zh", "chat_app_contact", "高薪无经验 包吃住 联系请加🛩 @vip_hr_666 (小飞机)", "emoji as word for Telegram"),
 ("km", "pay_too_good", f"ប្រាក់ខែ $2,000 មិនត្រូវការបទពិសោធន៍ ធ្វើការនៅ {cyr('Poipet')} 💰✈️ ឆាត @kh_hr99", "Cyrillic homoglyphs, emoji"),
 ("lo", "everything_paid", f"ວຽກຕ່າງປະເທດ ✈️🆓 🏨🆓 ເງິນເດືອນ 1,500 ໂດລາ ຕິດຕໍ່ {fw('Telegram')} @lao_job1", "emoji, fullwidth"),
 ("my", "chat_app_contact", f"လစာ $1,500 နိုင်ငံခြားအလုပ် {sp('Telegram', '.')} @mm_hr_77 ကိုပဲဆက်သွယ်", "dotted letters in mixed Burmese/English"),
 ("ms", "sexual_exploitation_cover", "Cari GR0 cantik 18-25 untuk KL 💃 p3ndapatan RM15k+ hantar g@mbar full b0dy", "leetspeak"),
 ("tl", "fees_and_debt", "Taiwan job 🇹🇼 pl@cement f33 ₱100k, salary d3duction na lang, r3servation via GC@sh", "leetspeak, Taglish"),
 ("id", "document_control", f"Setiba di lokasi, {cyr('paspor')} & HP diserahkan ke HRD 📵 tinggal di dalam kompleks", "Cyrillic homoglyphs"),
 ("en", "irregular_route", f"Enter on {sp('tourist', '.')} visa, agent converts it later 🤫 don't tell immigration you're working", "dotted letters"),
 # benign counterparts
 ("en", "warning", f"🚨 Scammers now write '{sp('Telegram')}', 'K@mbodia' and 'n0 exp3rience' to slip past filters. If a job ad looks like this, report it.", "warning quoting obfuscations"),
 ("en", "benign", f"{fw('Customer')} {fw('Support')} Associate, Makati. ₱24,000 + HMO. Bank of the Islands, apply at careers.boi.ph. No fees.", "fullwidth in legit ad"),
 ("en", "benign", "Yesssss got the job!!! 🎉 ESL teacher in Hanoi, work permit sponsored, flight reimbursed ✈️ so happy 😭", "repeated letters, emoji"),
 ("en", "benign", f"Follow our official {sp('Telegram')} channel for verified overseas jobs from licensed agencies 📢 t.me/dmw_verified_jobs", "spaced letters in legit post"),
 ("en", "benign", f"Licensed {cyr('spa')} {cyr('therapist')} wanted, Auckland, $30/hr. NZ registration required. careers@harbourspa.co.nz", "Cyrillic homoglyphs in legit ad"),
 ("en", "benign", "✈️ booked 🏨 booked 🛂 visa approved!!! Family trip to Siem Reap next month 🥰", "emoji as words, travel chat"),
 ("en", "news", f"Rescued workers told reporters the ads promised '{sp('free')} flights' and 'n0 exp3rience' jobs in {zw('Myawaddy')}.", "news quoting obfuscated lures"),
 ("en", "benign", "Data entry cl3rk wanted (typo, sorry 😅) — Cyberjaya, RM2,300, Jentayu Logistics Sdn Bhd, interview at office.", "leetspeak typo in legit ad"),
 ("en", "benign", f"Hiring {sp('chat', '.')} {sp('moderators', '.')} for our gaming Discord, $12/hr, Arclight Games Ltd, UK. Apply on our site.", "dotted letters in legit ad"),
 ("en", "warning", f"PSA: '{fw('FREE')} {fw('VISA')} {fw('FREE')} {fw('FLIGHT')}' job posts with Telegram-only contact are how people end up in scam compounds.", "warning quoting fullwidth"),
 ("id", "warning", "Hati-hati! Iklan 'gj 25jt tnp pngalaman di K@mb0ja' itu modus TPPO. Jangan berangkat!", "warning quoting leetspeak"),
 ("id", "benign", f"Lowongan {fw('Data')} {fw('Entry')} di Batam, UMK + lembur, PT Kepri Data Solusi, interview di kantor, gratis.", "fullwidth in legit ad"),
 ("ms", "warning", f"Amaran: iklan kerja '{cyr('Poipet')}' dengan huruf pelik dan 'percumaaa' semuanya ialah umpan sindiket.", "warning quoting homoglyphs"),
 ("ms", "benign", "Syukur!!! Anak saya dapat kerja jururawat di UK ✈️🇬🇧 melalui agensi berlesen, tiket dibayar majikan 🙏", "emoji, legit testimonial"),
 ("tl", "benign", "Libreeee ang sakay sa shuttle ng company namin 🚌 from Ortigas to BGC, perks ng BPO job ko 😂", "repeated letters, benign"),
 ("tl", "warning", "Paalala: yung 'Libreeee lahat sa B@vet' na post, trafficking yan! I-report agad sa DMW.", "warning quoting leetspeak"),
 ("vi", "warning", "Canh giac: tin 'vi3c nh3 lu0ng c@o, bao ve ✈️' la chieu lua di Campuchia, Myanmar", "warning quoting leetspeak, no tone marks"),
 ("vi", "benign", f"Tuyen {fw('IT')} {fw('Support')} tai Da Nang, 15 trieu, Cong ty CP May Xanh, phong van tai van phong", "fullwidth, no tone marks"),
 ("th", "warning", f"เตือน! โพสต์ที่เขียน '{zw('เมียวดี')}' หรือใช้ ✈️ฟรี 🏨ฟรี คือกลลวงแก๊งคอลเซ็นเตอร์", "warning quoting zero-width"),
 ("th", "benign", f"รับพนักงาน {fw('Data')} {fw('Entry')} ขอนแก่น 12,000 บาท บริษัท อีสานดาต้า จำกัด สัมภาษณ์ที่ออฟฟิศ", "fullwidth in legit ad"),
 ("zh", "warning", "注意:骗子用\"小飞机🛩\"\"币圈\"\"KK园区\"等暗语招人 看到请举报", "warning quoting slang and emoji"),
 ("zh", "benign", f"招{fw('UI')}设计师 杭州 月薪1.5-2万 云帆信息科技有限公司 官网投递 不收费", "fullwidth in legit ad"),
 ("km", "benign", f"ធនាគារ {cyr('ABC')} ជ្រើសរើសបុគ្គលិកសេវាអតិថិជន ប្រាក់ខែ $500 ដាក់ពាក្យតាមគេហទំព័រ មិនគិតថ្លៃ", "Cyrillic homoglyph in legit ad"),
 ("lo", "warning", "ເຕືອນໄພ! ໂພສທີ່ໃຊ້ ✈️🆓 🏨🆓 ແລະ ໃຫ້ຕິດຕໍ່ທາງ Telegram ເທົ່ານັ້ນ ແມ່ນກົນລວງຄ້າມະນຸດ", "warning quoting emoji lures"),
 ("my", "news", f"'{sp('Telegram', '.')}' ဟု စာလုံးခွဲရေးသော အလုပ်ကြော်ငြာများဖြင့် မြဝတီသို့ ခေါ်ဆောင်ခံရသူ ၁၅ ဦး ကယ်ဆယ်ခံရ", "news quoting dotted letters"),
 ("en", "benign", "Our bakery is hiring!!!! 🥐🥐🥐 Ipoh, RM1,800 + meals, walk in with IC 😊", "repeated punctuation, emoji"),
 ("en", "benign", f"Reminder: {zw('payroll')} for overseas staff goes out Friday; flights for the Cebu retreat are booked ✈️ — HR", "zero-width in internal memo"),
 ("id", "benign", "Alhamdulillah visa kerja Jepang sdh kluar ✈️🇯🇵 lewat LPK resmi, gk ada biaya penempatan 🙏", "abbreviations, emoji, legit"),
 ("en", "news", f"Court hears that recruiters used fullwidth text like '{fw('Telegram')}' and emoji ✈️💰 in ads to avoid platform moderation.", "news quoting fullwidth"),
 ("zh", "benign", "年终奖💰到账 下个月带爸妈去日本玩✈️ 开心!", "emoji as words, benign"),
]
