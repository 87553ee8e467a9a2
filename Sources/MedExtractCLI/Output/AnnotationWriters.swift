import Foundation
import MedExtract

/// Character-level BIO tags for training sequence taggers.
///
/// For each document: a `-DOCSTART- ID` line, then one line per Unicode scalar
/// of the original text, `char<TAB>tag` with tags `B-LABEL` (first character of
/// an entity), `I-LABEL` (the others) and `O`, then a blank line. Whitespace
/// and control characters (line breaks, spaces, ideographic spaces, tabs) are
/// skipped: they get no line, so an entity broken across lines reads
/// `B-HOSPITAL I-HOSPITAL …` without a gap. Offsets are recovered by aligning
/// the characters with the document text.
struct CoNLLWriter: DocumentWriter {
    /// Whether a scalar is skipped (gets no line).
    static func isSkipped(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
    }

    mutating func begin(_ sink: OutputSink) {}

    mutating func write(_ document: InputDocument, entities: [Entity], to sink: OutputSink) {
        let scalars = Array(document.text.unicodeScalars)
        var tags = [String?](repeating: nil, count: scalars.count)
        for entity in entities {
            var first = true
            for i in entity.scalarOffsets.clamped(to: 0 ..< scalars.count) where !Self.isSkipped(scalars[i]) {
                tags[i] = (first ? "B-" : "I-") + entity.label.rawValue
                first = false
            }
        }
        sink.writeLine("-DOCSTART- \(document.id)")
        for (i, scalar) in scalars.enumerated() where !Self.isSkipped(scalar) {
            sink.write(String(scalar))
            sink.write("\t")
            sink.writeLine(tags[i] ?? "O")
        }
        sink.writeLine("")
    }

    mutating func end(_ sink: OutputSink) {}
}

/// doccano's sequence-labelling JSONL: one `{"id", "text", "label": [[start,
/// end, "LABEL"], ...]}` object a line; offsets are Unicode-scalar offsets
/// into `text`, end exclusive.
struct DoccanoWriter: DocumentWriter {
    mutating func begin(_ sink: OutputSink) {}

    mutating func write(_ document: InputDocument, entities: [Entity], to sink: OutputSink) {
        let labels = entities.map { "[\($0.scalarOffsets.lowerBound),\($0.scalarOffsets.upperBound),\(JSONText.quoted($0.label.rawValue))]" }
        sink.writeLine("{\"id\":\(JSONText.quoted(document.id)),\"text\":\(JSONText.quoted(document.text)),\"label\":[\(labels.joined(separator: ","))]}")
    }

    mutating func end(_ sink: OutputSink) {}
}

/// brat standoff files: for each document `ID.txt` (the text, byte for byte)
/// and `ID.ann` with one `T1<TAB>LABEL start end<TAB>text` line per entity
/// (Unicode-scalar offsets). An entity broken across lines is written as
/// discontinuous fragments `start end;start end` around the line breaks, its
/// text as the fragments joined by a space. Canonical forms and figure kinds
/// go into `#1<TAB>AnnotatorNotes T1<TAB>…` lines. An `annotation.conf`
/// declaring the four entity types is written when the directory has none.
/// File names are the ids with `/`, `\` and control characters replaced by
/// `_`; a repeated id gets `-2`, `-3` … appended.
struct BratWriter: DocumentWriter {
    let directory: String
    private var usedNames: Set<String> = []

    init(directory: String) {
        self.directory = directory
    }

    mutating func begin(_ sink: OutputSink) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let conf = (directory as NSString).appendingPathComponent("annotation.conf")
        if !FileManager.default.fileExists(atPath: conf) {
            let types = EntityLabel.allCases.map(\.rawValue).joined(separator: "\n")
            try Data("[entities]\n\(types)\n\n[relations]\n\n[events]\n\n[attributes]\n".utf8).write(to: URL(fileURLWithPath: conf))
        }
    }

    mutating func write(_ document: InputDocument, entities: [Entity], to sink: OutputSink) throws {
        let name = uniqueName(for: document.id)
        let base = (directory as NSString).appendingPathComponent(name)
        try Data(document.text.utf8).write(to: URL(fileURLWithPath: base + ".txt"))
        try Data(Self.annotations(text: document.text, entities: entities).utf8).write(to: URL(fileURLWithPath: base + ".ann"))
    }

    mutating func end(_ sink: OutputSink) {}

    /// The `.ann` file of one document.
    static func annotations(text: String, entities: [Entity]) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        var note = 0
        for (n, entity) in entities.enumerated() {
            let fragments = Self.fragments(of: entity.scalarOffsets.clamped(to: 0 ..< scalars.count), in: scalars)
            let offsets = fragments.map { "\($0.lowerBound) \($0.upperBound)" }.joined(separator: ";")
            let surface = fragments.map { range in
                String(String.UnicodeScalarView(scalars[range].map { $0 == "\t" ? " " : $0 }))
            }.joined(separator: " ")
            out += "T\(n + 1)\t\(entity.label.rawValue) \(offsets)\t\(surface)\n"
            var notes: [String] = []
            if let canonical = entity.attributes.canonical, canonical != entity.text { notes.append("canonical=\(canonical)") }
            if let kind = entity.attributes.figure?.kind { notes.append("kind=\(kind.rawValue)") }
            if !notes.isEmpty {
                note += 1
                out += "#\(note)\tAnnotatorNotes T\(n + 1)\t\(notes.joined(separator: "; "))\n"
            }
        }
        return out
    }

    /// The span cut at every whitespace run that holds a line break.
    static func fragments(of span: Range<Int>, in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var fragments: [Range<Int>] = []
        var start = span.lowerBound
        var i = span.lowerBound
        while i < span.upperBound {
            guard scalars[i].properties.isWhitespace else { i += 1; continue }
            var j = i
            var hasBreak = false
            while j < span.upperBound, scalars[j].properties.isWhitespace {
                if isLineBreak(scalars[j]) { hasBreak = true }
                j += 1
            }
            if hasBreak {
                if i > start { fragments.append(start ..< i) }
                start = j
            }
            i = j
        }
        if span.upperBound > start { fragments.append(start ..< span.upperBound) }
        return fragments.isEmpty ? [span] : fragments
    }

    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// A file name for a document id, unique within this run.
    mutating func uniqueName(for id: String) -> String {
        var base = String(String.UnicodeScalarView(id.unicodeScalars.map { scalar in
            scalar == "/" || scalar == "\\" || scalar.properties.generalCategory == .control ? "_" : scalar
        }))
        if base.isEmpty || base == "." || base == ".." { base = "doc" }
        var name = base
        var n = 1
        while usedNames.contains(name) {
            n += 1
            name = "\(base)-\(n)"
        }
        usedNames.insert(name)
        return name
    }
}
