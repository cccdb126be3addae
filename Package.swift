// swift-tools-version:6.0
// RedFlag: finds signs of human trafficking and forced labour in online ads and posts.
import PackageDescription

let package = Package(
  name: "RedFlag",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "RedFlag", targets: ["RedFlag"]),
    .library(name: "RedFlagText", targets: ["RedFlagText"]),
    .library(name: "RedFlagEval", targets: ["RedFlagEval"]),
    .executable(name: "redflag", targets: ["redflag"]),
    .executable(name: "redflag-server", targets: ["redflag-server"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
  ],
  targets: [
    // ICU 72 (word break, normalisation, confusables, transliteration). Only RedFlagText imports it.
    .systemLibrary(
      name: "CICU", path: "Sources/CICU", pkgConfig: "icu-uc",
      providers: [.apt(["libicu-dev"])]),
    // libxml2's forgiving HTML parser. Only RedFlagHTML imports it.
    .systemLibrary(
      name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]),
    // Text pipeline: UTF-8 repair, normalisation, de-obfuscation, segmentation, entities, offsets.
    // Must not import Foundation (see DESIGN.md, "ICU on Linux").
    .target(name: "RedFlagText", dependencies: ["CICU"]),
    .target(name: "RedFlagHTML", dependencies: ["CLibXML2"]),
    .target(
      name: "RedFlagRules",
      dependencies: ["RedFlagText", .product(name: "Yams", package: "Yams")]),
    .target(name: "RedFlagEngine", dependencies: ["RedFlagText", "RedFlagRules"]),
    .target(
      name: "RedFlag", dependencies: ["RedFlagText", "RedFlagHTML", "RedFlagRules", "RedFlagEngine"]),
    // Evaluation metrics and weight calibration (redflag eval / calibrate).
    .target(name: "RedFlagEval", dependencies: ["RedFlag", "RedFlagRules"]),
    .executableTarget(
      name: "redflag",
      dependencies: ["RedFlag", "RedFlagEval", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    // HTTP service and web page; its own targets so the library and CLI stay free of NIO.
    .target(
      name: "RedFlagServer",
      dependencies: [
        "RedFlag", "RedFlagHTML", "RedFlagRules", .product(name: "Hummingbird", package: "hummingbird"),
      ]),
    .executableTarget(
      name: "redflag-server",
      dependencies: ["RedFlagServer", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

    .testTarget(name: "RedFlagTextTests", dependencies: ["RedFlagText"]),
    .testTarget(name: "RedFlagHTMLTests", dependencies: ["RedFlagHTML"]),
    .testTarget(name: "RedFlagRulesTests", dependencies: ["RedFlagRules"], resources: [.copy("Fixtures")]),
    .testTarget(name: "RedFlagEngineTests", dependencies: ["RedFlagEngine"]),
    .testTarget(name: "RedFlagTests", dependencies: ["RedFlag"]),
    .testTarget(name: "CLITests", dependencies: ["redflag"]),
    .testTarget(name: "RedFlagEvalTests", dependencies: ["RedFlagEval", "RedFlag", "RedFlagRules"]),
    .testTarget(
      name: "RedFlagServerTests",
      dependencies: ["RedFlagServer", .product(name: "HummingbirdTesting", package: "hummingbird")]),
  ]
)
