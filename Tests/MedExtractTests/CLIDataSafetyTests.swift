import Foundation
import Testing
@testable import MedExtractCLI

/// Issue 13: the real `medextract` executable never loses or damages a
/// user's data, never traps on a write error, stays linear on chained
/// names, and reports every input it cannot read.
@Suite("Command line: data safety")
struct CLIDataSafetyTests {
    typealias CLI = CLIRobustnessTests

    static let isRoot = getuid() == 0

    /// Runs a shell command line (bash) in `directory`, `$M` being the executable.
    static func shell(_ script: String, in directory: URL) throws -> CLI.Result {
        let executable = try #require(CLI.executable, "medextract is not built next to the tests")
        return try CLI.runProgram("/bin/bash", ["-c", script], in: directory, environment: ["M": executable.path])
    }

    static func text(_ name: String, in directory: URL) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    // MARK: - -o writes into the path

    @Test func outputFollowsLinksKeepsModeAndHardLinks() throws {
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try CLI.write("我在宣武医院看病。", to: "in.txt", in: dir)
        try CLI.write("old", to: "target.jsonl", in: dir)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.jsonl").path, withDestinationPath: "target.jsonl")
        try CLI.write("old", to: "private.jsonl", in: dir)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir.appendingPathComponent("private.jsonl").path)
        try FileManager.default.linkItem(atPath: dir.appendingPathComponent("private.jsonl").path, toPath: dir.appendingPathComponent("second-name.jsonl").path)
        for output in ["link.jsonl", "private.jsonl"] {
            let result = try CLI.run(CLI.base + ["-o", output, "in.txt"], in: dir)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let link = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("link.jsonl").path)
        #expect(link[.type] as? FileAttributeType == .typeSymbolicLink)
        #expect(try Self.text("target.jsonl", in: dir).hasPrefix(#"{"id":"in","entities":[{"start":2,"end":6,"#))
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("private.jsonl").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect((attributes[.referenceCount] as? NSNumber)?.intValue == 2)
        #expect(try Self.text("second-name.jsonl", in: dir) == (try Self.text("private.jsonl", in: dir)))
        #expect(try Self.text("private.jsonl", in: dir).contains("宣武医院"))
    }

    @Test func outputIntoAFIFOReachesItsReader() throws {
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try CLI.write("我在宣武医院看病。", to: "in.txt", in: dir)
        let result = try Self.shell(#"mkfifo out.fifo && { cat out.fifo > got.txt & $M extract --format jsonl --dictionary d.tsv -o out.fifo in.txt; s=$?; wait; exit $s; }"#, in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let fifo = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("out.fifo").path)
        #expect(fifo[.type] as? FileAttributeType != .typeRegular)
        #expect(try Self.text("got.txt", in: dir).contains(#""text":"宣武医院""#))
    }

    // MARK: - Write errors

    @Test func writeErrorsAreOneLineAndExitOne() throws {
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try CLI.write(String(repeating: "我在宣武医院看病。", count: 2_000), to: "big.txt", in: dir)
        // Standard output on a full device (the shell opens /dev/full, not the tool).
        if FileManager.default.fileExists(atPath: "/dev/full") {
            let full = try Self.shell(#"$M extract --format jsonl --dictionary d.tsv big.txt > /dev/full"#, in: dir)
            #expect(full.status == 1)
            #expect(full.stderrLines == ["medextract: standard output: No space left on device"])
        }
        // Standard output closed.
        let closed = try Self.shell(#"$M extract --format jsonl --dictionary d.tsv big.txt >&-"#, in: dir)
        #expect(closed.status == 1)
        #expect(closed.stderrLines == ["medextract: standard output: Bad file descriptor"])
        // The reader of the pipe gone, SIGPIPE ignored: no message, no trap (132).
        let pipe = try Self.shell(#"trap '' PIPE; $M extract --format jsonl --dictionary d.tsv big.txt big.txt big.txt big.txt | head -c 1 > /dev/null; echo "status ${PIPESTATUS[0]}""#, in: dir)
        #expect(pipe.stdout == "status 141\n")
        #expect(pipe.stderr.isEmpty)
        // A file that cannot be created says why.
        let missing = try CLI.run(CLI.base + ["-o", "no/such/dir/out.jsonl", "big.txt"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.stderrLines == ["medextract: no/such/dir/out.jsonl: cannot create file: No such file or directory"])
    }

    /// `-o` on a full file system: a 64 KB tmpfs (needs root and mount; skipped without).
    @Test func outputOnAFullFileSystemIsAnError() throws {
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try CLI.write(String(repeating: "我在宣武医院看病。", count: 4_000), to: "big.txt", in: dir)
        let result = try Self.shell(#"mkdir small && mount -t tmpfs -o size=64k tmpfs small 2>/dev/null || { echo skipped; exit 0; }; $M extract --format jsonl --dictionary d.tsv -o small/out.jsonl big.txt; s=$?; umount small; exit $s"#, in: dir)
        guard result.stdout != "skipped\n" else { return }
        #expect(result.status == 1)
        #expect(result.stderrLines == ["medextract: small/out.jsonl: No space left on device"])
    }

    // MARK: - Linear time on chained names

    @Test func chainedHospitalHeadsStayBounded() throws {
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try CLI.write("北京" + String(repeating: "医院", count: 20_000) + "\n", to: "chain.txt", in: dir)
        let result = try CLI.run(["extract", "--format", "jsonl", "chain.txt"], in: dir)
        #expect(result.status == 0)
        let line = try #require(result.stdoutLines.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let entities = try #require(object["entities"] as? [[String: Any]])
        let lengths = entities.compactMap { entity -> Int? in
            guard let start = entity["start"] as? Int, let end = entity["end"] as? Int else { return nil }
            return end - start
        }
        #expect(lengths.count == entities.count)
        #expect(lengths.allSatisfy { $0 <= 64 })
    }

    // MARK: - Directories

    @Test func unreadableSubdirectoriesAndLinkLoopsAreReported() throws {
        let dir = try CLI.workspace()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.appendingPathComponent("docs/locked").path)
            try? FileManager.default.removeItem(at: dir)
        }
        try CLI.write("宣武医院", to: "docs/a.txt", in: dir)
        try CLI.write("宣武医院", to: "docs/locked/b.txt", in: dir)
        // A link loop named like an input: stat fails with ELOOP, even for root.
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("docs/loop.txt").path, withDestinationPath: "loop.txt")
        var expected = ["medextract: docs/loop.txt: Too many levels of symbolic links"]
        // chmod 000 stops only a non-root user: as root that part is skipped.
        if !Self.isRoot {
            try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: dir.appendingPathComponent("docs/locked").path)
            expected.append("medextract: docs/locked: permission denied")
        }
        let result = try CLI.run(CLI.base + ["docs"], in: dir)
        #expect(result.status == 1)
        #expect(result.stderrLines == expected)
        #expect(try CLI.documents(result).map(\.id) == (Self.isRoot ? ["a", "b"] : ["a"]))
    }

    @Test func linkedDirectoriesAreFollowedAndLoopsStopped() throws {
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try CLI.write("宣武医院", to: "real/sub/a.txt", in: dir)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("linked").path, withDestinationPath: "real")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("real/sub/back").path, withDestinationPath: "..")
        let direct = try CLI.run(CLI.base + ["linked"], in: dir)
        #expect(try CLI.documents(direct).map(\.id) == ["a"])
        #expect(direct.stderrLines == ["medextract: linked/sub/back: directory loop: a link back to a directory being read; not followed"])
        #expect(direct.status == 1)
    }

    // MARK: - brat

    @Test func bratNeverOverwritesInputsAndSurvivesLongIDs() throws {
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try CLI.write("我在宣武医院看病。", to: "texts/a.txt", in: dir)
        let refused = try CLI.run(["extract", "--format", "brat", "-o", "texts", "--dictionary", "d.tsv", "texts"], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the output directory holds the input texts/a.txt"))
        #expect(try Self.text("texts/a.txt", in: dir) == "我在宣武医院看病。")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("texts/a.ann").path))

        let long = String(repeating: "长", count: 120) // 360 bytes: over a file name's 255
        let lines = [
            #"{"id":"\#(long)","text":"宣武医院"}"#,
            #"{"id":"\#(long)x","text":"宣武医院"}"#,
            #"{"id":"short","text":"宣武医院"}"#,
        ]
        try CLI.write(lines.joined(separator: "\n"), to: "docs.jsonl", in: dir)
        let result = try CLI.run(["extract", "--format", "brat", "-o", "out", "--dictionary", "d.tsv", "docs.jsonl"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)
        #expect(names.filter { $0.hasSuffix(".ann") }.count == 3)
        #expect(names.allSatisfy { $0.utf8.count <= 255 })
        #expect(names.contains("short.ann"))
    }

    // MARK: - Encodings and input formats

    @Test func chineseLegacyEncodingsAndUTF16() throws {
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try CLI.write("宣武醫院\tHOSPITAL\n", to: "t.tsv", in: dir)
        let sentence = "宣武医院的专家说。"
        // The sentence in GB18030 bytes.
        let gb = Data([208, 251, 206, 228, 210, 189, 212, 186, 181, 196, 215, 168, 188, 210, 203, 181, 161, 163])
        try CLI.write(gb, to: "gb.txt", in: dir)
        let rejected = try CLI.run(CLI.base + ["gb.txt"], in: dir)
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("use --encoding gb18030"))
        let decoded = try CLI.run(CLI.base + ["--encoding", "gb18030", "gb.txt"], in: dir)
        #expect(decoded.status == 0)
        #expect(try CLI.documents(decoded).map(\.starts) == [[0]])
        // UTF-16 with a byte-order mark, no flag needed; offsets count the text, not the mark.
        try CLI.write(Data([0xFF, 0xFE]) + Data(sentence.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), to: "u16.txt", in: dir)
        let utf16 = try CLI.run(CLI.base + ["u16.txt"], in: dir)
        #expect(utf16.status == 0)
        #expect(try CLI.documents(utf16).map(\.starts) == [[0]])
        // Big5 (宣武醫院 = ab c5 aa 5a c2 e5 b0 7c), a traditional-script dictionary.
        try CLI.write(Data([0xAB, 0xC5, 0xAA, 0x5A, 0xC2, 0xE5, 0xB0, 0x7C]), to: "b5.txt", in: dir)
        let big5 = try CLI.run(["extract", "--format", "jsonl", "--dictionary", "t.tsv", "--encoding", "big5", "b5.txt"], in: dir)
        #expect(big5.status == 0, "\(big5.stderr)")
        #expect(try CLI.documents(big5).map(\.starts) == [[0]])
        // Bytes that are not GB18030 either are still an error with the offset.
        try CLI.write(Data([0x41, 0x80, 0x42]), to: "bad.txt", in: dir)
        let bad = try CLI.run(CLI.base + ["--encoding", "gb18030", "bad.txt"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stderrLines == ["medextract: bad.txt: invalid GB18030 at byte offset 1 (use --lossy to replace invalid bytes with U+FFFD)"])
    }

    @Test func jsonArraysNDJSONAndForcedJSONL() throws {
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try CLI.write(#"[{"id":"x","text":"宣武医院"},{"text":"去宣武医院"},7]"#, to: "docs.json", in: dir)
        try CLI.write(#"{"id":"n","text":"宣武医院"}"# + "\n", to: "docs.ndjson", in: dir)
        let result = try CLI.run(CLI.base + ["docs.json", "docs.ndjson"], in: dir)
        #expect(result.status == 1)
        #expect(try CLI.documents(result).map(\.id) == ["x", "docs:2", "n"])
        #expect(result.stderrLines == ["medextract: docs.json: element 3: expected a JSON object"])
        let piped = try Self.shell(#"$M extract --format jsonl --dictionary d.tsv --input jsonl <(printf '{"id":"p","text":"宣武医院"}\n')"#, in: dir)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(try CLI.documents(piped).map(\.id) == ["p"])
    }

    @Test func duplicateIDsWarnAndErrorsAreCapped() throws {
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try CLI.write("宣武医院", to: "seeds/a.txt", in: dir)
        try CLI.write(#"{"id":"a","text":"宣武医院"}"#, to: "seeds/all.jsonl", in: dir)
        let duplicated = try CLI.run(CLI.base + ["seeds"], in: dir)
        #expect(duplicated.status == 0)
        #expect(duplicated.stderrLines == ["medextract: warning: seeds/all.jsonl:1: duplicate document id 'a' (first in seeds/a.txt)"])
        try CLI.write(Array(repeating: "not json", count: 25).joined(separator: "\n"), to: "bad.jsonl", in: dir)
        let capped = try CLI.run(CLI.base + ["bad.jsonl"], in: dir)
        #expect(capped.status == 1)
        #expect(capped.stderrLines.count == 21)
        #expect(capped.stderrLines.last == "medextract: bad.jsonl: 5 more errors not shown (first 20 listed)")
    }

    // MARK: - Output formats

    @Test func offsetsDoccanoCoNLLAndEscapedIDs() throws {
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        // U+20000 (outside the BMP) before the entity: 1 scalar, 2 UTF-16 units, 4 UTF-8 bytes.
        try CLI.write(#"{"id":"t\tab\nline","text":"\#u{20000}在宣武医院。我去宣武医院"}"#, to: "d.jsonl", in: dir)
        func starts(_ unit: String) throws -> [Int] {
            try CLI.documents(try CLI.run(CLI.base + ["--offsets", unit, "d.jsonl"], in: dir)).flatMap(\.starts)
        }
        #expect(try starts("scalar") == [2, 9])
        #expect(try starts("utf16") == [3, 10])
        #expect(try starts("utf8") == [7, 28])
        let doccano = try CLI.run(["extract", "--format", "doccano", "--dictionary", "d.tsv", "d.jsonl"], in: dir)
        #expect(doccano.stdout.contains(#""label":[[3,7,"HOSPITAL"],[10,14,"HOSPITAL"]]"#))
        let conll = try CLI.run(["extract", "--format", "conll", "--dictionary", "d.tsv", "d.jsonl"], in: dir)
        let lines = conll.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == #"-DOCSTART- t\tab\nline"#)
        // A blank line after 。, before 我.
        let stop = try #require(lines.firstIndex(of: "。\tO"))
        #expect(lines[stop + 1] == "" && lines[stop + 2] == "我\tO")
        let text = try CLI.run(["extract", "--dictionary", "d.tsv", "d.jsonl"], in: dir)
        #expect(text.stdoutLines.first == #"# t\tab\nline (d.jsonl:1): 2 entities"#)
    }

    // MARK: - evaluate and usage errors

    @Test func evaluateRejectsBrokenGold() throws {
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = [
            #"{"id":"g","text":"我在宣武医院","entities":[{"start":2,"end":6,"label":"HOSPITAL","text":"宣武医院"}]}"#,
            #"{"id":"g","text":"我在宣武医院","entities":[{"start":2,"end":60,"label":"HOSPITAL"},{"start":2,"end":4,"label":"HOSPITAL","text":"宣武医院"},{"start":0,"end":1,"label":"PLACE"}]}"#,
        ]
        try CLI.write(lines.joined(separator: "\n"), to: "gold.jsonl", in: dir)
        let result = try CLI.run(["evaluate", "gold.jsonl"], in: dir)
        #expect(result.status == 1)
        #expect(result.stderrLines == [
            "medextract: gold.jsonl:2: duplicate document id 'g' (first on line 1)",
            "medextract: gold.jsonl:2: entity 1: span 2..<60 is out of range (the text has 6 characters)",
            "medextract: gold.jsonl:2: entity 2: \"text\" '宣武医院' does not match the span 2..<4, which holds '宣武'",
            "medextract: gold.jsonl:2: entity 3: unknown label 'PLACE' (expected DEPARTMENT, FIGURE, HOSPITAL, PROCEDURE)",
        ])
    }

    @Test func usageErrors() throws {
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try CLI.write("宣武医院", to: "a.txt", in: dir)
        let jobs = try CLI.run(CLI.base + ["--jobs", "-1", "a.txt"], in: dir)
        #expect(jobs.status == 2)
        #expect(jobs.stderr.contains("--jobs must be ≥ 1"))
        let empty = try CLI.run(CLI.base + ["--labels", "", "a.txt"], in: dir)
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("names no label"))
        let merged = try CLI.run(CLI.base + ["--labels", "FIGURE", "--labels", "HOSPITAL", "a.txt"], in: dir)
        #expect(merged.status == 0)
        #expect(try CLI.documents(merged).map(\.starts) == [[0]])
    }

    // MARK: - Line reading (issue 15)

    @Test func dictLintReadsLoneCRLinesAsTheExtractorDoes() throws {
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try CLI.write("宣武医院\tHOSPITAL\r宣武医院\tDEPARTMENT\r", to: "cr.tsv", in: dir)
        let result = try CLI.run(["dict", "lint", "--no-reachability", "cr.tsv"], in: dir)
        #expect(result.status == 1)
        #expect(result.stdout.contains("cr.tsv:2: error:"))
    }
}
