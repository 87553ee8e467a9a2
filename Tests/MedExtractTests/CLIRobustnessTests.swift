import Foundation
import Testing
@testable import MedExtractCLI

/// Runs the real `medextract` executable on bad inputs: every failure is
/// reported with its file (and line or byte offset), every other document is
/// still processed, output never interleaves, exit codes are 0, 1 and 2.
@Suite("Command line on bad input")
struct CLIRobustnessTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
        var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    /// The built `medextract` next to the test bundle.
    static let executable: URL? = {
        var candidates = [Bundle.main.bundleURL.appendingPathComponent("medextract")]
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("medextract"))
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("medextract")) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/medextract"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs the executable in `directory` with `arguments` and standard input `input`.
    static func run(_ arguments: [String], in directory: URL, input: Data = Data()) throws -> Result {
        let executable = try #require(Self.executable, "medextract is not built next to the tests")
        return try runProgram(executable.path, arguments, in: directory, input: input)
    }

    /// Runs any program in `directory` (with extra `environment` variables).
    static func runProgram(_ path: String, _ arguments: [String], in directory: URL, environment: [String: String] = [:], input: Data = Data()) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.currentDirectoryURL = directory
        let outURL = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errURL = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        let inURL = directory.appendingPathComponent(".stdin-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: inURL.path, contents: input)
        defer { for url in [outURL, errURL, inURL] { try? FileManager.default.removeItem(at: url) } }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let stdin = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        try stdin.close()
        return Result(
            status: process.terminationStatus,
            stdout: try String(contentsOf: outURL, encoding: .utf8),
            stderr: try String(contentsOf: errURL, encoding: .utf8)
        )
    }

    /// A fresh directory with a dictionary `d.tsv` naming `宣武医院`.
    static func workspace() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("medextract-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try write("宣武医院\tHOSPITAL\n", to: "d.tsv", in: url)
        return url
    }

    static func write(_ text: String, to name: String, in directory: URL) throws {
        try write(Data(text.utf8), to: name, in: directory)
    }

    static func write(_ data: Data, to name: String, in directory: URL) throws {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// The `id` and entity starts of each JSONL output line.
    static func documents(_ result: Result) throws -> [(id: String, starts: [Int])] {
        try result.stdoutLines.map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
            let id = try #require(object["id"] as? String)
            let entities = try #require(object["entities"] as? [[String: Any]])
            return (id, entities.compactMap { $0["start"] as? Int })
        }
    }

    static let base = ["extract", "--format", "jsonl", "--dictionary", "d.tsv"]

    // MARK: - Invalid UTF-8

    @Test func invalidUTF8NamesFileAndByteOffsetAndOthersGoOn() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write(Data([0x61, 0x62, 0x63, 0xFF, 0xFE]) + Data("宣武医院".utf8), to: "a_bad.txt", in: dir)
        try Self.write("去宣武医院", to: "b_good.txt", in: dir)
        let result = try Self.run(Self.base + ["a_bad.txt", "b_good.txt"], in: dir)
        #expect(result.status == 1)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("a_bad.txt: invalid UTF-8 at byte offset 3"))
        #expect(result.stderr.contains("--lossy"))
        let documents = try Self.documents(result)
        #expect(documents.map(\.id) == ["b_good"])
        #expect(documents.first?.starts == [1])
    }

    @Test func lossyReplacesInvalidBytesAndOffsetsReferToTheRepairedText() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        // `FF`, `FE`: two invalid bytes, two U+FFFD; `E5 AE` (a truncated
        // three-byte sequence) then `x`: one U+FFFD for the maximal subpart.
        var bytes = Data([0x61, 0xFF, 0xFE]) + Data("宣武医院".utf8)
        bytes += Data([0xE5, 0xAE, 0x78]) + Data("宣武医院".utf8)
        try Self.write(bytes, to: "bad.txt", in: dir)
        let result = try Self.run(Self.base + ["--lossy", "bad.txt"], in: dir)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        // Repaired text: a � � 宣武医院 � x 宣武医院
        #expect(try Self.documents(result).map(\.starts) == [[3, 9]])
        #expect(result.stdout.contains("\"text\":\"宣武医院\""))
    }

    @Test func invalidUTF8InAJSONLLineNamesFileLineAndByteOffset() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        var bytes = Data("{\"id\":\"a\",\"text\":\"宣武医院\"}\n".utf8)   // 33 bytes
        bytes += Data("{\"id\":\"b\",\"text\":\"x".utf8) + Data([0xC3]) + Data("宣武医院\"}\n".utf8)
        bytes += Data("{\"id\":\"c\",\"text\":\"宣武医院\"}\n".utf8)
        try Self.write(bytes, to: "in.jsonl", in: dir)
        let strict = try Self.run(Self.base + ["in.jsonl"], in: dir)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("in.jsonl:2: invalid UTF-8 at byte offset 52 (offset 19 in the line"))
        #expect(try Self.documents(strict).map(\.id) == ["a", "c"])
        let lossy = try Self.run(Self.base + ["--lossy", "in.jsonl"], in: dir)
        #expect(lossy.status == 0)
        #expect(try Self.documents(lossy).map(\.id) == ["a", "b", "c"])
        #expect(try Self.documents(lossy).map(\.starts) == [[0], [2], [0]])
    }

    @Test func unpairedSurrogateEscapesAreErrorsOrRepairedWithLossy() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = [
            #"{"id":"lone","text":"\ud800宣武医院"}"#,
            #"{"id":"pair","text":"\ud83d\ude00宣武医院"}"#,
            #"{"id":"escaped","text":"\\ud800宣武医院"}"#,
            #"{"id":"low","text":"宣武医院\udc00"}"#,
        ]
        try Self.write(lines.joined(separator: "\n"), to: "s.jsonl", in: dir)
        let strict = try Self.run(Self.base + ["s.jsonl"], in: dir)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("s.jsonl:1: unpaired UTF-16 surrogate escape at byte offset 21"))
        #expect(strict.stderr.contains("s.jsonl:4: unpaired UTF-16 surrogate escape"))
        #expect(try Self.documents(strict).map(\.id) == ["pair", "escaped"])
        let lossy = try Self.run(Self.base + ["--lossy", "s.jsonl"], in: dir)
        #expect(lossy.status == 0)
        let documents = try Self.documents(lossy)
        #expect(documents.map(\.id) == ["lone", "pair", "escaped", "low"])
        #expect(documents.map(\.starts) == [[1], [1], [6], [0]])
    }

    // MARK: - Malformed JSONL

    @Test func malformedJSONLLinesAreReportedAndEveryOtherLineIsProcessed() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = [
            #"{"id":"a","text":"去宣武医院"}"#,      // 1
            #"{bad json"#,                          // 2
            #"{"id":"b"}"#,                         // 3 missing text
            #"{"id":"c","text":5}"#,                // 4 text not a string
            #"{"id":"d","text":null}"#,             // 5 text null
            #"{"id":7,"text":"宣武医院"}"#,          // 6 id not a string
            #"{"id":["x"],"text":"宣武医院"}"#,      // 7 id not a string
            "",                                     // 8 blank: skipped
            #"{"text":"宣武医院"}"#,                 // 9 no id: in.jsonl's stem and line
            #"[1,2]"#,                              // 10 not an object
            #""just a string""#,                    // 11 not an object
            #"{"id":"e","text":""}"#,               // 12 empty text: zero entities
            String(repeating: "[", count: 100_000), // 13 deeply nested
            #"{"id":"f","text":"a\u0000b宣武医院","extra":{"gold":[1,2,3]}}"#, // 14 NUL in text, extra fields
            "   \t",                                // 15 blank
            #"{"id":"g","text":"宣武医院"}"#,        // 16 no final newline
        ]
        try Self.write(lines.joined(separator: "\r\n"), to: "in.jsonl", in: dir)
        let result = try Self.run(Self.base + ["in.jsonl"], in: dir)
        #expect(result.status == 1)
        let documents = try Self.documents(result)
        #expect(documents.map(\.id) == ["a", "in:9", "e", "f", "g"])
        #expect(documents.map(\.starts) == [[1], [0], [], [3], [0]])
        let expectedErrors = [
            "in.jsonl:2: not valid JSON", "in.jsonl:3: missing \"text\"", "in.jsonl:4: \"text\" is not a string",
            "in.jsonl:5: \"text\" is not a string", "in.jsonl:6: \"id\" is not a string", "in.jsonl:7: \"id\" is not a string",
            "in.jsonl:10: expected a JSON object", "in.jsonl:11: expected a JSON object", "in.jsonl:13: not valid JSON",
        ]
        #expect(result.stderrLines.count == expectedErrors.count)
        for (line, expected) in zip(result.stderrLines, expectedErrors) {
            #expect(line.hasPrefix("medextract: " + expected), "\(line)")
        }
    }

    @Test func malformedJSONLOnStandardInput() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = "{\"id\":\"a\",\"text\":\"宣武医院\"}\nnope\n{\"text\":\"宣武医院\"}\n"
        let result = try Self.run(Self.base + ["--input", "jsonl"], in: dir, input: Data(input.utf8))
        #expect(result.status == 1)
        #expect(result.stderr.contains("-:2: not valid JSON"))
        #expect(try Self.documents(result).map(\.id) == ["a", "stdin:3"])
    }

    // MARK: - Empty input

    @Test func emptyFilesAndEmptyTextGiveDocumentsWithZeroEntities() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write("", to: "empty.txt", in: dir)
        try Self.write("\n\n  \u{3000}\n", to: "blank.txt", in: dir)
        try Self.write(#"{"id":"e","text":""}"#, to: "e.jsonl", in: dir)
        let result = try Self.run(Self.base + ["empty.txt", "blank.txt", "e.jsonl"], in: dir)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let documents = try Self.documents(result)
        #expect(documents.map(\.id) == ["empty", "blank", "e"])
        #expect(documents.allSatisfy { $0.starts.isEmpty })
        let stdin = try Self.run(Self.base, in: dir, input: Data())
        #expect(stdin.status == 0)
        #expect(try Self.documents(stdin).map(\.id) == ["stdin"])
    }

    // MARK: - Missing and unreadable paths

    @Test func missingPathsAndEmptyDirectoriesAreClearErrors() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write("宣武医院", to: "ok.txt", in: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("empty-dir"), withIntermediateDirectories: true)
        try Self.write("not an input", to: "other-dir/readme.md", in: dir)
        let result = try Self.run(Self.base + ["missing.txt", "ok.txt", "ok.txt/inside-a-file.txt", "empty-dir", "other-dir"], in: dir)
        #expect(result.status == 1)
        #expect(result.stderrLines == [
            "medextract: missing.txt: no such file or directory",
            "medextract: ok.txt/inside-a-file.txt: no such file or directory",
            "medextract: empty-dir: directory contains no .txt or .jsonl files",
            "medextract: other-dir: directory contains no .txt or .jsonl files",
        ])
        #expect(try Self.documents(result).map(\.id) == ["ok"])
    }

    @Test func unreadableFilesAreClearErrors() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write("宣武医院", to: "ok.txt", in: dir)
        var arguments = ["ok.txt"]
        var expected: [String] = []
        // A file that opens but cannot be read, even by root: reading offset 0
        // of a process's own memory fails with EIO.
        if FileManager.default.fileExists(atPath: "/proc/self/mem") {
            arguments.append("/proc/self/mem")
            expected.append("medextract: /proc/self/mem: cannot read: Input/output error")
        }
        // chmod 000 only stops a non-root user; root reads the file anyway.
        try Self.write("宣武医院", to: "locked.txt", in: dir)
        let locked = dir.appendingPathComponent("locked.txt").path
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked)
        let isRoot = getuid() == 0
        if !isRoot {
            arguments.append("locked.txt")
            expected.append("medextract: locked.txt: permission denied")
        }
        try #require(!expected.isEmpty, "no way to make an unreadable file here")
        let result = try Self.run(Self.base + arguments, in: dir)
        #expect(result.status == 1)
        #expect(result.stderrLines == expected)
        #expect(try Self.documents(result).map(\.id) == ["ok"])
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: locked)
    }

    // MARK: - Output order and exit codes

    @Test(arguments: [1, 3, 8])
    func outputNeverInterleavesAndKeepsInputOrder(jobs: Int) throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Documents of very different sizes, with bad lines in between, so
        // workers finish out of order.
        var lines: [String] = []
        var expectedIDs: [String] = []
        var expectedErrors: [String] = []
        for i in 0 ..< 150 {
            if i % 37 == 5 {
                lines.append("{broken \(i)")
                expectedErrors.append("medextract: docs.jsonl:\(lines.count): not valid JSON")
                continue
            }
            let repeats = i % 7 == 0 ? 300 : 1 + i % 5
            let text = String(repeating: "患者到宣武医院就诊\n", count: repeats)
            let escaped = text.replacingOccurrences(of: "\n", with: "\\n")
            lines.append("{\"id\":\"doc\(i)\",\"text\":\"\(escaped)\"}")
            expectedIDs.append("doc\(i)")
        }
        try Self.write(lines.joined(separator: "\n") + "\n", to: "docs.jsonl", in: dir)
        let result = try Self.run(Self.base + ["--jobs", "\(jobs)", "docs.jsonl"], in: dir)
        #expect(result.status == 1)
        let documents = try Self.documents(result)
        #expect(documents.map(\.id) == expectedIDs)
        for (document, id) in zip(documents, expectedIDs) {
            let i = Int(id.dropFirst(3)) ?? 0
            #expect(document.starts.count == (i % 7 == 0 ? 300 : 1 + i % 5))
        }
        #expect(result.stderrLines.count == expectedErrors.count)
        for (line, expected) in zip(result.stderrLines, expectedErrors) { #expect(line.hasPrefix(expected)) }

        // The json format is one well-formed array; text format keeps the order too.
        let json = try Self.run(["extract", "--format", "json", "--dictionary", "d.tsv", "--jobs", "\(jobs)", "docs.jsonl"], in: dir)
        #expect(json.status == 1)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.compactMap { $0["id"] as? String } == expectedIDs)
        let text = try Self.run(["extract", "--format", "text", "--dictionary", "d.tsv", "--jobs", "\(jobs)", "docs.jsonl"], in: dir)
        let headers = text.stdoutLines.filter { $0.hasPrefix("# ") }.map { String($0.dropFirst(2).prefix { $0 != " " }) }
        #expect(headers == expectedIDs)
    }

    @Test func exitStatusIsZeroOneOrTwo() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write("宣武医院", to: "ok.txt", in: dir)
        #expect(try Self.run(Self.base + ["ok.txt"], in: dir).status == 0)
        #expect(try Self.run(Self.base + ["ok.txt", "missing.txt"], in: dir).status == 1)
        #expect(try Self.run(Self.base + ["--jobs", "9223372036854775807", "ok.txt"], in: dir).status == 0, "huge --jobs is capped, not an overflow")
        for usage in [["extract", "--bogus"], ["extract", "--jobs", "0", "ok.txt"], ["extract", "--jobs", "many", "ok.txt"], ["extract", "--jobs", "-3", "ok.txt"],
                      ["extract", "--jobs", "99999999999999999999", "ok.txt"],
                      ["extract", "--format", "xml", "ok.txt"], ["extract", "--labels", "DOCTOR", "ok.txt"],
                      ["extract", "--input", "csv"], ["no-such-command"]] {
            let result = try Self.run(usage, in: dir)
            #expect(result.status == 2, "\(usage)")
            #expect(result.stdout.isEmpty, "\(usage)")
            #expect(!result.stderr.isEmpty, "\(usage)")
        }
        let help = try Self.run(["extract", "--help"], in: dir)
        #expect(help.status == 0)
        #expect(help.stdout.contains("--lossy"))
        #expect(help.stdout.contains("repaired text"))
    }

    @Test func runReturnsTheExitStatusInProcess() {
        #expect(MedExtractCommand.run(["extract", "--bogus"]) == 2)
        #expect(MedExtractCommand.run(["extract", "--jobs", "0"]) == 2)
        #expect(MedExtractCommand.run(["extract", "--dictionary", "/nonexistent/dictionary.tsv", "/nonexistent/input.txt"]) == 1)
    }

    @Test func aCommandRunInProcessFreesItsExtractor() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write("市第一人民医院心内科开诊。", to: "in.txt", in: dir)
        let output = dir.appendingPathComponent("out.jsonl").path
        #expect(MedExtractCommand.run(["extract", "--no-progress", "--output", output, dir.appendingPathComponent("in.txt").path]) == 0)
        // Only `main`, which exits right after, keeps its extractor.
        #expect(!ExitWithoutTeardown.isKeeping)
        #expect(try String(contentsOfFile: output, encoding: .utf8).contains("HOSPITAL"))
    }

    // MARK: - Dictionaries

    @Test func malformedDictionaryIsExitOneWithFileAndLine() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write("宣武医院", to: "ok.txt", in: dir)
        try Self.write("# comment\n宣武医院\tHOSPITAL\n呼吸科\n", to: "bad.tsv", in: dir)
        let result = try Self.run(["extract", "--dictionary", "bad.tsv", "ok.txt"], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.tsv:3: expected 2 to 4 tab-separated columns"))
        #expect(result.stdout.isEmpty)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("dict-dir"), withIntermediateDirectories: true)
        let directory = try Self.run(["extract", "--dictionary", "dict-dir", "ok.txt"], in: dir)
        #expect(directory.status == 1)
        #expect(directory.stderr.contains("dict-dir: cannot read: is a directory"))
        try Self.write(Data([0x41, 0x09]) + Data([0xFF]) + Data("\n".utf8), to: "binary.tsv", in: dir)
        let binary = try Self.run(["extract", "--dictionary", "binary.tsv", "ok.txt"], in: dir)
        #expect(binary.status == 1)
        #expect(binary.stderr.contains("binary.tsv: invalid UTF-8 at byte offset 2"))
    }

    @Test func dictionaryWithBOMAndCRLFWorks() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write("去宣武医院", to: "ok.txt", in: dir)
        try Self.write("\u{FEFF}宣武医院\tHOSPITAL\t首都医科大学宣武医院\r\n\r\n", to: "bom.tsv", in: dir)
        let result = try Self.run(["extract", "--format", "jsonl", "--dictionary", "bom.tsv", "ok.txt"], in: dir)
        #expect(result.status == 0)
        #expect(try Self.documents(result).map(\.starts) == [[1]])
        #expect(result.stdout.contains("\"canonical\":\"首都医科大学宣武医院\""))
    }
}
