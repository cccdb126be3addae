// Public result types of the HTML extractor. No C type appears here.

/// Where a block of extracted text came from.
public enum HTMLTextOrigin: String, Sendable, Hashable, CaseIterable {
  /// Text a reader sees on the page (including the document `<title>`).
  case visible
  /// The target of a link (`<a href>`, `<area href>`), e.g. a `t.me` handle behind "Contact us".
  case linkTarget = "link_target"
  /// An `alt` attribute (images, image buttons, image-map areas).
  case altText = "alt_text"
  /// A `title` attribute (tooltips).
  case titleText = "title_text"
  /// A field of a schema.org `JobPosting` found in `<script type="application/ld+json">`.
  case jsonLD = "json_ld"
}

/// One block (line) of extracted text and its place in `HTMLDocumentText.text`.
public struct HTMLTextBlock: Sendable, Hashable {
  public var origin: HTMLTextOrigin
  public var text: String
  /// Half-open offsets of this block in `HTMLDocumentText.text`, in Unicode code points.
  public var start: Int
  public var end: Int

  public init(origin: HTMLTextOrigin, text: String, start: Int, end: Int) {
    self.origin = origin
    self.text = text
    self.start = start
    self.end = end
  }
}

/// The fields of a schema.org `JobPosting` that matter for screening, flattened to text.
public struct JobPosting: Sendable, Hashable {
  public var title: String?
  /// The description as plain text (HTML markup inside it is reduced to its visible text).
  public var description: String?
  /// The organisation's `name` (or the string given instead of an `Organization`).
  public var hiringOrganization: String?
  /// E.g. `"THB 30000-50000 per MONTH"`, built from `MonetaryAmount` / `QuantitativeValue`.
  public var baseSalary: String?
  /// The address parts joined with ", "; several places are joined with "; ".
  public var jobLocation: String?

  public init(
    title: String? = nil, description: String? = nil, hiringOrganization: String? = nil,
    baseSalary: String? = nil, jobLocation: String? = nil
  ) {
    self.title = title
    self.description = description
    self.hiringOrganization = hiringOrganization
    self.baseSalary = baseSalary
    self.jobLocation = jobLocation
  }
}

/// The text of an HTML document, ready for the text pipeline.
///
/// `text` holds the visible text, one line per block (paragraphs, list items, table rows, `<br>`
/// lines), followed by one line per extra block (link targets, `alt` and `title` attributes,
/// JSON-LD job-posting fields). Every block's `start..<end` is its exact code-point span in `text`.
public struct HTMLDocumentText: Sendable {
  public var text: String
  public var blocks: [HTMLTextBlock]
  public var jobPostings: [JobPosting]
  /// The document `<title>`, whitespace collapsed; nil when absent or empty.
  public var title: String?
  /// Non-fatal problems (unknown charset, broken JSON-LD, ...), each saying where and what.
  public var warnings: [String]

  public init(
    text: String = "", blocks: [HTMLTextBlock] = [], jobPostings: [JobPosting] = [],
    title: String? = nil, warnings: [String] = []
  ) {
    self.text = text
    self.blocks = blocks
    self.jobPostings = jobPostings
    self.title = title
    self.warnings = warnings
  }
}
