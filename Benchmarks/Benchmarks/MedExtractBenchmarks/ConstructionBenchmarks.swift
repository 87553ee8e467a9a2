// Construction: dictionary loading, automaton building, opening ICU.

import Benchmark
@_spi(Benchmarks) import MedExtract

/// Registers `Construction/*`: building a `MedExtractor`, as every process
/// of the command line does once.
func registerConstructionBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 50
    )
    Benchmark("Construction/built-in dictionaries", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(makeExtractor(benchConfiguration)) }
    }
    let synthetic = ExtractorConfiguration(userDictionaries: extraDictionaries + [syntheticDictionary])
    Benchmark("Construction/built-in + 30k synthetic entries", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(makeExtractor(synthetic)) }
    }
}
