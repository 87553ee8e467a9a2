import ArgumentParser
import Foundation
import MedExtract

/// The output formats of `medextract extract`.
public enum OutputFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// A readable listing for people.
    case text
    /// One JSON object a line per document: `{"id", "entities": [...]}`.
    case jsonl
    /// One JSON array of those objects.
    case json
    /// Character-level BIO tags, one character a line (see ``CoNLLWriter``).
    case conll
    /// brat standoff: `ID.txt` and `ID.ann` per document in the `--output` directory.
    case brat
    /// doccano JSONL: `{"id", "text", "label": [[start, end, "LABEL"], ...]}`,
    /// offsets in UTF-16 code units as doccano counts them.
    case doccano
}

/// Writes extraction results in one format, document by document, in input order.
protocol DocumentWriter {
    /// Called once before the first document.
    mutating func begin(_ sink: OutputSink) throws
    /// Writes one document's result.
    mutating func write(_ document: InputDocument, entities: [Entity], to sink: OutputSink) throws
    /// Called once after the last document.
    mutating func end(_ sink: OutputSink) throws
}

extension OutputFormat {
    /// Whether the format writes files into a directory rather than one stream.
    var writesDirectory: Bool { self == .brat }

    /// A writer for this format; `directory` is where ``brat`` writes its
    /// files, `offsets` what JSONL and JSON offsets count.
    func makeWriter(directory: String? = nil, offsets: OffsetUnit = .scalar) -> any DocumentWriter {
        switch self {
        case .text: TextWriter()
        case .jsonl: JSONLinesWriter(offsets: offsets)
        case .json: JSONArrayWriter(offsets: offsets)
        case .conll: CoNLLWriter()
        case .doccano: DoccanoWriter()
        case .brat: BratWriter(directory: directory ?? ".")
        }
    }
}

struct JSONLinesWriter: DocumentWriter {
    var offsets: OffsetUnit = .scalar
    mutating func begin(_ sink: OutputSink) throws {}
    mutating func write(_ document: InputDocument, entities: [Entity], to sink: OutputSink) throws {
        try EntityJSON.write(id: document.id, entities: entities, text: document.text, offsets: offsets, to: sink)
        try sink.write("\n")
    }
    mutating func end(_ sink: OutputSink) throws {}
}

struct JSONArrayWriter: DocumentWriter {
    var offsets: OffsetUnit = .scalar
    private var count = 0
    init(offsets: OffsetUnit = .scalar) { self.offsets = offsets }
    mutating func begin(_ sink: OutputSink) throws { try sink.write("[") }
    mutating func write(_ document: InputDocument, entities: [Entity], to sink: OutputSink) throws {
        try sink.write(count == 0 ? "\n" : ",\n")
        try EntityJSON.write(id: document.id, entities: entities, text: document.text, offsets: offsets, to: sink)
        count += 1
    }
    mutating func end(_ sink: OutputSink) throws { try sink.writeLine(count == 0 ? "]" : "\n]") }
}

/// `# id (origin): N entities` (tabs, line breaks and backslashes in the id
/// escaped as `\t`, `\n`, `\r`, `\\`), then one aligned line per entity: label,
/// scalar offsets, the surface (line breaks shown as ⏎) and its attributes.
struct TextWriter: DocumentWriter {
    mutating func begin(_ sink: OutputSink) throws {}
    mutating func write(_ document: InputDocument, entities: [Entity], to sink: OutputSink) throws {
        try sink.writeLine("# \(IdEscaping.escaped(document.id)) (\(IdEscaping.escaped(document.origin))): \(entities.count) entities")
        for entity in entities {
            let surface = entity.text.replacingOccurrences(of: "\n", with: "⏎")
            var line = entity.label.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
            line += "\(entity.scalarOffsets.lowerBound)-\(entity.scalarOffsets.upperBound)".padding(toLength: 12, withPad: " ", startingAt: 0)
            line += surface
            var attributes: [String] = []
            let a = entity.attributes
            if let canonical = a.canonical, canonical != entity.text { attributes.append("canonical=\(canonical)") }
            if let code = a.code { attributes.append("code=\(code)") }
            if let figure = a.figure {
                attributes.append("kind=\(figure.kind.rawValue)")
                if let value = figure.value {
                    attributes.append("value=\(JSONText.number(value))" + (figure.high.map { "-\(JSONText.number($0))" } ?? ""))
                }
                if let unit = figure.unit { attributes.append("unit=\(unit)") }
                if let qualifier = figure.qualifier { attributes.append("qualifier=\(qualifier.rawValue)") }
            }
            if !attributes.isEmpty { line += "  [" + attributes.joined(separator: " ") + "]" }
            try sink.writeLine(line)
        }
        try sink.writeLine("")
    }
    mutating func end(_ sink: OutputSink) throws {}
}
