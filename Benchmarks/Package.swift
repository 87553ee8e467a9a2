// swift-tools-version: 6.1
//
// MedExtract's benchmarks, a package of their own so that users of the
// library never resolve ordo-one/benchmark. Run from this directory:
//
//     swift package benchmark
//
// and, for the command line against ICU word segmentation alone as whole
// processes, `./cli_vs_icu.sh`. See docs/BENCHMARKS.md.

import PackageDescription

let package = Package(
    name: "MedExtractBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "MedExtract", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "MedExtractBenchmarks",
            dependencies: [
                .product(name: "MedExtract", package: "MedExtract"),
                .product(name: "Benchmark", package: "benchmark"),
                "CHeapSettle",
            ],
            path: "Benchmarks/MedExtractBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
        // Settles glibc's malloc between the sizes of `Size/interleaved` (see
        // its header).
        .target(name: "CHeapSettle", path: "Sources/CHeapSettle"),
        // The reference process for the command line: reads the same JSONL
        // and runs ICU word segmentation alone (see cli_vs_icu.sh).
        .executableTarget(
            name: "icu-segment",
            dependencies: [
                .product(name: "MedExtract", package: "MedExtract"),
            ],
            path: "Sources/icu-segment"
        ),
    ],
    swiftLanguageModes: [.v6]
)
