import Foundation
import MedExtract

/// Character-level BIO tags for training sequence taggers.
///
/// For each document: a `-DOCSTART- ID` line (tabs, line breaks and
/// backslashes in the id escaped as `\t`, `\n`, `\r`, `\\`), then one line
/// per Unicode scalar of the original text, `char<TAB>tag` with tags
/// `B-LABEL` (first character of an entity), `I-LABEL` (the others) and `O`,
/// a blank line between sentences, and a blank line after the document.
/// Whitespace and control characters (line breaks, spaces, ideographic
/// spaces, tabs) are skipped: they get no line, so an entity broken across
/// lines reads `B-HOSPITAL I-HOSPITAL …` without a gap. A sentence ends after
/// `。！？；` (and their ASCII forms `!?;`) and at a line break, but never
/// inside an entity. Offsets are recovered by aligning the characters with
/// the document text.
struct CoNLLWriter: DocumentWriter {
    /// Whether a scalar is skipped (gets no line).
    static func isSkipped(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
    }

    /// Whether a sentence ends after this scalar.
    static func endsSentence(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B: true // 。！？； ! ? ;
        default: BratWriter.isLineBreak(scalar)
        }
    }

    mutating func begin(_ sink: OutputSink) throws {}

    mutating func write(_ document: InputDocument, entities: [Entity], to sink: OutputSink) throws {
        let scalars = Array(document.text.unicodeScalars)
        var tags = [String?](repeating: nil, count: scalars.count)
        for entity in entities {
            var first = true
            for i in entity.scalarOffsets.clamped(to: 0 ..< scalars.count) where !Self.isSkipped(scalars[i]) {
                tags[i] = (first ? "B-" : "I-") + entity.label.rawValue
                first = false
            }
        }
        try sink.writeLine("-DOCSTART- \(IdEscaping.escaped(document.id))")
        var sentenceOpen = false // a character line written since the last blank line
        var sentenceEnded = false
        for (i, scalar) in scalars.enumerated() {
            if Self.isSkipped(scalar) {
                if Self.endsSentence(scalar) { sentenceEnded = true }
                continue
            }
            let tag = tags[i] ?? "O"
            if sentenceEnded && sentenceOpen && !tag.hasPrefix("I-") {
                try sink.writeLine("")
                sentenceOpen = false
            }
            sentenceEnded = false
            try sink.write(String(scalar))
            try sink.write("\t")
            try sink.writeLine(tag)
            sentenceOpen = true
            if Self.endsSentence(scalar) { sentenceEnded = true }
        }
        try sink.writeLine("")
    }

    mutating func end(_ sink: OutputSink) throws {}
}

/// doccano's sequence-labelling JSONL: one `{"id", "text", "label": [[start,
/// end, "LABEL"], ...]}` object a line; offsets are UTF-16 code-unit offsets
/// into `text`, end exclusive, because doccano counts in JavaScript string
/// indices (doccano issue #2290): a character outside the BMP (an emoji, a
/// CJK Extension B ideograph) counts 2.
struct DoccanoWriter: DocumentWriter {
    mutating func begin(_ sink: OutputSink) throws {}

    mutating func write(_ document: InputDocument, entities: [Entity], to sink: OutputSink) throws {
        let spans = Entity.utf16Spans(of: entities, in: document.text)
        let labels = zip(entities, spans).map { "[\($1.lowerBound),\($1.upperBound),\(JSONText.quoted($0.label.rawValue))]" }
        try sink.writeLine("{\"id\":\(JSONText.quoted(document.id)),\"text\":\(JSONText.quoted(document.text)),\"label\":[\(labels.joined(separator: ","))]}")
    }

    mutating func end(_ sink: OutputSink) throws {}
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
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: directory, reason: "cannot create directory: " + DocumentSource.describe(error))
        }
        let conf = (directory as NSString).appendingPathComponent("annotation.conf")
        if !FileManager.default.fileExists(atPath: conf) {
            let types = EntityLabel.allCases.map(\.rawValue).joined(separator: "\n")
            try Self.writeFile(conf, "[entities]\n\(types)\n\n[relations]\n\n[events]\n\n[attributes]\n")
        }
    }

    /// Writes `ID.txt` and `ID.ann`. A file that cannot be written throws an
    /// ``OutputError`` marked ``OutputError/documentOnly``: the run reports it
    /// and goes on with the next document.
    mutating func write(_ document: InputDocument, entities: [Entity], to sink: OutputSink) throws {
        let name = uniqueName(for: document.id)
        let base = (directory as NSString).appendingPathComponent(name)
        do {
            try Self.writeFile(base + ".txt", document.text)
            try Self.writeFile(base + ".ann", Self.annotations(text: document.text, entities: entities))
        } catch {
            var failure = error
            failure.reason = "document '\(Self.visible(document.id))': " + failure.reason
            failure.documentOnly = true
            throw failure
        }
    }

    /// Writes a whole file the way the shell's `>` does (see ``OutputSink``).
    static func writeFile(_ path: String, _ text: String) throws(OutputError) {
        let sink = try OutputSink.create(path)
        try sink.write(text)
        try sink.close()
    }

    /// An id for messages: control characters escaped, at most 80 scalars.
    static func visible(_ id: String) -> String {
        var out = ""
        for (n, scalar) in id.unicodeScalars.enumerated() {
            if n == 80 { out += "…"; break }
            if scalar.properties.generalCategory == .control {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    mutating func end(_ sink: OutputSink) throws {}

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

    /// The longest file name stem, in UTF-8 bytes: file systems allow 255
    /// bytes, and `-NNN.ann` must still fit.
    static let maxNameBytes = 200

    /// A file name for a document id, unique within this run: `/`, `\` and
    /// control characters become `_`, a leading `.` becomes `_` (no hidden
    /// files, no `..`), and an id longer than ``maxNameBytes`` is cut at a
    /// character boundary and ends in a hash of the whole id, so that two long
    /// ids sharing a prefix still get two files.
    mutating func uniqueName(for id: String) -> String {
        var base = String(String.UnicodeScalarView(id.unicodeScalars.map { scalar in
            scalar == "/" || scalar == "\\" || scalar.properties.generalCategory == .control ? "_" : scalar
        }))
        if base.isEmpty { base = "doc" }
        if base.hasPrefix(".") { base = "_" + base.dropFirst() }
        if base.utf8.count > Self.maxNameBytes {
            var cut = ""
            var bytes = 0
            for scalar in base.unicodeScalars {
                let width = UTF8.width(scalar)
                if bytes + width > Self.maxNameBytes - 17 { break }
                cut.unicodeScalars.append(scalar)
                bytes += width
            }
            base = cut + "-" + Self.hash(id)
        }
        var name = base
        var n = 1
        while usedNames.contains(name) {
            n += 1
            name = "\(base)-\(n)"
        }
        usedNames.insert(name)
        return name
    }

    /// 64-bit FNV-1a of the id's UTF-8, as 16 hex digits.
    static func hash(_ id: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            h ^= UInt64(byte)
            h &*= 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
