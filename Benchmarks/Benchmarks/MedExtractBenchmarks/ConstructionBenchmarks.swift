// Construction: dictionary loading, automaton building, opening ICU.

import Benchmark
import Foundation
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
    // The linker alone (built-in registry, link words, place index), which
    // the extractor builds last.
    Benchmark("Construction/linker", configuration: configuration) { benchmark in
        let lexicon = extractor.lexicon
        for _ in benchmark.scaledIterations {
            do {
                blackHole(try DocumentLinker(builtinWith: lexicon))
            } catch {
                benchmark.error("cannot build the linker: \(error)")
            }
        }
    }
    // User dictionaries compile at construction: 30,000 and 100,000 entries
    // (goal for 100,000: 300 ms), reading the file included. The file is
    // written by the process that runs the benchmark, before its first
    // iteration, and removed after its last (every process of the run
    // registers every benchmark, so writing it here would leave one behind
    // in each).
    for (name, count) in [("30k", 30_000), ("100k", 100_000)] {
        Benchmark("Construction/built-in + \(name) synthetic entries", configuration: configuration) { (benchmark: Benchmark, synthetic: ExtractorConfiguration) in
            for _ in benchmark.scaledIterations { blackHole(makeExtractor(synthetic)) }
        } setup: {
            ExtractorConfiguration(userDictionaries: extraDictionaries + [syntheticDictionary(entries: count)])
        } teardown: {
            try? FileManager.default.removeItem(at: syntheticDictionaryURL(entries: count))
        }
    }
}
