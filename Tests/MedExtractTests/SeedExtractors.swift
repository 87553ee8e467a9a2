import Foundation
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

/// Extractors that find entities in the seed documents whatever the
/// built-in rules do: the built-in extractor plus the gold surfaces.
enum SeedExtractors {
    static var directory: URL { SeedCorpus.directory }

    /// The texts of the seed documents, sorted by file name.
    static func texts() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }.sorted()
        return try names.map { try TextFile.read(directory.appendingPathComponent($0).path) }
    }

    /// The gold HOSPITAL, DEPARTMENT and PROCEDURE surfaces as dictionary
    /// entries, so tests find entities whatever the built-in rules do.
    static func goldEntries() throws -> [DictionaryEntry] {
        let contents = try TextFile.read(directory.appendingPathComponent("gold.jsonl").path)
        var entries: [DictionaryEntry] = []
        for line in contents.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let entities = object["entities"] as? [[String: Any]] else { continue }
            for entity in entities {
                guard let text = entity["text"] as? String, let name = entity["label"] as? String,
                      let label = EntityLabel(name: name), label != .figure else { continue }
                entries.append(DictionaryEntry(surface: text, label: .entity(label)))
            }
        }
        return entries
    }

    /// The built-in extractor plus the gold entries, with a chunk size.
    static func extractor(chunkSize: Int = 32_768) -> MedExtractor? {
        guard let entries = try? goldEntries(), !entries.isEmpty else { return nil }
        return try? MedExtractor(configuration: ExtractorConfiguration(userEntries: entries, chunkSize: chunkSize))
    }
}
