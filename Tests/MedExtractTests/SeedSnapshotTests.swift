import Foundation
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract
import Testing

/// Pins the extractor's whole output (spans, labels, attributes, figure values
/// and links) on the seed documents, so a refactor that is meant to preserve
/// behaviour is checked to do so byte for byte. A deliberate change of
/// behaviour regenerates the snapshot:
/// `MEDEXTRACT_WRITE_SNAPSHOTS=1 swift test --filter SeedSnapshotTests`
/// (review the diff of `Tests/MedExtractTests/Snapshots/seeds.jsonl`).
@Suite("Seed output snapshot")
struct SeedSnapshotTests {
    static let snapshot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots/seeds.jsonl")

    @Test func seedOutputIsUnchanged() throws {
        let extractor = try MedExtractor()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines: [String] = []
        for name in SeedCorpus.textFileNames {
            let entities = extractor.extract(from: try SeedCorpus.text(name))
            let json = String(decoding: try encoder.encode(entities), as: UTF8.self)
            lines.append("{\"id\":\"\(name)\",\"entities\":\(json)}")
        }
        let output = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["MEDEXTRACT_WRITE_SNAPSHOTS"] == "1" {
            try output.write(to: Self.snapshot, atomically: true, encoding: .utf8)
            return
        }
        let pinned = try String(contentsOf: Self.snapshot, encoding: .utf8)
        #expect(!SeedCorpus.textFileNames.isEmpty)
        let a = pinned.split(separator: "\n"), b = output.split(separator: "\n")
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) where x != y {
            Issue.record("seed output changed:\n  pinned: \(x.prefix(400))\n  now:    \(y.prefix(400))")
        }
    }
}
