// The whole pipeline and its reference on the seed corpus.

import Benchmark
@_spi(Benchmarks) import MedExtract

/// Each seed as raw UTF-16 (the ICU reference input).
let rawUnits: [[UInt16]] = corpus.seeds.map { Array($0.utf16) }

/// The configuration of every benchmark over the seed corpus: one iteration
/// is one pass over the 1000 documents, scaled metrics are per document.
var corpusConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: textMetrics,
        warmupIterations: 1,
        scalingFactor: .kilo,
        maxDuration: .seconds(30),
        maxIterations: 10
    )
}

/// Registers `Extraction/full` and `Reference/ICU word segmentation alone`.
func registerCorpusBenchmarks() {
    precondition(Corpus.documentCount == BenchmarkScalingFactor.kilo.rawValue)

    // The whole pipeline, as `medextract extract` runs it per document.
    Benchmark("Extraction/full", configuration: corpusConfiguration) { benchmark in
        overCorpus(benchmark) { i in blackHole(extractor.extract(from: corpus.document(i))) }
    }

    // The reference ceiling: ICU word segmentation of every document, whole.
    Benchmark("Reference/ICU word segmentation alone", configuration: corpusConfiguration) { benchmark in
        let segmenter = extractor.wordSegmenter
        overCorpus(benchmark) { i in
            var boundaries = 0
            rawUnits[i % rawUnits.count].withUnsafeBufferPointer { units in
                segmenter.forEachBoundary(units) { _, end, _ in boundaries &+= end }
            }
            blackHole(boundaries)
        }
    }
}
