import Foundation
@_spi(Tooling) import MedExtract

/// Checks a gold JSONL file before it is scored, so that a broken gold file
/// is an error at its line and not a silently wrong score: a document id
/// used twice (the scorer would keep one of them), an entity span out of the
/// text's range or empty, an entity `text` that differs from the span of the
/// document text, an unknown label. Offsets are Unicode-scalar offsets, end
/// exclusive, as ANNOTATION.md defines them. Lines that are not JSON objects
/// are left to the scorer's reader, which reports them.
enum GoldValidation {
    /// The problems of the gold file at `path`, at most a few per line, in
    /// line order; empty when the file is fine or cannot be read (the
    /// scorer's reader reports an unreadable file).
    static func problems(inFile path: String, labels: Set<String>) -> [InputFailure] {
        guard let contents = try? TextFile.read(path) else { return [] }
        return problems(in: contents, path: path, labels: labels)
    }

    /// The problems of gold JSONL `contents`, named as `path:line`.
    static func problems(in contents: String, path: String, labels: Set<String>) -> [InputFailure] {
        var problems: [InputFailure] = []
        var firstLine: [String: Int] = [:]
        var number = 0
        for rawLine in contents.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            if line.allSatisfy({ $0.properties.isWhitespace }) { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(String(line).utf8))) as? [String: Any] else { continue }
            func report(_ reason: String) { problems.append(InputFailure(path: path, line: number, reason: reason)) }
            if let id = object["id"] as? String {
                if let first = firstLine[id] {
                    report("duplicate document id '\(IdEscaping.escaped(id))' (first on line \(first))")
                } else {
                    firstLine[id] = number
                }
            }
            guard let text = object["text"] as? String, let entities = object["entities"] as? [Any] else { continue }
            let scalars = Array(text.unicodeScalars)
            for (n, raw) in entities.enumerated() {
                guard let entity = raw as? [String: Any] else { report("entity \(n + 1): not a JSON object"); continue }
                let label = entity["label"] as? String
                if let label, !labels.contains(label) {
                    report("entity \(n + 1): unknown label '\(label)' (expected \(labels.sorted().joined(separator: ", ")))")
                }
                guard let start = integer(entity["start"]), let end = integer(entity["end"]) else {
                    report("entity \(n + 1): \"start\" and \"end\" must be whole numbers")
                    continue
                }
                guard start >= 0, start < end, end <= scalars.count else {
                    report("entity \(n + 1): span \(start)..<\(end) is \(start >= end ? "empty or reversed" : "out of range") (the text has \(scalars.count) characters)")
                    continue
                }
                if let surface = entity["text"] as? String {
                    let actual = String(String.UnicodeScalarView(scalars[start ..< end]))
                    if surface != actual {
                        report("entity \(n + 1): \"text\" '\(surface)' does not match the span \(start)..<\(end), which holds '\(actual)'")
                    }
                }
            }
        }
        return problems
    }

    /// An integral JSON number as Int (1.0 counts; 1.5 and `true` do not).
    private static func integer(_ value: Any?) -> Int? {
        guard let value, !(type(of: value) == Bool.self) else { return nil }
        if let int = value as? Int { return int }
        guard let double = value as? Double, double.isFinite, double == double.rounded(), abs(double) < 1e15 else { return nil }
        return Int(double)
    }
}
