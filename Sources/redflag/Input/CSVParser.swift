/// One CSV/TSV record as read: its fields (raw bytes), the line it starts on, or the notice that
/// it was too large or malformed (its bytes then were not kept).
enum CSVEvent {
  case record(line: Int, fields: [[UInt8]])
  case tooLarge(line: Int, size: Int)
  case unterminated(line: Int)
}

/// A streaming RFC 4180 parser: fields separated by `delimiter`, records by `\n` or `\r\n`,
/// double-quoted fields may hold delimiters, newlines and `""` (one quote). It is lenient where
/// the RFC is silent: a quote in the middle of an unquoted field is kept as a character, text
/// after a closing quote is appended to the field. Empty lines are skipped.
struct CSVParser {
  private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

  let delimiter: UInt8
  let maxBytes: Int
  private var state = State.fieldStart
  private var field: [UInt8] = []
  private var fields: [[UInt8]] = []
  private var recordBytes = 0
  private var tooLarge = false
  private var pendingCR = false
  private var line = 1
  private var recordLine = 1

  init(delimiter: UInt8, maxBytes: Int) {
    self.delimiter = delimiter
    self.maxBytes = maxBytes
  }

  mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ emit: (CSVEvent) -> Void) {
    for b in chunk { step(b, emit) }
  }

  mutating func finish(_ emit: (CSVEvent) -> Void) {
    if pendingCR { pendingCR = false }
    if state == .quoted {
      emit(.unterminated(line: recordLine))
      reset()
      return
    }
    if state != .fieldStart || !fields.isEmpty || !field.isEmpty { endRecord(emit) }
  }

  private mutating func reset() {
    state = .fieldStart
    field = []
    fields = []
    recordBytes = 0
    tooLarge = false
    recordLine = line
  }

  private mutating func add(_ b: UInt8) {
    recordBytes += 1
    if tooLarge { return }
    if recordBytes > maxBytes {
      tooLarge = true
      field = []
      fields = []
      return
    }
    field.append(b)
  }

  private mutating func endField() {
    if !tooLarge { fields.append(field) }
    field = []
  }

  private mutating func endRecord(_ emit: (CSVEvent) -> Void) {
    endField()
    if tooLarge {
      emit(.tooLarge(line: recordLine, size: recordBytes))
    } else if !(fields.count == 1 && fields[0].isEmpty) {
      emit(.record(line: recordLine, fields: fields))
    }
    fields = []
    field = []
    recordBytes = 0
    tooLarge = false
    state = .fieldStart
    recordLine = line
  }

  private mutating func step(_ b: UInt8, _ emit: (CSVEvent) -> Void) {
    if pendingCR {
      pendingCR = false
      if b == 0x0A {
        line += 1
        endRecord(emit)
        return
      }
      add(0x0D)
    }
    switch state {
    case .fieldStart, .unquoted:
      if b == delimiter {
        recordBytes += 1
        endField()
        state = .fieldStart
      } else if b == 0x0A {
        line += 1
        endRecord(emit)
      } else if b == 0x0D {
        pendingCR = true
      } else if b == UInt8(ascii: "\"") && state == .fieldStart {
        recordBytes += 1
        state = .quoted
      } else {
        add(b)
        state = .unquoted
      }
    case .quoted:
      if b == UInt8(ascii: "\"") {
        recordBytes += 1
        state = .quoteInQuoted
      } else {
        if b == 0x0A { line += 1 }
        add(b)
      }
    case .quoteInQuoted:
      if b == UInt8(ascii: "\"") {
        add(b)
        state = .quoted
      } else if b == delimiter {
        recordBytes += 1
        endField()
        state = .fieldStart
      } else if b == 0x0A {
        line += 1
        endRecord(emit)
      } else if b == 0x0D {
        pendingCR = true
        state = .unquoted
      } else {
        add(b)
        state = .unquoted
      }
    }
  }
}
