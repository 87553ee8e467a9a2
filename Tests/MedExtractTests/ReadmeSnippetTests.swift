import Foundation
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract
import MedExtractTesting
import Testing

// README.md's Swift snippets, verbatim (each between the BEGIN and END lines,
// at column 0), compiled as part of this test target and run by the tests
// below. `readmeSnippetsAreVerbatim` fails when README.md and this file drift
// apart. (A nested `swift build` of a temporary package from inside
// `swift test` took far too long on the shared 2-core machine, so the snippets
// are compiled here instead; the only difference is the enclosing function.)

func readmeLibrarySnippet() throws {
// BEGIN README

let extractor = try MedExtractor()   // build once: loads and compiles the dictionaries
let text = "记者近日从晋城大医院获悉，该院呼吸与危重症医学科完成CT检查和椎体成形术100余例。"
for entity in extractor.extract(from: text) {   // thread-safe; reuse it from many tasks
    print(entity.label, entity.scalarOffsets, entity.text, entity.attributes.canonical ?? "")
    if let range = entity.range(in: text) {
        assert(String(text.unicodeScalars[range]) == entity.text)
    }
}
// HOSPITAL 5..<10 晋城大医院 晋城大医院   (and four more lines)

// Entities are Codable; their JSON is the object the command line writes.
let json = try JSONEncoder().encode(extractor.extract(from: text))
let decoded = try JSONDecoder().decode([Entity].self, from: json)

// Many documents on all cores, results in input order.
let results = extractor.extractAll([text, "患者接受了胃镜检查。"], jobs: 2)

// Entries of your own (they win over built-ins) and labels switched off.
let custom = try MedExtractor(configuration: ExtractorConfiguration(
    userEntries: [DictionaryEntry(surface: "晋城大医院东院区", label: .entity(.hospital))],
    enabledLabels: [.hospital, .department]))
print(decoded.count, results.count, custom.extract(from: text).map(\.text))
// END README
}

func readmeRecognizerSnippet() throws {
// BEGIN README

/// Ward numbers such as `12号病区` as departments.
struct WardRecognizer: EntityRecognizer {
    func spans(in text: String) -> [RecognizedSpan] {
        let units = Array(text.utf16)
        let suffix = Array("号病区".utf16)
        var spans: [RecognizedSpan] = []
        var i = 0
        while i < units.count {
            var j = i
            while j < units.count, (0x30 ... 0x39).contains(units[j]) { j += 1 }
            if j > i, units[j...].starts(with: suffix) {
                spans.append(RecognizedSpan(utf16Offsets: i ..< j + suffix.count, label: .department))
                i = j + suffix.count
            } else {
                i = max(j, i + 1)
            }
        }
        return spans
    }
}

let wards = try MedExtractor(configuration: ExtractorConfiguration(recognizers: [WardRecognizer()]))
print(wards.extract(from: "患者转入12号病区。").map(\.text))   // ["12号病区"]
// END README
}

func readmeTestingSnippet() throws {
// BEGIN README

let checker = try MedExtractor()
let fixture = try Fixture.parse("[晋城大医院]{HOSPITAL}完成[100余例]{FIGURE|kind=count}手术。")
let failures = FixtureRunner(extractor: checker).run(fixture)
print(failures.isEmpty ? "fixture passes" : failures.map(\.description).joined(separator: "\n"))

let gold = [GoldDocument(id: "d1", text: "晋城大医院完成100余例手术。",
                         entities: [ScoredEntity(start: 0, end: 5, label: "HOSPITAL")])]
let predictions = ["d1": checker.extract(from: gold[0].text).map(ScoredEntity.init)]
let report = Scorer.score(gold: gold, predictions: predictions)
print(report.tableLines().joined(separator: "\n"))
// END README
}

@Suite("README snippets")
struct ReadmeSnippetTests {
    @Test func librarySnippetRuns() throws { try readmeLibrarySnippet() }
    @Test func recognizerSnippetRuns() throws { try readmeRecognizerSnippet() }
    @Test func testingSnippetRuns() throws { try readmeTestingSnippet() }

    /// Every ```swift block of README.md that starts with `import` appears in
    /// this file, imports aside, between BEGIN and END markers.
    @Test func readmeSnippetsAreVerbatim() throws {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: here, encoding: .utf8)
        let compiled = source.components(separatedBy: "// BEGIN README\n").dropFirst()
            .compactMap { $0.components(separatedBy: "// END README\n").first }
        let fences = readme.components(separatedBy: "```swift\n").dropFirst()
            .compactMap { $0.components(separatedBy: "```").first }
            .filter { $0.hasPrefix("import") }
        #expect(fences.count == compiled.count)
        for fence in fences {
            let body = fence.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("import ") }.joined(separator: "\n")
            #expect(compiled.contains(body), "README snippet not compiled verbatim:\n\(body)")
        }
    }
}
