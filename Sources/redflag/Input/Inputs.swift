import ArgumentParser
import Foundation

/// How the records of an input are laid out.
enum InputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
  case txt, html, jsonl, csv, tsv

  /// The format an extension implies; unknown extensions are read as plain text.
  static func forPath(_ path: String) -> InputFormat {
    let ext = (path as NSString).pathExtension.lowercased()
    switch ext {
    case "html", "htm", "xhtml": return .html
    case "jsonl", "ndjson": return .jsonl
    case "csv": return .csv
    case "tsv", "tab": return .tsv
    default: return .txt
    }
  }
}

/// One input to read: a file, or standard input (`path == "-"`).
struct InputFile: Sendable {
  /// The path as shown in ids and messages.
  var path: String
  var format: InputFormat
  var isStdin: Bool { path == "-" }
}

/// Which files a run reads, in a stable order.
struct InputPlan {
  var files: [InputFile] = []
  /// Sum of the sizes of the regular files, when every input is one (for percent and ETA).
  var totalBytes: Int64? = 0

  /// Expands the command-line paths: `-` is standard input, a folder is walked recursively
  /// (sorted by name, hidden entries skipped, symbolic links to folders not followed) and
  /// filtered by the globs; any other path is taken as it is, even if it cannot be opened
  /// (reading it then yields an `unreadable` record).
  static func make(paths: [String], format: InputFormat?, include: [Glob], exclude: [Glob]) -> InputPlan {
    var plan = InputPlan()
    let list = paths.isEmpty ? ["-"] : paths
    for p in list {
      if p == "-" {
        plan.files.append(InputFile(path: "-", format: format ?? .jsonl))
        plan.totalBytes = nil
        continue
      }
      var st = stat()
      if stat(p, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
        plan.walk(folder: p, relative: "", format: format, include: include, exclude: exclude)
      } else {
        plan.add(path: p, format: format ?? InputFormat.forPath(p))
      }
    }
    return plan
  }

  private mutating func add(path: String, format: InputFormat) {
    files.append(InputFile(path: path, format: format))
    var st = stat()
    if stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG {
      if let t = totalBytes { totalBytes = t + Int64(st.st_size) }
    } else {
      totalBytes = nil
    }
  }

  private mutating func walk(folder: String, relative: String, format: InputFormat?, include: [Glob], exclude: [Glob]) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
      add(path: folder, format: format ?? .txt)  // reading it reports `unreadable`
      return
    }
    for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
      if name.hasPrefix(".") { continue }
      let full = folder.hasSuffix("/") ? folder + name : folder + "/" + name
      let rel = relative.isEmpty ? name : relative + "/" + name
      var st = stat()
      guard lstat(full, &st) == 0 else { add(path: full, format: format ?? .txt); continue }
      let kind = st.st_mode & S_IFMT
      if kind == S_IFDIR {
        if exclude.contains(where: { $0.matches(relativePath: rel) }) { continue }
        walk(folder: full, relative: rel, format: format, include: include, exclude: exclude)
        continue
      }
      if kind == S_IFLNK {
        var target = stat()
        guard stat(full, &target) == 0, (target.st_mode & S_IFMT) == S_IFREG else { continue }
      } else if kind != S_IFREG {
        continue
      }
      if !include.isEmpty && !include.contains(where: { $0.matches(relativePath: rel) }) { continue }
      if exclude.contains(where: { $0.matches(relativePath: rel) }) { continue }
      add(path: full, format: format ?? InputFormat.forPath(full))
    }
  }
}

/// Field names and limits that say how to turn an input record into a document.
struct RecordOptions: Sendable {
  var textField: String
  var idField: String
  var htmlField: String?
  var keepFields: [String]
  var maxRecordBytes: Int
}
