import Testing
@testable import RedFlagHTML

/// Checks the block contract: every block's span in `text` holds exactly its text, spans are
/// increasing and separated by one newline, and all visible blocks come before the extras.
func expectSpansRoundTrip(_ r: HTMLDocumentText, sourceLocation: SourceLocation = #_sourceLocation) {
  let scalars = Array(r.text.unicodeScalars)
  var previousEnd = -1
  var seenExtra = false
  for block in r.blocks {
    #expect(block.start >= 0 && block.start <= block.end && block.end <= scalars.count,
      "block \(block) out of range", sourceLocation: sourceLocation)
    guard block.start >= 0, block.start <= block.end, block.end <= scalars.count else { return }
    var span = String.UnicodeScalarView()
    span.append(contentsOf: scalars[block.start..<block.end])
    #expect(String(span) == block.text, "span of \(block) differs", sourceLocation: sourceLocation)
    #expect(!block.text.isEmpty, sourceLocation: sourceLocation)
    #expect(block.start == previousEnd + 1, "gap before \(block)", sourceLocation: sourceLocation)
    previousEnd = block.end
    if block.origin != .visible { seenExtra = true }
    #expect(!(seenExtra && block.origin == .visible), "visible block after extras: \(block)",
      sourceLocation: sourceLocation)
  }
  #expect(previousEnd == (r.blocks.isEmpty ? -1 : scalars.count), sourceLocation: sourceLocation)
  #expect(r.blocks.map(\.text).joined(separator: "\n") == r.text, sourceLocation: sourceLocation)
}

/// Encodes text as TIS-620 / windows-874: Thai U+0E01...U+0E5B map to 0xA1...0xFB, ASCII stays.
func tis620(_ s: String) -> [UInt8] {
  s.unicodeScalars.map { scalar -> UInt8 in
    switch scalar.value {
    case 0x0E01...0x0E5B: UInt8(scalar.value - 0x0E01 + 0xA1)
    case 0..<0x80: UInt8(scalar.value)
    default: fatalError("not encodable in TIS-620: \(scalar)")
    }
  }
}

func blocks(_ r: HTMLDocumentText, _ origin: HTMLTextOrigin) -> [String] {
  r.blocks.filter { $0.origin == origin }.map(\.text)
}

enum Fixtures {
  static let englishAd = """
    <!DOCTYPE html>
    <html><head><title>Hiring Now - Customer Service (Thailand)</title>
    <meta name="description" content="Apply today">
    <link rel="stylesheet" href="https://cdn.example.com/site.css">
    <style>.ad { color: red }</style>
    <script>window.dataLayer = []; var hidden = "do not show";</script>
    </head>
    <body>
    <div class="ad">
      <h1>Customer Service Staff Needed</h1>
      <p>Salary: <b>$3,000</b> per month.   No experience
         needed!</p>
      <p>Free visa, free flight &amp; accommodation.</p>
      <img src="banner.jpg" alt="Work in Bangkok">
      <p><a href="https://t.me/easyjob_asia" title="Telegram">Contact us</a></p>
    </div>
    </body></html>
    """

  static let thaiAd = """
    <html lang="th"><head><meta charset="utf-8"><title>รับสมัครพนักงานด่วน</title>
    <script>var x = "ไม่ควรเห็น";</script></head>
    <body>
    <h1>รับสมัครพนักงานโรงงาน   ด่วน!</h1>
    <p>เงินเดือน 25,000 บาท ไม่ต้องมีประสบการณ์</p>
    <ul><li>บริษัทออกค่าเดินทางให้</li><li>มีที่พักฟรี</li></ul>
    <p>ติดต่อ Line: <a href="https://line.me/ti/p/~jobthai88">jobthai88</a></p>
    </body></html>
    """

  static let chineseAd = """
    <div class="post">高薪招聘<br>月薪 8000-15000 美元<br/>包吃包住，免费机票<br>
    无需经验<br>联系飞机：@kk_job888</div>
    """

  static let vietnameseAd = """
    <article><h2>Tuyển dụng nhân viên &amp; phiên dịch</h2>
    <p>Lương <strong>1.500 USD</strong>/tháng, bao ăn ở.</p>
    <p>Làm việc tại Campuchia, không cần kinh nghiệm.</p>
    <p>Liên hệ Zalo: <a href="https://zalo.me/0912345678">0912 345 678</a></p></article>
    """

  static let jobPostingObject = """
    <html><head><title>Cook wanted</title>
    <script type="application/ld+json">
    {
      "@context": "https://schema.org/",
      "@type": "JobPosting",
      "title": "Kitchen helper",
      "description": "<p>Work in a hotel kitchen in <b>Dubai</b>.</p><p>Free flight &amp; visa.</p>",
      "hiringOrganization": {"@type": "Organization", "name": "Golden Star Manpower"},
      "baseSalary": {
        "@type": "MonetaryAmount", "currency": "USD",
        "value": {"@type": "QuantitativeValue", "minValue": 1200, "maxValue": 1800, "unitText": "MONTH"}
      },
      "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
        "addressLocality": "Dubai", "addressCountry": "AE"}}
    }
    </script></head>
    <body><p>Apply now</p></body></html>
    """

  static let all: [String] = [englishAd, thaiAd, chineseAd, vietnameseAd, jobPostingObject]
}
