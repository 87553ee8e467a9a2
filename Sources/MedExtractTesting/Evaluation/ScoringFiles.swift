import Foundation
import MedExtract

/// Reads gold and prediction JSONL files (format: ANNOTATION.md) the way
/// `score.py` does: blank lines skipped, documents keyed by id (a repeated id
/// keeps its first position and its last content).
public enum ScoringFiles {
    /// The documents of a gold file, in file order.
    /// - Throws: ``ScoringFileError`` for an unreadable file or a line without
    ///   `id`, `text` or well-formed `entities`.
    public static func loadGold(_ path: String) throws(ScoringFileError) -> [GoldDocument] {
        var order: [String] = []
        var documents: [String: GoldDocument] = [:]
        try forEachObject(path) { (object, line) throws(ScoringFileError) in
            let id = try documentID(object, path: path, line: line)
            guard let text = object["text"] as? String else {
                throw ScoringFileError(path: path, line: line, reason: "missing or non-string \"text\"")
            }
            let entities = try parseEntities(object["entities"], path: path, line: line, lenient: false)
            if documents.updateValue(GoldDocument(id: id, text: text, entities: entities), forKey: id) == nil { order.append(id) }
        }
        return order.compactMap { documents[$0] }
    }

    /// The entities of a prediction file by document id (`{"id", "entities"}` lines;
    /// entities without a label are skipped as `score.py` skips them).
    public static func loadPredictions(_ path: String) throws(ScoringFileError) -> [String: [ScoredEntity]] {
        var predictions: [String: [ScoredEntity]] = [:]
        try forEachObject(path) { (object, line) throws(ScoringFileError) in
            let id = try documentID(object, path: path, line: line)
            predictions[id] = try parseEntities(object["entities"], path: path, line: line, lenient: true)
        }
        return predictions
    }

    static func forEachObject(_ path: String, _ body: ([String: Any], Int) throws(ScoringFileError) -> Void) throws(ScoringFileError) {
        let contents: String
        do {
            contents = try TextFile.read(path)
        } catch {
            // The library's error names the file already; keep only the reason.
            switch error {
            case .unreadableFile(_, let reason): throw ScoringFileError(path: path, reason: "cannot read: \(reason)")
            case .invalidUTF8(_, let offset): throw ScoringFileError(path: path, reason: "invalid UTF-8 at byte offset \(offset)")
            default: throw ScoringFileError(path: path, reason: error.description)
            }
        }
        var number = 0
        for rawLine in contents.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            if line.allSatisfy({ $0.properties.isWhitespace }) { continue }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(String(line).utf8), options: [.fragmentsAllowed])
            } catch {
                throw ScoringFileError(path: path, line: number, reason: "not JSON")
            }
            guard let dictionary = object as? [String: Any] else {
                throw ScoringFileError(path: path, line: number, reason: "expected a JSON object")
            }
            try body(dictionary, number)
        }
    }

    static func documentID(_ object: [String: Any], path: String, line: Int) throws(ScoringFileError) -> String {
        switch object["id"] {
        case let id as String: return id
        case let id as NSNumber: return id.stringValue
        default: throw ScoringFileError(path: path, line: line, reason: "missing or non-string \"id\"")
        }
    }

    static func parseEntities(_ value: Any?, path: String, line: Int, lenient: Bool) throws(ScoringFileError) -> [ScoredEntity] {
        guard let value, !(value is NSNull) else {
            if lenient { return [] }
            throw ScoringFileError(path: path, line: line, reason: "missing \"entities\"")
        }
        guard let list = value as? [Any] else { throw ScoringFileError(path: path, line: line, reason: "\"entities\" is not an array") }
        var entities: [ScoredEntity] = []
        for (i, item) in list.enumerated() {
            guard let object = item as? [String: Any] else {
                throw ScoringFileError(path: path, line: line, reason: "entity \(i) is not an object")
            }
            guard let label = object["label"] as? String else {
                if lenient { continue }
                throw ScoringFileError(path: path, line: line, reason: "entity \(i) has no \"label\"")
            }
            guard let start = (object["start"] as? NSNumber)?.intValue, let end = (object["end"] as? NSNumber)?.intValue else {
                throw ScoringFileError(path: path, line: line, reason: "entity \(i) needs integer \"start\" and \"end\"")
            }
            entities.append(ScoredEntity(start: start, end: end, label: label, kind: object["kind"] as? String))
        }
        return entities
    }
}
