// MedExtract benchmarks. One concept a file:
//
// - ConstructionBenchmarks: building an extractor (`Construction/*`);
// - CorpusBenchmarks: full extraction and ICU word segmentation alone, the
//   reference ceiling, over the seed corpus (`Extraction/full`, `Reference/*`);
// - StageBenchmarks: each stage alone on the same corpus (`Stage/*`);
// - LinearityBenchmarks: documents of 1 KB to 50 MB, each size alone and
//   all sizes interleaved in one benchmark (`Size/*`);
// - AdversarialBenchmarks: texts built to find super-linear paths
//   (`Adversarial/*`, texts in AdversarialTexts);
// - RatioBenchmarks: the ratios of the speed goals, each pair timed back to
//   back in one iteration (`Ratio/paired`).
//
// The corpus of `Extraction`, `Reference` and `Stage` is the five seed
// documents (seeds/*.txt) repeated to 1000 documents (about 16 MB of UTF-8).
// One iteration processes the whole corpus and the scaling factor is
// `.kilo`, so scaled metrics (`*` in the output: wall clock, mallocs) are per
// document. `Size` and `Adversarial` iterations process one document (a
// small one repeated to about 1 MB) and are not scaled.
//
// Custom metrics of every text benchmark: "UTF-8 bytes/s" is the text's
// size divided by the iteration's wall clock, "us/MB" the wall clock in
// microseconds per 10^6 bytes of UTF-8 input, comparable across all of them.
//
// Environment:
// - MEDEXTRACT_BENCH_DICTIONARIES: extra dictionary files (colon-separated)
//   loaded as user dictionaries by the extractor under test, to measure with
//   dictionaries that have not landed in the built-in resources yet.
//
// See docs/BENCHMARKS.md for how to run and the measured numbers.

import Benchmark

let benchmarks: @Sendable () -> Void = {
    registerConstructionBenchmarks()
    registerCorpusBenchmarks()
    registerStageBenchmarks()
    registerLinearityBenchmarks()
    registerInterleavedLinearityBenchmark()
    registerAdversarialBenchmarks()
    registerRatioBenchmarks()
}
