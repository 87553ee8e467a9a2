// Each stage of the pipeline alone, on the seed corpus.

import Benchmark
@_spi(Benchmarks) import MedExtract

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

/// Each seed's entities as `extract(from:)` returns them, with the
/// attributes the linker sets (hospital, division, province, city) cleared:
/// the linker's input.
let unlinkedSeedEntities: [[Entity]] = corpus.seeds.map { seed in
    extractor.extract(from: seed).map { entity in
        var unlinked = entity
        unlinked.attributes.hospital = nil
        unlinked.attributes.division = nil
        unlinked.attributes.province = nil
        unlinked.attributes.city = nil
        return unlinked
    }
}

/// The extractor's own linker (built-in registry and link words, the
/// lexicon's archived places and hospital names); stops the run when the
/// extractor has none.
func makeLinker() -> DocumentLinker {
    guard let linker = extractor.linker else { fatalError("the extractor under test has no linker") }
    return linker
}

/// Registers `Stage/*`: normalisation, dictionary matching, every
/// recogniser, ICU on the requested clauses, overlap resolution, all of
/// candidate extraction with the document alias pass, linking.
func registerStageBenchmarks() {
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
    // Matching, every recogniser, resolution and the alias pass (learning
    // aliases a document declares, a second resolution when it has some):
    // the stages above together plus the alias pass.
    Benchmark("Stage/candidates with alias pass", configuration: corpusConfiguration) { benchmark in
        overCorpus(benchmark) { i in blackHole(extractor.resolvedCandidates(in: normalizedSeeds[i % normalizedSeeds.count])) }
    }
    // Linking departments to hospitals and hospitals to places
    // (`DocumentLinker.link(_:in:)`), on the entities of each document.
    Benchmark("Stage/linking", configuration: corpusConfiguration) { benchmark in
        let linker = makeLinker()
        overCorpus(benchmark) { i in
            let seed = i % corpus.seeds.count
            blackHole(linker.link(unlinkedSeedEntities[seed], in: corpus.seeds[seed]))
        }
    }
}
