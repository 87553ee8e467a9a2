// MedExtract benchmarks: extractor construction, full extraction, each stage
// alone, and ICU word segmentation alone as the reference ceiling.
//
// Every text benchmark runs over the same corpus: the five seed documents
// (seeds/*.txt) repeated to 1000 documents (about 16 MB of UTF-8). One
// benchmark iteration processes the whole corpus and the scaling factor is
// `.kilo`, so scaled metrics (`*` in the output: wall clock, mallocs) are per
// document. The custom metric "UTF-8 bytes/s" is the corpus size divided by
// the iteration's wall-clock time.
//
// Environment:
// - MEDEXTRACT_BENCH_DICTIONARIES: extra dictionary files (colon-separated)
//   loaded as user dictionaries by the extractor under test, to measure with
//   dictionaries that have not landed in the built-in resources yet.
//
// See docs/BENCHMARKS.md for how to run and the measured numbers.

import Benchmark
import Foundation
@_spi(Benchmarks) import MedExtract

// MARK: - Corpus

/// The seed documents repeated to `documentCount` documents.
struct Corpus: Sendable {
    /// Documents in one pass; with the `.kilo` scaling factor, one scaled
    /// iteration is one document.
    static let documentCount = 1000

    /// The distinct seed texts.
    let seeds: [String]
    /// UTF-8 bytes of one pass over `documentCount` documents.
    let utf8Bytes: Int

    /// The text of document `i` of a pass.
    func document(_ i: Int) -> String { seeds[i % seeds.count] }

    static func load() -> Corpus {
        // Benchmarks/Benchmarks/MedExtractBenchmarks/<this file> → repository root.
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let directory = root.appendingPathComponent("seeds")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".txt") }.sorted()
        let seeds = names.compactMap { name -> String? in
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
        precondition(!seeds.isEmpty, "no seed documents in \(directory.path)")
        var bytes = 0
        for i in 0 ..< documentCount { bytes += seeds[i % seeds.count].utf8.count }
        return Corpus(seeds: seeds, utf8Bytes: bytes)
    }
}

let corpus = Corpus.load()

// MARK: - Extractors

/// Extra dictionaries named by MEDEXTRACT_BENCH_DICTIONARIES.
let extraDictionaries: [URL] = (ProcessInfo.processInfo.environment["MEDEXTRACT_BENCH_DICTIONARIES"] ?? "")
    .split(separator: ":").map { URL(fileURLWithPath: String($0)) }

/// The configuration of the extractor under test.
let benchConfiguration = ExtractorConfiguration(userDictionaries: extraDictionaries)

/// A dictionary of about 30,000 synthetic entries, written once to a
/// temporary file: ideograph runs cut from the seeds plus an entity head
/// (`医院`, `科`, `术` …), shaped like the built-in dictionaries' entries.
let syntheticDictionary: URL = {
    let heads: [(String, String)] = [
        ("医院", "HOSPITAL"), ("人民医院", "HOSPITAL"), ("中医医院", "HOSPITAL"), ("妇幼保健院", "HOSPITAL"),
        ("中心医院", "HOSPITAL"), ("科", "DEPARTMENT"), ("医学科", "DEPARTMENT"), ("外科", "DEPARTMENT"),
        ("中心", "DEPARTMENT"), ("术", "PROCEDURE"), ("切除术", "PROCEDURE"), ("成形术", "PROCEDURE"),
        ("检查", "PROCEDURE"), ("治疗", "PROCEDURE"), ("基层医院", "IGNORE"),
    ]
    var ideographs: [Unicode.Scalar] = []
    for seed in corpus.seeds {
        for scalar in seed.unicodeScalars where (0x4E00 ... 0x9FFF).contains(scalar.value) { ideographs.append(scalar) }
    }
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    var seen = Set<String>()
    var lines = ["# synthetic benchmark dictionary"]
    while seen.count < 30_000 {
        let length = 2 + next(5)
        let start = next(ideographs.count - length)
        var surface = String(String.UnicodeScalarView(ideographs[start ..< start + length]))
        let (head, label) = heads[next(heads.count)]
        surface += head
        guard seen.insert(surface).inserted else { continue }
        lines.append("\(surface)\t\(label)")
    }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("medextract-bench-synthetic-\(getpid()).tsv")
    _ = FileManager.default.createFile(atPath: url.path, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
    return url
}()

/// Builds an extractor or stops the benchmark run with the reason.
func makeExtractor(_ configuration: ExtractorConfiguration) -> MedExtractor {
    do {
        return try MedExtractor(configuration: configuration)
    } catch {
        fatalError("cannot build the extractor: \(error)")
    }
}

let extractor = makeExtractor(benchConfiguration)

// MARK: - Stage inputs (computed once, for the distinct seeds)

/// Each seed as raw UTF-16 (the ICU reference input).
let rawUnits: [[UInt16]] = corpus.seeds.map { Array($0.utf16) }
/// Each seed normalised.
let normalizedSeeds: [NormalizedText] = corpus.seeds.map { TextNormalizer().normalize($0) }
/// Each seed's lexicon matches.
let seedMatches: [[LexiconMatch]] = normalizedSeeds.map { text in
    text.units.withUnsafeBufferPointer { extractor.lexicon.matches(in: $0) }
}
/// Each seed's candidates from all recognisers, and the clauses they had segmented.
let seedCandidates: [(candidates: [Candidate], clauses: [Range<Int>])] = normalizedSeeds.indices.map { i in
    let context = extractor.recognitionContext(for: normalizedSeeds[i], matches: seedMatches[i])
    var candidates: [Candidate] = []
    for recognizer in extractor.stageRecognizers { recognizer.recognize(context, into: &candidates) }
    return (candidates, context.segmentedClauses)
}

// MARK: - Benchmarks

/// Reports the corpus throughput of one iteration.
let bytesPerSecond = BenchmarkMetric.custom("UTF-8 bytes/s", polarity: .prefersLarger, useScalingFactor: false)

/// Runs `body` over every document of one corpus pass and records the throughput.
@inline(__always)
func overCorpus(_ benchmark: Benchmark, _ body: (Int) -> Void) {
    let clock = ContinuousClock()
    let start = clock.now
    for i in benchmark.scaledIterations { body(i) }
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    benchmark.measurement(bytesPerSecond, Int(Double(corpus.utf8Bytes) / max(seconds, 1e-9)))
}

let benchmarks: @Sendable () -> Void = {
    precondition(Corpus.documentCount == BenchmarkScalingFactor.kilo.rawValue)

    let textMetrics: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident, bytesPerSecond]
    let corpusConfiguration = Benchmark.Configuration(
        metrics: textMetrics,
        warmupIterations: 1,
        scalingFactor: .kilo,
        maxDuration: .seconds(10),
        maxIterations: 10
    )
    let constructionConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 50
    )

    // Construction: dictionary loading, automaton building, ICU iterator.
    Benchmark("Construction/built-in dictionaries", configuration: constructionConfiguration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(makeExtractor(benchConfiguration)) }
    }
    let synthetic = ExtractorConfiguration(userDictionaries: extraDictionaries + [syntheticDictionary])
    Benchmark("Construction/built-in + 30k synthetic entries", configuration: constructionConfiguration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(makeExtractor(synthetic)) }
    }

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

    // Each stage alone on the same text.
    Benchmark("Stage/normalisation", configuration: corpusConfiguration) { benchmark in
        let normalizer = TextNormalizer()
        overCorpus(benchmark) { i in blackHole(normalizer.normalize(corpus.document(i))) }
    }
    Benchmark("Stage/dictionary matching", configuration: corpusConfiguration) { benchmark in
        overCorpus(benchmark) { i in
            normalizedSeeds[i % normalizedSeeds.count].units.withUnsafeBufferPointer { blackHole(extractor.lexicon.matches(in: $0)) }
        }
    }
    // Every recogniser by type name (dictionary, rules, figures …); each gets
    // a fresh context, so the ICU segmentation it asks for is included.
    for (index, recognizer) in extractor.stageRecognizers.enumerated() {
        let name = String(describing: type(of: recognizer))
        Benchmark("Stage/recogniser \(index) \(name)", configuration: corpusConfiguration) { benchmark in
            overCorpus(benchmark) { i in
                let seed = i % normalizedSeeds.count
                let context = extractor.recognitionContext(for: normalizedSeeds[seed], matches: seedMatches[seed])
                var candidates: [Candidate] = []
                recognizer.recognize(context, into: &candidates)
                blackHole(candidates)
            }
        }
    }
    // ICU segmentation of exactly the clauses the recognisers asked about.
    Benchmark("Stage/ICU segmentation of requested clauses", configuration: corpusConfiguration) { benchmark in
        let segmenter = extractor.wordSegmenter
        overCorpus(benchmark) { i in
            let seed = i % normalizedSeeds.count
            var boundaries = 0
            normalizedSeeds[seed].units.withUnsafeBufferPointer { buffer in
                for clause in seedCandidates[seed].clauses {
                    segmenter.forEachBoundary(UnsafeBufferPointer(rebasing: buffer[clause])) { _, end, _ in boundaries &+= end }
                }
            }
            blackHole(boundaries)
        }
    }
    Benchmark("Stage/overlap resolution", configuration: corpusConfiguration) { benchmark in
        let resolver = extractor.overlapResolver
        overCorpus(benchmark) { i in
            let seed = i % normalizedSeeds.count
            blackHole(resolver.resolve(seedCandidates[seed].candidates, length: normalizedSeeds[seed].count))
        }
    }
}
