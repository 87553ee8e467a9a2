// The extractors under test and the synthetic dictionary of the
// construction benchmark.

import Foundation
@_spi(Benchmarks) import MedExtract

/// Extra dictionaries named by MEDEXTRACT_BENCH_DICTIONARIES.
let extraDictionaries: [URL] = (ProcessInfo.processInfo.environment["MEDEXTRACT_BENCH_DICTIONARIES"] ?? "")
    .split(separator: ":").map { URL(fileURLWithPath: String($0)) }

/// The configuration of the extractor under test.
let benchConfiguration = ExtractorConfiguration(userDictionaries: extraDictionaries)

/// A dictionary of `count` synthetic entries, written to a temporary file:
/// ideograph runs cut from the seeds plus an entity head (`医院`, `科`, `术` …),
/// shaped like the built-in dictionaries' entries. The same seed every time,
/// so a smaller dictionary is the start of a larger one.
func syntheticDictionary(entries count: Int) -> URL {
    let heads: [(String, String)] = [
        ("医院", "HOSPITAL"), ("人民医院", "HOSPITAL"), ("中医医院", "HOSPITAL"), ("妇幼保健院", "HOSPITAL"),
        ("中心医院", "HOSPITAL"), ("科", "DEPARTMENT"), ("医学科", "DEPARTMENT"), ("外科", "DEPARTMENT"),
        ("中心", "DEPARTMENT"), ("术", "PROCEDURE"), ("切除术", "PROCEDURE"), ("成形术", "PROCEDURE"),
        ("检查", "PROCEDURE"), ("治疗", "PROCEDURE"), ("基层医院", "IGNORE"),
    ]
    let ideographs = corpus.ideographs
    var random = SeededSequence()
    var seen = Set<String>()
    var lines = ["# synthetic benchmark dictionary"]
    while seen.count < count {
        let length = 2 + random.next(5)
        let start = random.next(ideographs.count - length)
        var surface = String(String.UnicodeScalarView(ideographs[start ..< start + length]))
        let (head, label) = heads[random.next(heads.count)]
        surface += head
        guard seen.insert(surface).inserted else { continue }
        lines.append("\(surface)\t\(label)")
    }
    let url = syntheticDictionaryURL(entries: count)
    _ = FileManager.default.createFile(atPath: url.path, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
    return url
}

/// Where ``syntheticDictionary(entries:)`` writes the dictionary of `count`
/// entries in this process.
func syntheticDictionaryURL(entries count: Int) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("medextract-bench-synthetic-\(count)-\(getpid()).tsv")
}

/// Builds an extractor or stops the benchmark run with the reason.
func makeExtractor(_ configuration: ExtractorConfiguration) -> MedExtractor {
    do {
        return try MedExtractor(configuration: configuration)
    } catch {
        fatalError("cannot build the extractor: \(error)")
    }
}

/// The extractor every text benchmark runs.
let extractor = makeExtractor(benchConfiguration)
