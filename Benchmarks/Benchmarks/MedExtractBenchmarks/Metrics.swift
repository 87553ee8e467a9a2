// Custom metrics and the timing helpers that record them.

import Benchmark

/// The UTF-8 bytes processed per second of wall clock in one iteration.
let bytesPerSecond = BenchmarkMetric.custom("UTF-8 bytes/s", polarity: .prefersLarger, useScalingFactor: false)

/// Microseconds of wall clock per megabyte (10^6 bytes) of UTF-8 input in one
/// iteration: the figure to compare across document sizes and kinds of text.
let microsecondsPerMB = BenchmarkMetric.custom("us/MB", polarity: .prefersSmaller, useScalingFactor: false)

/// The metrics of every benchmark that processes text.
let textMetrics: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident, bytesPerSecond, microsecondsPerMB]

/// The wall-clock seconds `body` takes (at least a nanosecond).
@inline(__always)
func seconds(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    body()
    let elapsed = clock.now - start
    return max(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, 1e-9)
}

/// Microseconds per 10^6 bytes for `utf8Bytes` processed in `seconds`.
func microsecondsPerMB(seconds: Double, utf8Bytes: Int) -> Double {
    seconds * 1e6 / (Double(max(utf8Bytes, 1)) / 1e6)
}

/// Runs `body` once, timed, and records `utf8Bytes / time` as bytes per
/// second and time per MB.
@inline(__always)
func measure(_ benchmark: Benchmark, utf8Bytes: Int, _ body: () -> Void) {
    let elapsed = seconds(body)
    benchmark.measurement(bytesPerSecond, Int(Double(utf8Bytes) / elapsed))
    benchmark.measurement(microsecondsPerMB, Int(microsecondsPerMB(seconds: elapsed, utf8Bytes: utf8Bytes).rounded()))
}

/// Runs `body` over every document of one corpus pass (the benchmark's
/// scaled iterations) and records the throughput.
@inline(__always)
func overCorpus(_ benchmark: Benchmark, _ body: (Int) -> Void) {
    measure(benchmark, utf8Bytes: corpus.utf8Bytes) {
        for i in benchmark.scaledIterations { body(i) }
    }
}
