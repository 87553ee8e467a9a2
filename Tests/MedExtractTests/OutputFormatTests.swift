import Foundation
@_spi(Benchmarks) @_spi(Tooling) import MedExtract
import Testing
@testable import MedExtractCLI

/// conll, brat and doccano output converted back to spans must equal the
/// JSONL output, on documents with entities broken across lines.
@Suite("Output formats: conll, brat, doccano")
struct OutputFormatTests {
    struct Span: Hashable, Comparable, CustomStringConvertible {
        var start: Int
        var end: Int
        var label: String
        static func < (a: Span, b: Span) -> Bool { (a.start, a.end, a.label) < (b.start, b.end, b.label) }
        var description: String { "\(label)@\(start)-\(end)" }
    }

    static let extractor: MedExtractor? = try? MedExtractor(configuration: ExtractorConfiguration(
        userEntries: [
            DictionaryEntry(surface: "宣武医院", label: .entity(.hospital), canonical: "首都医科大学宣武医院"),
            DictionaryEntry(surface: "EBUS-TBNA", label: .entity(.procedure)),
            DictionaryEntry(surface: "骨科", label: .entity(.department)),
            DictionaryEntry(surface: "CT", label: .entity(.procedure)),
        ],
        includeBuiltinDictionaries: false
    ))

    static let documents = [
        InputDocument(id: "doc-1", text: "😀去宣武医\n\n院行EBUS-TB-\n\nNA，骨科医生阅CT片。", origin: "t"),
        InputDocument(id: "doc/2", text: "北京宣武医院 骨科。\r\n宣武\n医院\t骨\n\n科", origin: "t"),
        InputDocument(id: "empty", text: "", origin: "t"),
        InputDocument(id: "none", text: "没有实体。\n", origin: "t"),
        InputDocument(id: "spaced", text: "宣武医 \n 院，CT", origin: "t"),
        InputDocument(id: "doc-1", text: "骨科", origin: "t"),
    ]

    func results() throws -> [(InputDocument, [Entity])] {
        let extractor = try #require(Self.extractor)
        return Self.documents.map { ($0, extractor.extract(from: $0.text)) }
    }

    func write(_ format: OutputFormat, directory: String? = nil) throws -> String {
        let sink = OutputSink(collecting: 16)
        var writer = format.makeWriter(directory: directory)
        try writer.begin(sink)
        for (document, entities) in try results() { try writer.write(document, entities: entities, to: sink) }
        try writer.end(sink)
        try sink.flush()
        return sink.collectedText
    }

    /// The spans of the JSONL output, per document.
    func jsonlSpans() throws -> [[Span]] {
        try write(.jsonl).split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let entities = try #require(object["entities"] as? [[String: Any]])
            return try entities.map { e in
                Span(start: try #require(e["start"] as? Int), end: try #require(e["end"] as? Int), label: try #require(e["label"] as? String))
            }
        }
    }

    @Test func theDocumentsHaveEntitiesAcrossLineBreaks() throws {
        let spans = try jsonlSpans()
        #expect(spans.count == Self.documents.count)
        // Entities broken by the layout (the rules may add more entities around them).
        #expect(spans[0].contains(Span(start: 2, end: 8, label: "HOSPITAL")))
        #expect(spans[0].contains(Span(start: 9, end: 21, label: "PROCEDURE")))
        #expect(spans[4].contains(Span(start: 0, end: 7, label: "HOSPITAL")))
        let texts = try results().map { $0.1.map(\.text) }
        #expect(texts[1].contains { $0.contains("\n") })
        #expect(texts[2].isEmpty && texts[3].isEmpty)
    }

    @Test func conllRoundTrip() throws {
        let output = try write(.conll)
        var blocks: [(id: String, lines: [Substring])] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-DOCSTART- ") {
                blocks.append((String(line.dropFirst("-DOCSTART- ".count)), []))
            } else if !line.isEmpty {
                blocks[blocks.count - 1].lines.append(line)
            }
        }
        #expect(blocks.map(\.id) == Self.documents.map(\.id))
        #expect(output.hasSuffix("\n\n"))
        var decoded: [[Span]] = []
        for (block, document) in zip(blocks, Self.documents) {
            // Align the written characters with the text's non-skipped scalars.
            let scalars = Array(document.text.unicodeScalars)
            let positions = scalars.indices.filter { !CoNLLWriter.isSkipped(scalars[$0]) }
            #expect(positions.count == block.lines.count)
            var spans: [Span] = []
            var open: Span?
            for (position, line) in zip(positions, block.lines) {
                let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
                #expect(parts.count == 2)
                #expect(String(parts[0]) == String(scalars[position]))
                let tag = String(parts[1])
                if tag.hasPrefix("I-"), var current = open, current.label == tag.dropFirst(2) {
                    current.end = position + 1
                    open = current
                    continue
                }
                if let current = open { spans.append(current) }
                open = tag == "O" ? nil : Span(start: position, end: position + 1, label: String(tag.dropFirst(2)))
                #expect(tag == "O" || tag.hasPrefix("B-"))
            }
            if let current = open { spans.append(current) }
            decoded.append(spans)
        }
        #expect(decoded == (try jsonlSpans()))
    }

    @Test func doccanoRoundTrip() throws {
        let lines = try write(.doccano).split(separator: "\n")
        #expect(lines.count == Self.documents.count)
        var decoded: [[Span]] = []
        for (line, document) in zip(lines, Self.documents) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["id"] as? String == document.id)
            #expect(object["text"] as? String == document.text)
            let labels = try #require(object["label"] as? [[Any]])
            decoded.append(try labels.map { l in
                Span(start: try #require(l[0] as? Int), end: try #require(l[1] as? Int), label: try #require(l[2] as? String))
            })
        }
        // doccano counts UTF-16 code units (😀 before 宣武医院 in doc-1 counts 2).
        let utf16 = try results().map { document, entities in
            entities.map { e in
                let u = e.utf16Offsets(in: document.text) ?? 0 ..< 0
                return Span(start: u.lowerBound, end: u.upperBound, label: e.label.rawValue)
            }
        }
        #expect(decoded == utf16)
        #expect(decoded != (try jsonlSpans()))
    }

    @Test func bratRoundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("medextract-brat-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try write(.brat, directory: directory.path).isEmpty)
        let names = ["doc-1", "doc_2", "empty", "none", "spaced", "doc-1-2"]
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("annotation.conf").path))
        var decoded: [[Span]] = []
        for (name, document) in zip(names, Self.documents) {
            let text = try String(contentsOf: directory.appendingPathComponent(name + ".txt"), encoding: .utf8)
            #expect(text == document.text)
            let scalars = Array(text.unicodeScalars)
            let ann = try String(contentsOf: directory.appendingPathComponent(name + ".ann"), encoding: .utf8)
            var spans: [Span] = []
            for line in ann.split(separator: "\n") where line.hasPrefix("T") {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                #expect(fields.count == 3)
                let typeAndOffsets = fields[1].split(separator: " ", maxSplits: 1)
                let fragments = typeAndOffsets[1].split(separator: ";").map { $0.split(separator: " ").compactMap { Int($0) } }
                var pieces: [String] = []
                for fragment in fragments {
                    #expect(fragment.count == 2)
                    let piece = String(String.UnicodeScalarView(scalars[fragment[0] ..< fragment[1]]))
                    #expect(!piece.contains("\n") && !piece.contains("\r"), "a brat fragment crosses a line break")
                    pieces.append(piece)
                }
                #expect(String(fields[2]) == pieces.joined(separator: " "))
                spans.append(Span(start: fragments.first?.first ?? -1, end: fragments.last?.last ?? -1, label: String(typeAndOffsets[0])))
            }
            decoded.append(spans)
        }
        #expect(decoded == (try jsonlSpans()))
        let first = try String(contentsOf: directory.appendingPathComponent("doc-1.ann"), encoding: .utf8)
        #expect(first.hasPrefix("T1\tHOSPITAL 2 5;7 8\t宣武医 院\n#1\tAnnotatorNotes T1\tcanonical=首都医科大学宣武医院\nT2\tPROCEDURE 9 17;19 21\tEBUS-TB- NA\n"))
    }

    @Test func bratNeedsAnOutputDirectory() {
        #expect(MedExtractCommand.run(["extract", "--format", "brat", "x.txt"]) == 2)
    }
}

/// `extract` over many inputs: output order and the progress line.
@Suite("extract: jobs and progress")
struct ExtractRunTests {
    static let dictionary = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cli_dictionary.tsv").path

    func run(jobs: Int, format: String) throws -> Data {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("medextract-jobs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let status = MedExtractCommand.run([
            "extract", "--jobs", String(jobs), "--format", format, "--dictionary", Self.dictionary, "--output", output,
            SeedCorpus.directory.path, SeedCorpus.goldPath,
        ])
        #expect(status == 0)
        return try Data(contentsOf: URL(fileURLWithPath: output))
    }

    @Test(arguments: ["jsonl", "conll"])
    func oneAndThreeJobsGiveByteIdenticalOutput(format: String) throws {
        let one = try run(jobs: 1, format: format)
        let three = try run(jobs: 3, format: format)
        #expect(one == three)
        // The seeds (5 text files, then the gold file's 5 documents, read twice) in input order, with entities.
        let text = String(decoding: one, as: UTF8.self)
        if format == "jsonl" {
            let ids = text.split(separator: "\n").compactMap { line -> String? in
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return object?["id"] as? String
            }
            let stems = SeedCorpus.textFileNames.map { String($0.dropLast(4)) }
            #expect(ids == stems + stems + stems)
            #expect(text.contains("\"label\":\"HOSPITAL\""))
        }
    }

    @Test func progressLineWithAndWithoutATotal() {
        #expect(ProgressReporter.render(documents: 120, bytes: 4_000_000, totalBytes: 10_000_000, elapsed: 2)
            == "[########------------]  40%  120 docs  4.0/10.0 MB  2.0 MB/s  ETA 0:03")
        #expect(ProgressReporter.render(documents: 1, bytes: 1_500_000, totalBytes: nil, elapsed: 3)
            == "1 doc  1.5 MB  0.5 MB/s")
        #expect(ProgressReporter.render(documents: 9, bytes: 10, totalBytes: 10, elapsed: 1).hasPrefix("[####################] 100%"))
        #expect(ProgressReporter.duration(3725) == "1:02:05")
    }

    @Test func progressRedrawsAreRateLimited() {
        final class Box: @unchecked Sendable { var time = 0.0; var writes: [String] = [] }
        let box = Box()
        let reporter = ProgressReporter(totalBytes: 1000, output: { box.writes.append($0) }, clock: { box.time })
        for _ in 0 ..< 50 {
            box.time += 0.01
            reporter.documentDone(byteCount: 10)
        }
        // 0.5 s of work → about 5 redraws, not 50.
        #expect(box.writes.count >= 4 && box.writes.count <= 6)
        reporter.finish()
        #expect(box.writes.last == "\n")
        #expect(box.writes.dropLast().last?.contains("50 docs  0.0/0.0 MB") == true)
        let quiet = ProgressReporter(totalBytes: nil, output: { box.writes.append("x" + $0) }, clock: { 0 })
        quiet.documentDone(byteCount: 1)
        quiet.finish()
        #expect(!box.writes.contains { $0.hasPrefix("x") })
    }
}
