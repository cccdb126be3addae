// Builds the output text as UTF-8 bytes, collapsing whitespace and turning block boundaries into
// line breaks, while counting code points so every block knows its exact span.

/// A block before its text is materialised: byte and code-point bounds in the output.
struct RawBlock {
  var origin: HTMLTextOrigin
  var startByte: Int
  var endByte: Int
  var start: Int
  var end: Int
}

@inline(__always) func isCollapsibleSpace(_ c: UInt8) -> Bool {
  c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C
}

struct TextSink {
  enum Pending: UInt8 { case none = 0, space, cell, lineBreak }

  private(set) var out: [UInt8] = []
  private(set) var scalars = 0
  private(set) var lineStartByte = 0
  private(set) var lineStartScalar = 0
  private(set) var lineHasContent = false
  private var pending: Pending = .none
  private(set) var blocks: [RawBlock] = []

  init(capacity: Int) { out.reserveCapacity(capacity) }

  mutating func requestBreak() { pending = .lineBreak }
  mutating func requestSpace() { if pending == .none { pending = .space } }
  /// A table-cell boundary: " | " between cells of one row.
  mutating func requestCell() { if pending != .lineBreak { pending = .cell } }

  /// Emits whatever separator is pending, just before new content.
  @inline(__always) private mutating func beginContent() {
    if lineHasContent {
      switch pending {
      case .none: break
      case .space:
        out.append(0x20)
        scalars += 1
      case .cell:
        out.append(contentsOf: [0x20, 0x7C, 0x20])
        scalars += 3
      case .lineBreak:
        closeLine(origin: .visible)
      }
    }
    pending = .none
    lineHasContent = true
  }

  private mutating func closeLine(origin: HTMLTextOrigin) {
    blocks.append(
      RawBlock(
        origin: origin, startByte: lineStartByte, endByte: out.count, start: lineStartScalar,
        end: scalars))
    out.append(0x0A)
    scalars += 1
    lineStartByte = out.count
    lineStartScalar = scalars
    lineHasContent = false
  }

  /// Appends NUL-terminated UTF-8 text from the parser. Runs of whitespace (including U+00A0)
  /// become one space; in preformatted text a newline is a line break.
  mutating func appendText(_ p: UnsafePointer<UInt8>, preformatted: Bool) {
    var i = 0
    while true {
      let c = p[i]
      if c == 0 { return }
      if isCollapsibleSpace(c) {
        if c == 0x0A && preformatted { requestBreak() } else { requestSpace() }
        i += 1
        continue
      }
      if c == 0xC2 && p[i + 1] == 0xA0 {
        requestSpace()
        i += 2
        continue
      }
      if pending != .none || !lineHasContent { beginContent() }
      let start = i
      var count = 0
      while true {
        let d = p[i]
        if d == 0 || isCollapsibleSpace(d) || (d == 0xC2 && p[i + 1] == 0xA0) { break }
        if d & 0xC0 != 0x80 { count += 1 }
        i += 1
      }
      out.append(contentsOf: UnsafeBufferPointer(start: p + start, count: i - start))
      scalars += count
    }
  }

  /// Ends the visible text: records the last line (without a trailing newline).
  mutating func finishVisible() {
    if lineHasContent {
      blocks.append(
        RawBlock(
          origin: .visible, startByte: lineStartByte, endByte: out.count, start: lineStartScalar,
          end: scalars))
      lineHasContent = false
    }
    pending = .none
  }

  /// Appends one extra block on its own line. `text` must already be collapsed (one line).
  mutating func appendExtra(_ origin: HTMLTextOrigin, _ text: [UInt8]) {
    guard !text.isEmpty else { return }
    if !out.isEmpty {
      out.append(0x0A)
      scalars += 1
    }
    let startByte = out.count
    let start = scalars
    out.append(contentsOf: text)
    for b in text where b & 0xC0 != 0x80 { scalars += 1 }
    blocks.append(
      RawBlock(origin: origin, startByte: startByte, endByte: out.count, start: start, end: scalars))
  }

  /// The text of the current (unfinished) line.
  var currentLine: ArraySlice<UInt8> { out[lineStartByte...] }
}

/// Collapses runs of whitespace (and U+00A0) to one space and trims both ends.
func collapseWhitespace<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
  var result: [UInt8] = []
  result.reserveCapacity(bytes.count)
  var pendingSpace = false
  var it = bytes.makeIterator()
  var held: UInt8? = nil
  while let c = held ?? it.next() {
    held = nil
    if isCollapsibleSpace(c) {
      pendingSpace = true
      continue
    }
    if c == 0xC2 {
      if let d = it.next() {
        if d == 0xA0 {
          pendingSpace = true
          continue
        }
        held = d
      }
    }
    if pendingSpace && !result.isEmpty { result.append(0x20) }
    pendingSpace = false
    result.append(c)
  }
  return result
}

/// Splits text into lines, each collapsed; empty lines are dropped.
func collapsedLines(_ s: String) -> [[UInt8]] {
  var lines: [[UInt8]] = []
  for line in s.utf8.split(separator: 0x0A, omittingEmptySubsequences: true) {
    let collapsed = collapseWhitespace(line)
    if !collapsed.isEmpty { lines.append(collapsed) }
  }
  return lines
}
