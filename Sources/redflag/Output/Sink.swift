import Foundation

/// Writing to standard output stopped because the reader went away (EPIPE): a quiet stop.
struct BrokenPipe: Error {}

/// Where `scan` writes: standard output, or a file written atomically (a temporary file in the
/// same folder, renamed over the target at the end; removed on failure).
final class OutputSink {
  let fd: Int32
  private let target: String?
  private let tempPath: String?

  /// Standard output.
  init() {
    fd = 1
    target = nil
    tempPath = nil
  }

  /// A file, written atomically.
  init(atomicFile path: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var template = Array((folder + "/." + url.lastPathComponent + ".tmp-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
      throw RunFailure("cannot write \(path): \(String(cString: strerror(errno)))")
    }
    self.fd = fd
    target = path
    tempPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    // mkstemp makes 0600 files; give the output the usual permissions.
    let mask = umask(0)
    umask(mask)
    fchmod(fd, 0o666 & ~mask)
  }

  /// Writes all of `data`; throws `BrokenPipe` on EPIPE, another error on other failures.
  func write(_ data: String) throws {
    var s = data
    try s.withUTF8 { buf in
      var off = 0
      while off < buf.count {
        let n = Foundation.write(fd, buf.baseAddress! + off, buf.count - off)
        if n < 0 {
          if errno == EINTR { continue }
          if errno == EPIPE { throw BrokenPipe() }
          throw RunFailure("cannot write \(target ?? "standard output"): \(String(cString: strerror(errno)))")
        }
        off += n
      }
    }
  }

  /// Finishes the file: flush to disk, rename over the target.
  func commit() throws {
    guard let target, let tempPath else { return }
    if fsync(fd) != 0 || close(fd) != 0 || rename(tempPath, target) != 0 {
      let message = String(cString: strerror(errno))
      unlink(tempPath)
      throw RunFailure("cannot write \(target): \(message)")
    }
  }

  /// Gives up the file: the temporary file is removed, the target left as it was.
  func abandon() {
    guard let tempPath else { return }
    close(fd)
    unlink(tempPath)
  }
}

/// Writes a line to standard error (best effort).
func printError(_ s: String) {
  var line = s
  if !line.hasSuffix("\n") { line += "\n" }
  line.withUTF8 { buf in
    var off = 0
    while off < buf.count {
      let n = write(2, buf.baseAddress! + off, buf.count - off)
      if n <= 0 { if errno == EINTR { continue }; return }
      off += n
    }
  }
}

/// A failure that ends the run with exit code 2 and this message on standard error.
struct RunFailure: Error, CustomStringConvertible {
  var description: String
  init(_ message: String) { description = message }
}
