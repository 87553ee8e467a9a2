// Size linearity: full extraction of documents of 1 KB to 50 MB.

import Benchmark
import CHeapSettle
@_spi(Benchmarks) import MedExtract

/// The document sizes of `Size/*`, in UTF-8 bytes (1 KB = 1000 bytes).
let linearitySizes: [(name: String, utf8Bytes: Int)] = [
    ("1 KB", 1_000), ("64 KB", 64_000), ("1 MB", 1_000_000), ("10 MB", 10_000_000), ("50 MB", 50_000_000),
]

/// The documents one iteration of `Size/<size>` extracts: below 1 MB, the
/// 1 MB document cut into consecutive pieces of `utf8Bytes` (so every size
/// processes the same text); from 1 MB, one document of that size.
func linearityDocuments(utf8Bytes: Int) -> [String] {
    guard utf8Bytes < 1_000_000 else { return [corpus.document(ofUTF8Bytes: utf8Bytes)] }
    let whole = corpus.document(ofUTF8Bytes: 1_000_000)
    var pieces: [String] = []
    var piece = String.UnicodeScalarView()
    var size = 0
    for scalar in whole.unicodeScalars {
        let width = UTF8.width(scalar)
        if size + width > utf8Bytes {
            pieces.append(String(piece))
            piece = String.UnicodeScalarView()
            size = 0
        }
        piece.append(scalar)
        size += width
    }
    if !piece.isEmpty { pieces.append(String(piece)) }
    return pieces
}

/// Registers `Size/<size>`: `extract(from:)` on documents of that size
/// (``linearityDocuments(utf8Bytes:)``): 1 MB of text a iteration in
/// documents of 1 KB or 64 KB, or one document of 1, 10 or 50 MB.
///
/// The metric to compare is `us/MB`: if every stage is linear it is the same
/// for every size (small documents add the fixed cost of one call each).
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
        Benchmark("Size/\(name)", configuration: configuration) { benchmark, documents in
            let bytes = documents.reduce(0) { $0 + $1.utf8.count }
            measure(benchmark, utf8Bytes: bytes) {
                for text in documents { blackHole(extractor.extract(from: text)) }
            }
        } setup: {
            linearityDocuments(utf8Bytes: utf8Bytes)
        }
    }
}

/// The time-per-MB metric of one size in `Size/interleaved`.
func microsecondsPerMB(size name: String) -> BenchmarkMetric {
    .custom("us/MB \(name)", polarity: .prefersSmaller, useScalingFactor: false)
}

/// The slowest size's time per MB over the fastest's, times 100, in one
/// iteration of `Size/interleaved` (goal: at most 150).
let sizeSpread = BenchmarkMetric.custom("slowest/fastest x100", polarity: .prefersSmaller, useScalingFactor: false)

/// The name of the metric of ``registerInterleavedLinearityBenchmark()``
/// for the 1 KB documents extracted by `extractAll(_:jobs: 1)`.
let batchedName = "1 KB, extractAll"

/// Registers `Size/interleaved`: every size of ``linearitySizes`` in each
/// iteration, one after the other, each timed on its own (`us/MB <size>`),
/// so that a change in the machine's load between benchmarks does not pass
/// for a difference between sizes; `slowest/fastest x100` is the spread.
/// Right after the 1 KB documents, the same documents once more through
/// `extractAll(_:jobs: 1)` (`us/MB 1 KB, extractAll`), which extracts a few
/// at a time stage by stage; that figure is not part of the spread.
///
/// Each timed run ends with `heap_settle()` (glibc's `malloc_trim(0)`), which
/// merges the chunks glibc's malloc left unmerged: glibc defers that work to a
/// later allocation, and without the settle the first 1 KB document paid for
/// the 50 MB document's freed results (13 to 22 ms instead of 0.2 to 0.3 ms).
/// The settle after the 50 MB document takes 6 to 20 ms, inside that
/// document's time; it also returns free pages, which the next size refaults
/// (800 to 1,200 more page faults for the 1 MB document, 7,200 to 9,400 for
/// the 10 MB one). See docs/BENCHMARKS.md.
func registerInterleavedLinearityBenchmark() {
    let metrics: [BenchmarkMetric] = [.wallClock, sizeSpread] + linearitySizes.map { microsecondsPerMB(size: $0.name) } + [microsecondsPerMB(size: batchedName)]
    let configuration = Benchmark.Configuration(
        metrics: metrics,
        warmupIterations: 0,
        scalingFactor: .one,
        maxDuration: .seconds(120),
        maxIterations: 5
    )
    Benchmark("Size/interleaved", configuration: configuration) { (benchmark: Benchmark, documents: [[String]]) in
        var perMB: [Double] = []
        for (index, (name, _)) in linearitySizes.enumerated() {
            let pieces = documents[index]
            let bytes = pieces.reduce(0) { $0 + $1.utf8.count }
            let elapsed = seconds {
                for text in pieces { blackHole(extractor.extract(from: text)) }
                // The allocator's deferred work on this size's freed results,
                // here rather than in the first documents of the next size.
                blackHole(heap_settle())
            }
            let microseconds = microsecondsPerMB(seconds: elapsed, utf8Bytes: bytes)
            perMB.append(microseconds)
            benchmark.measurement(microsecondsPerMB(size: name), Int(microseconds.rounded()))
            guard name == "1 KB" else { continue }
            // The 1 KB documents again, right after, through the batch API
            // (not in the spread).
            let batched = seconds {
                blackHole(extractor.extractAll(pieces, jobs: 1))
                blackHole(heap_settle())
            }
            benchmark.measurement(microsecondsPerMB(size: batchedName), Int(microsecondsPerMB(seconds: batched, utf8Bytes: bytes).rounded()))
        }
        if let slowest = perMB.max(), let fastest = perMB.min(), fastest > 0 {
            benchmark.measurement(sizeSpread, Int((100 * slowest / fastest).rounded()))
        }
    } setup: {
        // Build the extractor now, not in the first (measured) iteration.
        blackHole(extractor.stageRecognizers.count)
        return linearitySizes.map { linearityDocuments(utf8Bytes: $0.utf8Bytes) }
    }
}
