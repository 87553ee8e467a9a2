// Custom metrics and the timing helpers that record them.

import Benchmark

/// The UTF-8 bytes processed per second of wall clock in one iteration.
let bytesPerSecond = BenchmarkMetric.custom("UTF-8 bytes/s", polarity: .prefersLarger, useScalingFactor: false)

/// Microseconds of wall clock per megabyte (10^6 bytes) of UTF-8 input in one
/// iteration: the figure to compare across document sizes and kinds of text.
let microsecondsPerMB = BenchmarkMetric.custom("us/MB", polarity: .prefersSmaller, useScalingFactor: false)

/// The metrics of every benchmark that processes text.
let textMetrics: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident, bytesPerSecond, microsecondsPerMB]

/// Runs `body` once, timed, and records `utf8Bytes / time` as bytes per
/// second and time per MB.
@inline(__always)
func measure(_ benchmark: Benchmark, utf8Bytes: Int, _ body: () -> Void) {
    let clock = ContinuousClock()
    let start = clock.now
    body()
    let elapsed = clock.now - start
    let seconds = max(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, 1e-9)
    benchmark.measurement(bytesPerSecond, Int(Double(utf8Bytes) / seconds))
    benchmark.measurement(microsecondsPerMB, Int((seconds * 1e6 / (Double(utf8Bytes) / 1e6)).rounded()))
}

/// Runs `body` over every document of one corpus pass (the benchmark's
/// scaled iterations) and records the throughput.
@inline(__always)
func overCorpus(_ benchmark: Benchmark, _ body: (Int) -> Void) {
    measure(benchmark, utf8Bytes: corpus.utf8Bytes) {
        for i in benchmark.scaledIterations { body(i) }
    }
}
