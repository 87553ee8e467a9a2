// The texts every benchmark reads: the seed documents of `seeds/*.txt`, and
// documents of a given size built from them.

import Foundation

/// The seed documents repeated to `documentCount` documents: the corpus of
/// the extraction, reference and stage benchmarks.
struct Corpus: Sendable {
    /// Documents in one pass; with the `.kilo` scaling factor, one scaled
    /// iteration is one document.
    static let documentCount = 1000

    /// The distinct seed texts, in file-name order.
    let seeds: [String]
    /// UTF-8 bytes of one pass over `documentCount` documents.
    let utf8Bytes: Int

    /// The text of document `i` of a pass.
    func document(_ i: Int) -> String { seeds[i % seeds.count] }

    /// The repository's root directory (this file is
    /// `Benchmarks/Benchmarks/MedExtractBenchmarks/Corpus.swift`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Reads `seeds/*.txt`; stops the run when there is none.
    static func load() -> Corpus {
        let directory = repositoryRoot.appendingPathComponent("seeds")
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

    /// One document of at most `utf8Bytes` bytes (and at least `utf8Bytes`
    /// minus one scalar): the seeds joined by newlines, repeated, cut at a
    /// scalar boundary.
    func document(ofUTF8Bytes utf8Bytes: Int) -> String {
        var scalars = String.UnicodeScalarView()
        var size = 0
        outer: while true {
            for seed in seeds {
                for scalar in seed.unicodeScalars {
                    let width = UTF8.width(scalar)
                    guard size + width <= utf8Bytes else { break outer }
                    scalars.append(scalar)
                    size += width
                }
                guard size + 1 <= utf8Bytes else { break outer }
                scalars.append("\n")
                size += 1
            }
        }
        return String(scalars)
    }

    /// The ideographs (U+4E00 to U+9FFF) of the seeds, in order.
    var ideographs: [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        for seed in seeds {
            for scalar in seed.unicodeScalars where (0x4E00 ... 0x9FFF).contains(scalar.value) { result.append(scalar) }
        }
        return result
    }
}

/// The corpus, read once per benchmark process.
let corpus = Corpus.load()

/// A deterministic pseudo-random sequence (a 64-bit linear congruential
/// generator), so that generated texts are the same in every run.
struct SeededSequence {
    private var state: UInt64

    init(seed: UInt64 = 0x9E37_79B9_7F4A_7C15) { state = seed }

    /// A number in `0 ..< bound`.
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
