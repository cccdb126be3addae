import Foundation

/// What the line splitter hands on: a complete line (without its `\n` or `\r\n`), or the notice
/// that a line was longer than the limit (its bytes were skipped, never held whole).
enum LineEvent {
  case line(number: Int, bytes: UnsafeBufferPointer<UInt8>)
  case tooLarge(number: Int, size: Int)
}

/// Splits a stream of chunks into lines on `\n`, dropping a `\r` before it. Memory stays within
/// one chunk plus `maxBytes`, whatever the input.
struct LineSplitter {
  let maxBytes: Int
  private var partial: [UInt8] = []
  private var skipping = false
  private var skipped = 0
  private(set) var lineNumber = 1

  init(maxBytes: Int) { self.maxBytes = maxBytes }

  mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ emit: (LineEvent) -> Void) {
    guard let base = chunk.baseAddress else { return }
    var start = 0
    let n = chunk.count
    while start < n {
      let rest = n - start
      guard let hit = memchr(base + start, 0x0A, rest) else {
        // No newline in the rest of this chunk: keep it (or count it, when skipping).
        if skipping {
          skipped += rest
        } else if partial.count + rest > maxBytes + 1 {  // +1: room for a `\r` that may end the line
          skipping = true
          skipped = partial.count + rest
          partial = []
        } else {
          partial.append(contentsOf: UnsafeBufferPointer(start: base + start, count: rest))
        }
        return
      }
      let nl = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
      let segment = UnsafeBufferPointer(start: base + start, count: nl - start)
      if skipping {
        emit(.tooLarge(number: lineNumber, size: skipped + segment.count))
        skipping = false
        skipped = 0
      } else if partial.isEmpty {
        emitLine(segment, emit)
      } else {
        partial.append(contentsOf: segment)
        let line = partial
        partial = []
        line.withUnsafeBufferPointer { emitLine($0, emit) }
      }
      lineNumber += 1
      start = nl + 1
    }
  }

  /// Hands on the last line when the input does not end with `\n`.
  mutating func finish(_ emit: (LineEvent) -> Void) {
    if skipping {
      emit(.tooLarge(number: lineNumber, size: skipped))
    } else if !partial.isEmpty {
      let line = partial
      partial = []
      line.withUnsafeBufferPointer { emitLine($0, emit) }
    }
    skipping = false
  }

  private func emitLine(_ raw: UnsafeBufferPointer<UInt8>, _ emit: (LineEvent) -> Void) {
    var line = raw
    if let last = line.last, last == 0x0D {
      line = UnsafeBufferPointer(rebasing: line[0..<(line.count - 1)])
    }
    if line.count > maxBytes {
      emit(.tooLarge(number: lineNumber, size: line.count))
    } else {
      emit(.line(number: lineNumber, bytes: line))
    }
  }
}
