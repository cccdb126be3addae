import Foundation
import RedFlag
import RedFlagRules

/// The rendered output of one batch and its counts.
struct OutputBatch: Sendable {
  var text: String
  var counts: BatchCounts
}

/// Batches travel from the reader to the scanner threads and, in their original order, to the
/// writer. At most `capacity` batches are in flight at once (queued, being scanned, or waiting
/// for their turn to be written), so memory stays flat however large the input.
final class OrderedQueue: @unchecked Sendable {
  private let cond = NSCondition()
  private var pending: [(seq: Int, items: [WorkItem])] = []
  private var head = 0
  private var results: [Int: OutputBatch] = [:]
  private var inFlight = 0
  private var dispatched = 0
  private var writeSeq = 0
  private var inputClosed = false
  let capacity: Int

  init(capacity: Int) { self.capacity = max(1, capacity) }

  /// Hands a batch on; blocks while the pipeline is full. False once input is closed.
  func put(_ items: [WorkItem]) -> Bool {
    cond.lock(); defer { cond.unlock() }
    while inFlight >= capacity && !inputClosed { cond.wait() }
    if inputClosed { return false }
    pending.append((dispatched, items))
    dispatched += 1
    inFlight += 1
    cond.broadcast()
    return true
  }

  /// No more batches will be accepted (end of input, or a stop was requested). Batches already
  /// handed on are still scanned and written.
  func closeInput() {
    cond.lock(); inputClosed = true; cond.broadcast(); cond.unlock()
  }

  var isClosed: Bool {
    cond.lock(); defer { cond.unlock() }
    return inputClosed
  }

  /// The next batch to scan, or nil when there will be none.
  func take() -> (seq: Int, items: [WorkItem])? {
    cond.lock(); defer { cond.unlock() }
    while head == pending.count && !inputClosed { cond.wait() }
    if head == pending.count { return nil }
    let next = pending[head]
    pending[head].items = []
    head += 1
    if head >= 64 && head * 2 >= pending.count {
      pending.removeFirst(head)
      head = 0
    }
    return next
  }

  func complete(seq: Int, batch: OutputBatch) {
    cond.lock(); results[seq] = batch; cond.broadcast(); cond.unlock()
  }

  /// The next batch in input order, or nil when everything handed on has been written.
  func nextResult() -> OutputBatch? {
    cond.lock(); defer { cond.unlock() }
    while results[writeSeq] == nil && !(inputClosed && writeSeq == dispatched) { cond.wait() }
    guard let r = results.removeValue(forKey: writeSeq) else { return nil }
    writeSeq += 1
    return r
  }

  /// The writer is done with a batch: room for one more.
  func written() {
    cond.lock(); inFlight -= 1; cond.broadcast(); cond.unlock()
  }
}

/// Reads the inputs on its own thread and hands records on in batches.
final class Reader: @unchecked Sendable {
  static let batchRecords = 256
  static let batchBytes = 1 << 20
  static let chunkSize = 1 << 20
  static let sniffBytes = 8192

  let plan: InputPlan
  let options: RecordOptions
  let queue: OrderedQueue
  let stats: RunStats
  private var batch: [WorkItem] = []
  private var batchSize = 0
  private var stopped = false
  private let buffer: UnsafeMutableBufferPointer<UInt8>

  init(plan: InputPlan, options: RecordOptions, queue: OrderedQueue, stats: RunStats) {
    self.plan = plan
    self.options = options
    self.queue = queue
    self.stats = stats
    buffer = .allocate(capacity: Reader.chunkSize)
  }

  deinit { buffer.deallocate() }

  func run() {
    for file in plan.files {
      if stopped || queue.isClosed { break }
      read(file)
    }
    flush()
    queue.closeInput()
  }

  private func push(_ item: WorkItem) {
    if stopped { return }
    batch.append(item)
    batchSize += item.size
    if batch.count >= Reader.batchRecords || batchSize >= Reader.batchBytes { flush() }
  }

  private func flush() {
    guard !batch.isEmpty, !stopped else { return }
    let b = batch
    batch = []
    batchSize = 0
    if !queue.put(b) { stopped = true }
  }

  private func fail(_ id: String, _ code: String, _ message: String) {
    push(.failed(id: id, error: RecordError(code: code, message: message)))
  }

  private func read(_ file: InputFile) {
    let fd: Int32 = file.isStdin ? 0 : open(file.path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      fail(file.path, "unreadable", "\(file.path): cannot open: \(String(cString: strerror(errno)))")
      return
    }
    defer { if !file.isStdin { close(fd) } }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
      fail(file.path, "unreadable", "\(file.path): \(String(cString: strerror(errno)))")
      return
    }
    if (st.st_mode & S_IFMT) == S_IFDIR {
      fail(file.path, "unreadable", "\(file.path): is a folder that cannot be listed")
      return
    }
    let regular = (st.st_mode & S_IFMT) == S_IFREG
    switch file.format {
    case .txt, .html:
      readDocument(file, fd: fd, size: regular ? Int64(st.st_size) : nil)
    case .jsonl:
      readLines(file, fd: fd, streaming: !regular)
    case .csv, .tsv:
      readCSV(file, fd: fd, streaming: !regular)
    }
  }

  /// Reads `fd` chunk by chunk; `body` gets each chunk (a UTF-8 byte-order mark at the start
  /// removed). Returns the errno of a failed read, or nil.
  private func chunks(_ fd: Int32, streaming: Bool, _ body: (UnsafeBufferPointer<UInt8>, _ first: Bool) -> Bool) -> Int32? {
    var first = true
    while !stopped {
      if queue.isClosed { stopped = true; break }
      let n = Foundation.read(fd, buffer.baseAddress!, buffer.count)
      if n < 0 {
        if errno == EINTR { continue }
        return errno
      }
      if n == 0 { break }
      stats.addBytes(n)
      var chunk = UnsafeBufferPointer(start: buffer.baseAddress!, count: n)
      if first && n >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF {
        chunk = UnsafeBufferPointer(rebasing: chunk[3...])
      }
      let goOn = body(chunk, first)
      first = false
      if !goOn { break }
      // From a pipe or terminal, records go out as they arrive.
      if streaming { flush() }
    }
    return nil
  }

  private static func nulOffset(_ chunk: UnsafeBufferPointer<UInt8>) -> Int? {
    chunk.prefix(sniffBytes).firstIndex(of: 0)
  }

  private func binary(_ file: InputFile, at offset: Int) {
    fail(file.path, "binary_file", "\(file.path): binary file (NUL byte at offset \(offset)), skipped")
  }

  private func readDocument(_ file: InputFile, fd: Int32, size: Int64?) {
    let limit = options.maxRecordBytes
    if let size, size > Int64(limit) {
      stats.addBytes(Int(size))
      fail(file.path, "record_too_large", "\(file.path): the file has \(size) bytes, more than --max-record-bytes \(limit)")
      return
    }
    var bytes: [UInt8] = []
    var tooLarge = false
    var total = 0
    var nul: Int?
    let err = chunks(fd, streaming: false) { chunk, first in
      if first, let z = Reader.nulOffset(chunk) { nul = z; return false }
      total += chunk.count
      if total > limit { tooLarge = true; bytes = []; return true }
      bytes.append(contentsOf: chunk)
      return true
    }
    if stopped { return }
    if let err {
      fail(file.path, "unreadable", "\(file.path): read error: \(String(cString: strerror(err)))")
    } else if let nul {
      binary(file, at: nul)
    } else if tooLarge {
      fail(file.path, "record_too_large", "\(file.path): the document has \(total) bytes, more than --max-record-bytes \(limit)")
    } else {
      push(.document(id: file.path, html: file.format == .html, bytes: bytes))
    }
  }

  private func readLines(_ file: InputFile, fd: Int32, streaming: Bool) {
    var splitter = LineSplitter(maxBytes: options.maxRecordBytes)
    let path = file.path
    let limit = options.maxRecordBytes
    let emit: (LineEvent) -> Void = { event in
      switch event {
      case .line(let number, let bytes):
        // Blank lines (only spaces, tabs, CR) separate nothing and are not records.
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0B || $0 == 0x0C || $0 == 0x0D }) { return }
        self.push(.json(path: path, line: number, bytes: Array(bytes)))
      case .tooLarge(let number, let size):
        self.fail("\(path):\(number)", "record_too_large",
          "\(path):\(number): the line has \(size) bytes, more than --max-record-bytes \(limit); skipped")
      }
    }
    var nul: Int?
    let err = chunks(fd, streaming: streaming) { chunk, first in
      if first, let z = Reader.nulOffset(chunk) { nul = z; return false }
      splitter.feed(chunk, emit)
      return !self.stopped
    }
    if stopped { return }
    if let nul { binary(file, at: nul); return }
    splitter.finish(emit)
    if let err {
      fail("\(path):\(splitter.lineNumber)", "unreadable",
        "\(path):\(splitter.lineNumber): read error: \(String(cString: strerror(err))); the rest of the file is skipped")
    }
  }

  private func readCSV(_ file: InputFile, fd: Int32, streaming: Bool) {
    var parser = CSVParser(delimiter: file.format == .tsv ? 0x09 : UInt8(ascii: ","), maxBytes: options.maxRecordBytes)
    let path = file.path
    let options = self.options
    var header: CSVHeader?
    let emit: (CSVEvent) -> Void = { event in
      switch event {
      case .record(let line, let fields):
        if let header {
          self.push(.csv(header: header, line: line, fields: fields))
        } else {
          header = CSVHeader(path: path, names: fields.map { String(decoding: $0, as: UTF8.self) }, options: options)
        }
      case .tooLarge(let line, let size):
        self.fail("\(path):\(line)", "record_too_large",
          "\(path):\(line): the row has \(size) bytes, more than --max-record-bytes \(options.maxRecordBytes); skipped")
      case .unterminated(let line):
        self.fail("\(path):\(line)", "invalid_csv", "\(path):\(line): a quoted field that starts in this row is never closed")
      }
    }
    var nul: Int?
    let err = chunks(fd, streaming: streaming) { chunk, first in
      if first, let z = Reader.nulOffset(chunk) { nul = z; return false }
      parser.feed(chunk, emit)
      return !self.stopped
    }
    if stopped { return }
    if let nul { binary(file, at: nul); return }
    parser.finish(emit)
    if let err {
      fail(path, "unreadable", "\(path): read error: \(String(cString: strerror(err))); the rest of the file is skipped")
    }
  }
}

/// Everything a scan run needs.
struct PipelineConfig {
  var plan: InputPlan
  var options: RecordOptions
  var scanner: RedFlag.Scanner
  var renderer: Renderer
  var threads: Int
  var minLevel: RiskLevel?
  var maxErrors: Int?
  var progress: ProgressMode
  var summary: Bool
}

/// How a run ended.
struct PipelineResult {
  var stats: RunStats.Snapshot
  var maxLevel: RiskLevel
  var interrupted: Bool
  var tooManyErrors: Bool
}

/// Set from the SIGINT handler.
final class StopFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  func set() { lock.lock(); value = true; lock.unlock() }
  var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

/// SIGINT for `scan`. Create it before the rule set loads: until the pipeline takes over, an
/// interrupt ends the run at once (nothing has been read, nothing is lost); while it runs, the
/// first interrupt stops reading and lets the records in flight finish, a second ends at once.
final class InterruptHandler: @unchecked Sendable {
  let flag = StopFlag()
  private let lock = NSLock()
  private var action: (() -> Void)?
  private var source: DispatchSourceSignal?

  init() {
    signal(SIGINT, SIG_IGN)
    let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source = s
    s.setEventHandler { [weak self] in self?.fire() }
    s.resume()
  }

  deinit { source?.cancel() }

  /// What an interrupt does from now on (besides setting `flag`).
  func onInterrupt(_ action: @escaping () -> Void) {
    lock.lock()
    self.action = action
    lock.unlock()
  }

  private func fire() {
    if flag.isSet { exit(130) }
    flag.set()
    lock.lock()
    let action = self.action
    lock.unlock()
    guard let action else {
      FileHandle.standardError.write(Data("redflag: interrupted before any record was read\n".utf8))
      exit(130)
    }
    action()
  }
}

/// Runs reader, scanner threads and the ordered writer (on the calling thread).
func runPipeline(
  _ config: PipelineConfig, sink: OutputSink, interrupts: InterruptHandler = InterruptHandler()
) throws -> PipelineResult {
  let threads = max(1, config.threads)
  let queue = OrderedQueue(capacity: 4 * threads)
  let stats = RunStats(totalBytes: config.plan.totalBytes)
  let interrupted = interrupts.flag

  // SIGINT: stop reading, finish what is in flight; a second one ends at once.
  interrupts.onInterrupt { queue.closeInput() }

  let reader = Reader(plan: config.plan, options: config.options, queue: queue, stats: stats)
  let readerThread = Thread { reader.run() }
  readerThread.stackSize = 1 << 22
  readerThread.start()

  let processor = RecordProcessor(scanner: config.scanner, options: config.options)
  let renderer = config.renderer
  let minLevel = config.minLevel
  for _ in 0..<threads {
    let t = Thread {
      while let (seq, items) = queue.take() {
        var out = OutputBatch(text: "", counts: BatchCounts())
        for item in items {
          let (report, kept) = processor.process(item)
          out.counts.records += 1
          out.counts.levels[report.level.rank] += 1
          if report.error != nil { out.counts.errors += 1 }
          if report.flagged { out.counts.flagged += 1 }
          if report.level > out.counts.maxLevel { out.counts.maxLevel = report.level }
          if let minLevel, report.level < minLevel { continue }
          renderer.render(report, kept: kept, into: &out.text)
        }
        queue.complete(seq: seq, batch: out)
      }
    }
    t.stackSize = 1 << 22
    t.start()
  }

  var progress: ProgressReporter?
  switch config.progress {
  case .auto where isatty(2) != 0, .bar: progress = ProgressReporter(stats: stats, json: false)
  case .json: progress = ProgressReporter(stats: stats, json: true)
  default: break
  }
  progress?.start()

  var maxLevel = RiskLevel.none
  var tooManyErrors = false
  do {
    if let header = renderer.header { try sink.write(header) }
    while let batch = queue.nextResult() {
      if !batch.text.isEmpty { try sink.write(batch.text) }
      stats.add(batch.counts)
      queue.written()
      if batch.counts.maxLevel > maxLevel { maxLevel = batch.counts.maxLevel }
      if let limit = config.maxErrors, !tooManyErrors, stats.snapshot().errors > limit {
        tooManyErrors = true
        queue.closeInput()
      }
    }
  } catch {
    progress?.stop()
    throw error
  }
  progress?.stop()
  return PipelineResult(stats: stats.snapshot(), maxLevel: maxLevel, interrupted: interrupted.isSet, tooManyErrors: tooManyErrors)
}
