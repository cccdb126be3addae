// The reference the text pipeline is measured against: plain ICU, word break then NFKC casefold of
// every word, per post, the way a careful user of ICU would do it without RedFlag.
// No Foundation here: Foundation on Linux brings its own ICU, which conflicts with the system one.
internal import CICURef

public enum ICUReferenceError: Error, CustomStringConvertible {
  case icu(String, String)
  public var description: String {
    switch self {
    case .icu(let call, let name): "ICU \(call) failed: \(name)"
    }
  }
}

/// One word-break iterator and the NFKC_Casefold normaliser, reused for every post.
public final class ICUReference {
  private let breaker: OpaquePointer
  private let folder: OpaquePointer
  private var utf16: [UInt16] = []
  private var out: [UInt16] = Array(repeating: 0, count: 256)

  public init() throws {
    var status = U_ZERO_ERROR
    guard let b = bref_ubrk_open_word(&status), bref_failure(status) == 0 else {
      throw ICUReferenceError.icu("ubrk_open", String(cString: bref_error_name(status)))
    }
    breaker = b
    status = U_ZERO_ERROR
    guard let n = bref_nfkc_casefold(&status), bref_failure(status) == 0 else {
      bref_ubrk_close(b)
      throw ICUReferenceError.icu("unorm2_getNFKCCasefoldInstance", String(cString: bref_error_name(status)))
    }
    folder = n
  }

  deinit { bref_ubrk_close(breaker) }

  /// Segments the post into words and casefolds each; returns how many words and how many UTF-16
  /// units of folded text were produced (so the work cannot be optimised away).
  public func process(_ post: String) -> (words: Int, foldedUnits: Int) {
    utf16.removeAll(keepingCapacity: true)
    utf16.append(contentsOf: post.utf16)
    var words = 0
    var folded = 0
    let noneLimit = bref_word_none_limit()
    utf16.withUnsafeBufferPointer { src in
      guard let base = src.baseAddress else { return }
      var status = U_ZERO_ERROR
      bref_ubrk_set_text(breaker, base, Int32(src.count), &status)
      if bref_failure(status) != 0 { return }
      var start = bref_ubrk_first(breaker)
      while true {
        let end = bref_ubrk_next(breaker)
        if end < 0 { break }  // UBRK_DONE
        if bref_ubrk_rule_status(breaker) >= noneLimit {
          let len = end - start
          if Int(len) * 4 > out.count { out = Array(repeating: 0, count: Int(len) * 4 + 16) }
          var st = U_ZERO_ERROR
          let n = out.withUnsafeMutableBufferPointer { dst in
            bref_normalize(folder, base + Int(start), len, dst.baseAddress, Int32(dst.count), &st)
          }
          if bref_failure(st) == 0 { folded += Int(n) }
          words += 1
        }
        start = end
      }
    }
    return (words, folded)
  }
}
