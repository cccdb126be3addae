import Testing
@testable import RedFlagHTML

@Suite struct ExtractionTests {
  @Test func englishAdWithTelegramLinkBehindContactUs() {
    let r = HTMLExtractor.extract(html: Fixtures.englishAd)
    #expect(
      r.text == """
        Hiring Now - Customer Service (Thailand)
        Customer Service Staff Needed
        Salary: $3,000 per month. No experience needed!
        Free visa, free flight & accommodation.
        Contact us
        Work in Bangkok
        https://t.me/easyjob_asia
        Telegram
        """)
    #expect(r.title == "Hiring Now - Customer Service (Thailand)")
    #expect(blocks(r, .linkTarget) == ["https://t.me/easyjob_asia"])
    #expect(blocks(r, .altText) == ["Work in Bangkok"])
    #expect(blocks(r, .titleText) == ["Telegram"])
    #expect(blocks(r, .visible).count == 5)
    #expect(!r.text.contains("dataLayer") && !r.text.contains("Apply today"))
    #expect(r.warnings.isEmpty)
    expectSpansRoundTrip(r)
  }

  @Test func thaiAd() {
    let r = HTMLExtractor.extract(html: Fixtures.thaiAd)
    #expect(
      r.text == """
        รับสมัครพนักงานด่วน
        รับสมัครพนักงานโรงงาน ด่วน!
        เงินเดือน 25,000 บาท ไม่ต้องมีประสบการณ์
        บริษัทออกค่าเดินทางให้
        มีที่พักฟรี
        ติดต่อ Line: jobthai88
        https://line.me/ti/p/~jobthai88
        """)
    #expect(r.title == "รับสมัครพนักงานด่วน")
    #expect(!r.text.contains("ไม่ควรเห็น"))
    expectSpansRoundTrip(r)
    // Code-point offsets, not UTF-8 or UTF-16: the second line starts after 19 Thai letters.
    #expect(r.blocks[1].start == 20)
  }

  @Test func chineseAdWithBrLines() {
    let r = HTMLExtractor.extract(html: Fixtures.chineseAd)
    #expect(r.text == "高薪招聘\n月薪 8000-15000 美元\n包吃包住，免费机票\n无需经验\n联系飞机：@kk_job888")
    #expect(blocks(r, .visible).count == 5)
    #expect(r.title == nil)
    expectSpansRoundTrip(r)
  }

  @Test func vietnameseAd() {
    let r = HTMLExtractor.extract(html: Fixtures.vietnameseAd)
    #expect(
      r.text == """
        Tuyển dụng nhân viên & phiên dịch
        Lương 1.500 USD/tháng, bao ăn ở.
        Làm việc tại Campuchia, không cần kinh nghiệm.
        Liên hệ Zalo: 0912 345 678
        https://zalo.me/0912345678
        """)
    #expect(blocks(r, .linkTarget) == ["https://zalo.me/0912345678"])
    expectSpansRoundTrip(r)
  }

  @Test func nonVisibleContentIsSkipped() {
    let html = """
      <body><p>Visible one</p>
      <script>document.write("script text")</script>
      <style>p { content: "style text" }</style>
      <noscript>Please enable JavaScript</noscript>
      <template><p>template text</p></template>
      <!-- comment: passport kept by agent -->
      <p>Visible two</p></body>
      """
    let r = HTMLExtractor.extract(html: html)
    #expect(r.text == "Visible one\nVisible two")
    expectSpansRoundTrip(r)
  }

  @Test func blockElementsBreakLinesAndInlineWhitespaceCollapses() {
    let html = """
      <section><h3>Benefits</h3><div>Meals\t\tprovided</div><span>Housing</span> <em>free</em>
      <table><tr><th>Position</th><th>Salary</th></tr><tr><td>Driver</td><td>900 USD</td></tr></table>
      <dl><dt>Contract</dt><dd>2 years</dd></dl><blockquote>Quote</blockquote>Line<br>break<hr>end
      <pre>Step 1:  apply
      Step 2:  travel</pre></section>
      """
    let r = HTMLExtractor.extract(html: html)
    #expect(
      r.text == """
        Benefits
        Meals provided
        Housing free
        Position | Salary
        Driver | 900 USD
        Contract
        2 years
        Quote
        Line
        break
        end
        Step 1: apply
        Step 2: travel
        """)
    expectSpansRoundTrip(r)
  }

  @Test func inlineElementsDoNotSplitWords() {
    let r = HTMLExtractor.extract(html: "<p>Tele<b>gram</b>: <span>@job</span><i>link</i></p>")
    #expect(r.text == "Telegram: @joblink")
  }

  @Test func entitiesAreDecoded() {
    let r = HTMLExtractor.extract(
      html: "<p>Food &amp; housing&nbsp;&nbsp;free</p><p>&#3607;&#3635;&#3591;&#3634;&#3609; &#x0E14;&#x0E48;&#x0E27;&#x0E19; &lt;now&gt; &quot;ok&quot; &eacute;</p>")
    #expect(r.text == "Food & housing free\nทำงาน ด่วน <now> \"ok\" é")
    expectSpansRoundTrip(r)
  }

  @Test func attributeBlocks() {
    let html = """
      <p><a href="https://wa.me/60123456789" title="WhatsApp us">Chat</a>
      <a href="#top">Top</a> <a href="/jobs/12">More jobs</a>
      <a href="javascript:void(0)">Share</a> <a href="tel:+66812345678">Call</a>
      <a href="https://wa.me/60123456789">again</a>
      <img src="a.png" alt="  Passport   photo  "><img src="b.png" alt=""><img src="c.png">
      <abbr title="Memorandum of understanding">MOU</abbr></p>
      """
    let r = HTMLExtractor.extract(html: html)
    #expect(blocks(r, .linkTarget) == ["https://wa.me/60123456789", "tel:+66812345678"])
    #expect(blocks(r, .altText) == ["Passport photo"])
    #expect(blocks(r, .titleText) == ["WhatsApp us", "Memorandum of understanding"])
    #expect(blocks(r, .visible) == ["Chat Top More jobs Share Call again MOU"])
    #expect(
      r.text
        == "Chat Top More jobs Share Call again MOU\nhttps://wa.me/60123456789\nWhatsApp us\ntel:+66812345678\nPassport photo\nMemorandum of understanding"
    )
    expectSpansRoundTrip(r)
  }

  @Test func emptyAndBlankInputs() {
    for input in ["", "   \n\t ", "<html></html>", "<!-- only a comment -->", "<script>x()</script>"] {
      let r = HTMLExtractor.extract(html: input)
      #expect(r.text == "", "input \(input.debugDescription)")
      #expect(r.blocks.isEmpty)
      #expect(r.warnings.isEmpty)
    }
    #expect(HTMLExtractor.extract(html: [UInt8]()).text == "")
  }

  @Test func plainTextWithoutMarkup() {
    let r = HTMLExtractor.extract(html: "Earn 2000 USD monthly, contact @agent_kh")
    #expect(r.text == "Earn 2000 USD monthly, contact @agent_kh")
    #expect(r.blocks.map(\.origin) == [.visible])
  }

  @Test func spansRoundTripOnAllFixtures() {
    for html in Fixtures.all {
      let r = HTMLExtractor.extract(html: html)
      #expect(!r.blocks.isEmpty)
      expectSpansRoundTrip(r)
      let bytes = HTMLExtractor.extract(html: Array(html.utf8))
      #expect(bytes.text == r.text)
      #expect(bytes.blocks == r.blocks)
    }
  }
}
