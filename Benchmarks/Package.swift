// swift-tools-version:6.1
// RedFlag benchmarks: RedFlag measured side by side with peers in the same run, reported as ratios.
// A plain executable with its own timing loop (see README.md for why not ordo-one/benchmark).
import PackageDescription

let package = Package(
  name: "RedFlagBenchmarks",
  dependencies: [
    .package(name: "RedFlag", path: "..")
  ],
  targets: [
    // The ICU reference peer: ICU's word break + NFKC casefold, called directly.
    .systemLibrary(name: "CICURef", path: "Sources/CICURef", pkgConfig: "icu-uc"),
    // Must not import Foundation (Foundation on Linux carries its own ICU).
    .target(name: "ICURef", dependencies: ["CICURef"], path: "Sources/ICURef"),
    .executableTarget(
      name: "redflag-bench",
      dependencies: [
        "ICURef",
        .product(name: "RedFlag", package: "RedFlag"),
        .product(name: "RedFlagText", package: "RedFlag"),
      ],
      path: "Sources/redflag-bench"
    ),
  ]
)
