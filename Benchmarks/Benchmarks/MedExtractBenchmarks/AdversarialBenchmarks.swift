// Adversarial documents: full extraction, time per MB against ordinary text.

import Benchmark
@_spi(Benchmarks) import MedExtract

/// Registers `Adversarial/<name>`: `extract(from:)` on each
/// ``AdversarialText`` at two sizes. Compare `us/MB` with `Size/1 MB`
/// (ordinary text of about the same size), and the two sizes with each other.
func registerAdversarialBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: textMetrics,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 20
    )
    for kind in AdversarialText.allCases {
        for size in kind.sizes {
            Benchmark("Adversarial/\(kind.name(size: size))", configuration: configuration) { benchmark, text in
                measure(benchmark, utf8Bytes: text.utf8.count) { blackHole(extractor.extract(from: text)) }
            } setup: {
                kind.text(size: size)
            }
        }
    }
}
