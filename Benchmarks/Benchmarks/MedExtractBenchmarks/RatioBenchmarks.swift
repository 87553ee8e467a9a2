// The goals of issue 16 that are ratios, measured as ratios: each iteration
// times the commands to compare one right after the other, on the same
// documents, so that the machine's drifting speed (a shared VM) moves both
// sides of a ratio alike.

import Benchmark
@_spi(Benchmarks) import MedExtract

/// ICU word segmentation alone over the extraction's time, times 100, in one
/// iteration of `Ratio/paired` (goal: at least 150).
let icuOverExtraction = BenchmarkMetric.custom("ICU/extraction x100", polarity: .prefersLarger, useScalingFactor: false)

/// `extractAll(_:jobs: 1)` over `extractAll(_:jobs: 2)`, times 100, in one
/// iteration of `Ratio/paired` (goal: at least 180).
let oneJobOverTwo = BenchmarkMetric.custom("jobs 1/jobs 2 x100", polarity: .prefersLarger, useScalingFactor: false)

/// The extraction's and the reference's times per MB within `Ratio/paired`.
let extractionPerMB = BenchmarkMetric.custom("us/MB extraction", polarity: .prefersSmaller, useScalingFactor: false)
let referencePerMB = BenchmarkMetric.custom("us/MB ICU alone", polarity: .prefersSmaller, useScalingFactor: false)

/// Registers `Ratio/paired`: in each iteration, over the seed corpus (1000
/// documents), ICU word segmentation of every whole document (as
/// `Reference/ICU word segmentation alone`) and `extract(from:)` of every
/// document (as `Extraction/full`), in alternating order from one iteration
/// to the next; then `extractAll(_:jobs: 1)` and `extractAll(_:jobs: 2)` of
/// all of them, also alternating. Each pair's ratio is recorded
/// (`ICU/extraction x100`, `jobs 1/jobs 2 x100`); the percentiles of a
/// ratio are those of the pairs. The command line's ratios (JSON reading
/// and writing, start-up included) are `Benchmarks/cli_vs_icu.sh`'s.
func registerRatioBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, icuOverExtraction, oneJobOverTwo, extractionPerMB, referencePerMB],
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(90),
        maxIterations: 12
    )
    Benchmark("Ratio/paired", configuration: configuration) { (benchmark: Benchmark, documents: [String]) in
        let segmenter = extractor.wordSegmenter
        let icu = {
            seconds {
                for i in documents.indices {
                    var boundaries = 0
                    rawUnits[i % rawUnits.count].withUnsafeBufferPointer { units in
                        segmenter.forEachBoundary(units) { _, end, _ in boundaries &+= end }
                    }
                    blackHole(boundaries)
                }
            }
        }
        let extraction = { seconds { for text in documents { blackHole(extractor.extract(from: text)) } } }
        let jobs = { (count: Int) in seconds { blackHole(extractor.extractAll(documents, jobs: count)) } }
        // Which side runs first alternates between iterations, as the
        // script alternates processes.
        let first = benchmark.currentIteration % 2 == 0
        let (icuTime, extractionTime) = first ? { let a = icu(); return (a, extraction()) }() : { let b = extraction(); return (icu(), b) }()
        let (oneJob, twoJobs) = first ? { let a = jobs(1); return (a, jobs(2)) }() : { let b = jobs(2); return (jobs(1), b) }()
        benchmark.measurement(icuOverExtraction, Int((100 * icuTime / extractionTime).rounded()))
        benchmark.measurement(oneJobOverTwo, Int((100 * oneJob / twoJobs).rounded()))
        benchmark.measurement(extractionPerMB, Int(microsecondsPerMB(seconds: extractionTime, utf8Bytes: corpus.utf8Bytes).rounded()))
        benchmark.measurement(referencePerMB, Int(microsecondsPerMB(seconds: icuTime, utf8Bytes: corpus.utf8Bytes).rounded()))
    } setup: {
        // Build the extractor now, not in the first (measured) iteration.
        blackHole(extractor.stageRecognizers.count)
        return (0 ..< Corpus.documentCount).map { corpus.document($0) }
    }
}
