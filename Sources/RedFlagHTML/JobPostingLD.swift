// schema.org JobPosting in JSON-LD -> JobPosting values.

enum JobPostingLD {
  /// Every JobPosting node in a JSON-LD value: a single object, an array, an `@graph`, or a
  /// page node whose `mainEntity` is the posting. Walks with an explicit work list.
  static func postings(in root: JSONValue, describeHTML: (String) -> String) -> [JobPosting] {
    var result: [JobPosting] = []
    var work: [JSONValue] = [root]
    var visited = 0
    while let node = work.popLast(), visited < 10_000 {
      visited += 1
      switch node {
      case .array(let items):
        work.append(contentsOf: items.reversed())
      case .object:
        if isJobPosting(node) {
          result.append(posting(from: node, describeHTML: describeHTML))
        }
        var children: [JSONValue] = []
        for key in ["@graph", "mainEntity", "itemListElement", "item"] {
          if let child = node[key] { children.append(child) }
        }
        work.append(contentsOf: children.reversed())
      default:
        break
      }
    }
    return result
  }

  static func isJobPosting(_ node: JSONValue) -> Bool {
    func named(_ v: JSONValue) -> Bool {
      guard case .string(let s) = v else { return false }
      return s == "JobPosting" || s.hasSuffix("/JobPosting") || s.hasSuffix(":JobPosting")
    }
    switch node["@type"] {
    case .some(.string) : return named(node["@type"]!)
    case .some(.array(let types)): return types.contains(where: named)
    default: return false
    }
  }

  static func posting(from node: JSONValue, describeHTML: (String) -> String) -> JobPosting {
    var p = JobPosting()
    p.title = text(node["title"]) ?? text(node["name"])
    if let raw = text(node["description"]) {
      let plain = looksLikeHTML(raw) ? describeHTML(raw) : raw
      p.description = nonEmpty(plain)
    }
    p.hiringOrganization = organization(node["hiringOrganization"])
    p.baseSalary = salary(node["baseSalary"]) ?? salary(node["estimatedSalary"])
    p.jobLocation = location(node["jobLocation"])
    return p
  }

  /// A plain string: a string, a number, `{"@value": ...}`, or the first usable array item.
  static func text(_ value: JSONValue?) -> String? {
    guard let value else { return nil }
    switch value {
    case .string(let s): return nonEmpty(s)
    case .number(let n): return n
    case .object: return text(value["@value"])
    case .array(let items):
      for item in items { if let s = text(item) { return s } }
      return nil
    default: return nil
    }
  }

  static func organization(_ value: JSONValue?) -> String? {
    guard let value else { return nil }
    switch value {
    case .object: return text(value["name"]) ?? text(value["legalName"])
    case .array(let items):
      for item in items { if let s = organization(item) { return s } }
      return nil
    default: return text(value)
    }
  }

  /// `MonetaryAmount{currency, value: QuantitativeValue{minValue, maxValue, value, unitText}}`
  /// -> "USD 3000-5000 per MONTH"; a bare number or string is returned as it is.
  static func salary(_ value: JSONValue?) -> String? {
    guard let value else { return nil }
    switch value {
    case .object:
      let currency = text(value["currency"]) ?? text(value["salaryCurrency"])
      var unit = text(value["unitText"])
      var amount: String?
      if let inner = value["value"] {
        if case .object = inner {
          amount = range(inner)
          unit = text(inner["unitText"]) ?? unit
        } else {
          amount = text(inner)
        }
      } else {
        amount = range(value)
      }
      let parts = [currency, amount, unit.map { "per " + $0 }].compactMap { $0 }
      guard amount != nil || (currency != nil && unit != nil) else { return amount }
      return parts.isEmpty ? nil : parts.joined(separator: " ")
    case .array(let items):
      let all = items.compactMap { salary($0) }
      return all.isEmpty ? nil : all.joined(separator: "; ")
    default:
      return text(value)
    }
  }

  private static func range(_ q: JSONValue) -> String? {
    let low = text(q["minValue"])
    let high = text(q["maxValue"])
    if let low, let high { return low == high ? low : "\(low)-\(high)" }
    if let exact = text(q["value"]) { return exact }
    if let low { return "from \(low)" }
    if let high { return "up to \(high)" }
    return nil
  }

  static func location(_ value: JSONValue?) -> String? {
    guard let value else { return nil }
    switch value {
    case .array(let items):
      let all = items.compactMap { location($0) }
      return all.isEmpty ? nil : all.joined(separator: "; ")
    case .object:
      if let address = value["address"] {
        if let a = postalAddress(address) { return a }
      }
      if value["streetAddress"] != nil || value["addressLocality"] != nil
        || value["addressCountry"] != nil
      {
        return postalAddress(value)
      }
      return text(value["name"])
    default:
      return text(value)
    }
  }

  private static func postalAddress(_ value: JSONValue) -> String? {
    guard case .object = value else { return text(value) }
    var parts: [String] = []
    for key in ["streetAddress", "addressLocality", "addressRegion", "postalCode"] {
      if let s = text(value[key]) { parts.append(s) }
    }
    if let country = value["addressCountry"] {
      if case .object = country, let s = text(country["name"]) { parts.append(s) }
      else if let s = text(country) { parts.append(s) }
    }
    if parts.isEmpty, let name = text(value["name"]) { parts.append(name) }
    return parts.isEmpty ? nil : parts.joined(separator: ", ")
  }

  private static func looksLikeHTML(_ s: String) -> Bool {
    s.utf8.contains(0x3C) || s.utf8.contains(0x26)  // '<' or '&'
  }

  private static func nonEmpty(_ s: String) -> String? {
    s.unicodeScalars.contains { !$0.properties.isWhitespace } ? s : nil
  }
}
