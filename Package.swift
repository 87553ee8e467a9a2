// swift-tools-version: 6.1
//
// MedExtract: find hospitals, departments, medical procedures and figures in
// Chinese medical and health-news text.
//
// The benchmark target lives in its own package under `Benchmarks/` so that
// library users never resolve its dependencies.

import PackageDescription

let package = Package(
    name: "MedExtract",
    // Synchronization.Mutex (the word segmenter's pool) needs these.
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "MedExtract", targets: ["MedExtract"]),
        // Helpers for users' own test targets: dictionary checks and inline
        // sentence fixtures, usable from XCTest and Swift Testing alike.
        .library(name: "MedExtractTesting", targets: ["MedExtractTesting"]),
        .executable(name: "medextract", targets: ["medextract"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // `swift package generate-documentation --target MedExtract` (DocC).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // Plain C functions over ICU's word break iterator. ICU renames every
        // C function with a version suffix through macros, which Swift cannot
        // import, so the calls are made from C.
        .target(
            name: "CICU",
            linkerSettings: [
                .linkedLibrary("icuuc"),
                .linkedLibrary("icudata"),
            ]
        ),
        .target(
            name: "MedExtract",
            dependencies: ["CICU"],
            resources: [.copy("Resources/Dictionaries")]
        ),
        // Fixture format, fixture runner, dictionary checker and linter. Depends
        // on MedExtract only (no XCTest, no Testing): failures are values.
        .target(
            name: "MedExtractTesting",
            dependencies: ["MedExtract"]
        ),
        // The command-line tool's logic, a library so that tests can drive it.
        .target(
            name: "MedExtractCLI",
            dependencies: [
                "MedExtract",
                "MedExtractTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "medextract",
            dependencies: ["MedExtractCLI"]
        ),
        .testTarget(
            name: "MedExtractTests",
            dependencies: [
                "MedExtract",
                "MedExtractCLI",
                "MedExtractTesting",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Snapshots"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
