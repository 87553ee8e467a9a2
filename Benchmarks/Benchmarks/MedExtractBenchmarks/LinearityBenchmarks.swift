// Size linearity: full extraction of one document of 1 KB to 50 MB.

import Benchmark
@_spi(Benchmarks) import MedExtract

/// The document sizes of `Size/*`, in UTF-8 bytes (1 KB = 1000 bytes).
let linearitySizes: [(name: String, utf8Bytes: Int)] = [
    ("1 KB", 1_000), ("64 KB", 64_000), ("1 MB", 1_000_000), ("10 MB", 10_000_000), ("50 MB", 50_000_000),
]

/// How many times one iteration extracts a document of `utf8Bytes` bytes:
/// enough for about 1 MB of text, so that small documents are timed over
/// more than a clock tick.
func repetitions(forUTF8Bytes utf8Bytes: Int) -> Int { max(1, 1_000_000 / max(utf8Bytes, 1)) }

/// Registers `Size/<size>`: `extract(from:)` on one document of that size,
/// built from the seeds joined and repeated (``Corpus/document(ofUTF8Bytes:)``).
///
/// The metric to compare is `us/MB`: if every stage is linear it is the same
/// for every size (a small document adds the fixed cost of one call).
func registerLinearityBenchmarks() {
    for (name, utf8Bytes) in linearitySizes {
        let large = utf8Bytes >= 10_000_000
        let configuration = Benchmark.Configuration(
            metrics: textMetrics,
            warmupIterations: 1,
            scalingFactor: .one,
            maxDuration: .seconds(large ? 20 : 5),
            maxIterations: large ? 5 : 20
        )
        let count = repetitions(forUTF8Bytes: utf8Bytes)
        Benchmark("Size/\(name)", configuration: configuration) { benchmark, text in
            measure(benchmark, utf8Bytes: text.utf8.count * count) {
                for _ in 0 ..< count { blackHole(extractor.extract(from: text)) }
            }
        } setup: {
            corpus.document(ofUTF8Bytes: utf8Bytes)
        }
    }
}
