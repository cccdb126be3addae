import Testing
@testable import RedFlagHTML

@Suite struct JSONLDTests {
  @Test func singleJobPostingObject() {
    let r = HTMLExtractor.extract(html: Fixtures.jobPostingObject)
    #expect(
      r.jobPostings == [
        JobPosting(
          title: "Kitchen helper", description: "Work in a hotel kitchen in Dubai.\nFree flight & visa.",
          hiringOrganization: "Golden Star Manpower", baseSalary: "USD 1200-1800 per MONTH",
          jobLocation: "Dubai, AE")
      ])
    #expect(
      r.text == """
        Cook wanted
        Apply now
        Kitchen helper
        Golden Star Manpower
        USD 1200-1800 per MONTH
        Dubai, AE
        Work in a hotel kitchen in Dubai.
        Free flight & visa.
        """)
    #expect(blocks(r, .jsonLD).count == 6)
    #expect(r.warnings.isEmpty)
    expectSpansRoundTrip(r)
  }

  @Test func arrayOfNodes() {
    let html = """
      <script type="application/ld+json">[
        {"@type": "Organization", "name": "Not a job"},
        {"@type": "JobPosting", "title": "Factory worker (Malaysia)",
         "hiringOrganization": "PT Maju Jaya Recruitment",
         "baseSalary": {"@type": "MonetaryAmount", "currency": "MYR", "value": 2500},
         "jobLocation": [{"@type": "Place", "address": "Johor Bahru"},
                         {"@type": "Place", "address": {"addressLocality": "Penang", "addressCountry": {"@type": "Country", "name": "Malaysia"}}}]},
      ]</script><p>Lowongan kerja</p>
      """
    let r = HTMLExtractor.extract(html: html)
    #expect(
      r.jobPostings == [
        JobPosting(
          title: "Factory worker (Malaysia)", hiringOrganization: "PT Maju Jaya Recruitment",
          baseSalary: "MYR 2500", jobLocation: "Johor Bahru; Penang, Malaysia")
      ])
    #expect(r.text == "Lowongan kerja\nFactory worker (Malaysia)\nPT Maju Jaya Recruitment\nMYR 2500\nJohor Bahru; Penang, Malaysia")
    expectSpansRoundTrip(r)
  }

  @Test func graphWithTypeArrayAndEscapes() {
    let html = """
      <head><script type="application/ld+json; charset=utf-8">
      <!--
      {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "Jobs"},
        {"@type": ["JobPosting"], "title": "\\u0E1E\\u0E19\\u0E31\\u0E01\\u0E07\\u0E32\\u0E19 \\ud83d\\udcb0",
         "description": "Line one\\nLine   two", "baseSalary": 45000,
         "hiringOrganization": {"name": "Golden \\"Star\\""}}
      ]}
      -->
      </script></head><body><p>ดูรายละเอียด</p></body>
      """
    let r = HTMLExtractor.extract(html: html)
    #expect(
      r.jobPostings == [
        JobPosting(
          title: "พนักงาน 💰", description: "Line one\nLine two", hiringOrganization: "Golden \"Star\"",
          baseSalary: "45000")
      ])
    #expect(blocks(r, .jsonLD) == ["พนักงาน 💰", "Golden \"Star\"", "45000", "Line one", "Line two"])
    expectSpansRoundTrip(r)
  }

  @Test func brokenJSONLDWarnsAndKeepsTheRest() {
    let html = """
      <script type="application/ld+json">
      {"@type": "JobPosting",
       "title": "Driver" "description": "missing comma"}
      </script>
      <script type="application/ld+json">{"@type": "JobPosting", "title": "Cleaner"}</script>
      <p>Driver wanted, salary 900 USD</p>
      """
    let r = HTMLExtractor.extract(html: html)
    #expect(r.text == "Driver wanted, salary 900 USD\nCleaner")
    #expect(r.jobPostings == [JobPosting(title: "Cleaner")])
    #expect(r.warnings.count == 1)
    let warning = r.warnings.first ?? ""
    #expect(warning.contains("JSON-LD script 1 of 2"))
    #expect(warning.contains("line 3, column 20 of the script"))
    #expect(warning.contains("expected ',' or '}'"))
    expectSpansRoundTrip(r)
  }

  @Test func truncatedJSONLD() {
    let r = HTMLExtractor.extract(html: "<script type=\"application/ld+json\">{\"@type\": \"JobPosting\", \"title\": \"Nan")
    #expect(r.jobPostings.isEmpty)
    #expect(r.warnings.count == 1)
    #expect(r.warnings.first?.contains("unterminated string") == true)
    #expect(r.text == "")
  }

  @Test func ordinaryScriptsAndOtherTypesAreNotJobPostings() {
    let html = """
      <script>{"@type": "JobPosting", "title": "in plain script"}</script>
      <script type="application/ld+json">{"@type": "Product", "name": "Shoes"}</script>
      <p>Shop</p>
      """
    let r = HTMLExtractor.extract(html: html)
    #expect(r.jobPostings.isEmpty)
    #expect(r.text == "Shop")
    #expect(r.warnings.isEmpty)
  }

  @Test func jsonReaderTolerance() throws {
    let value = try JSONReader.parse(Array("{\"a\": [1, 2.50e3, -3,], // note\n \"b\": /* x */ true,}".utf8))
    #expect(value == .object([("a", .array([.number("1"), .number("2.50e3"), .number("-3")])), ("b", .bool(true))]))
    #expect(try JSONReader.parse(Array("\"tab\there\"".utf8)) == .string("tab\there"))
  }

  @Test func jsonReaderErrorsSayWhere() {
    #expect(throws: JSONError(message: "unexpected '}', expected a value", line: 2, column: 7)) {
      try JSONReader.parse(Array("{\"a\":\n  [1, }".utf8))
    }
    #expect(throws: JSONError(message: "unexpected end of input, expected a value", line: 1, column: 1)) {
      try JSONReader.parse([])
    }
  }

  @Test func jsonReaderNestingIsCappedNotRecursive() {
    let deep = Array(String(repeating: "[", count: 100_000).utf8)
    #expect(throws: JSONError.self) { try JSONReader.parse(deep) }
    let ok = Array((String(repeating: "[", count: 200) + String(repeating: "]", count: 200)).utf8)
    #expect((try? JSONReader.parse(ok)) != nil)
  }
}
