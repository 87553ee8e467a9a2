import Foundation
import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

/// Dictionary files: every malformed line is an error naming file:line; a BOM
/// and CRLF (or CR) line ends are accepted.
@Suite("Dictionary files with bad lines")
struct DictionaryFileRobustnessTests {
    static func error(_ contents: String) -> MedExtractError? {
        do {
            _ = try DictionaryFile.parse(contents, path: "user.tsv")
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("宣武医院\n", 1, "expected 2 to 4 tab-separated columns"),
        ("# header\n\n宣武医院\tHOSPITAL\n呼吸科\n", 4, "found 1"),
        ("a\tHOSPITAL\tb\tc\td\n", 1, "found 5"),
        ("\tHOSPITAL\n", 1, "empty surface"),
        ("   \tHOSPITAL\n", 1, "empty surface"),
        ("\u{200B}\tHOSPITAL\n", 1, "only whitespace or invisible characters"),
        ("PET CT\tPROCEDURE\n", 1, "contains whitespace"),
        ("宣武医院\tDOCTOR\n", 1, "unknown label 'DOCTOR'"),
        ("宣武医院\t\n", 1, "unknown label"),
        ("3例\tFIGURE\n", 1, "FIGURE entries are not supported"),
        ("ok\tHOSPITAL\r\nbad\r\n", 2, "found 1"),
        ("ok\tHOSPITAL\rbad\r", 2, "found 1"),
        ("\u{FEFF}ok\tHOSPITAL\n\u{FEFF}\tHOSPITAL\n", 2, "only whitespace or invisible characters"),
    ] as [(String, Int, String)])
    func malformedLinesNameFileAndLine(contents: String, line: Int, reason: String) throws {
        let error = try #require(Self.error(contents), "accepted: \(contents.debugDescription)")
        guard case .malformedDictionaryLine(let path, let actualLine, let actualReason) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(path == "user.tsv")
        #expect(actualLine == line)
        #expect(actualReason.contains(reason), "\(actualReason)")
        #expect(error.description.hasPrefix("user.tsv:\(line): "))
    }

    @Test func bomAndCRLFAreAccepted() throws {
        let contents = "\u{FEFF}# comment\r\n宣武医院\tHOSPITAL\t首都医科大学宣武医院\r\n\r\n  \t \r\nＣＴ\tPROCEDURE\t\t88.38\r\n心内科\tDEPARTMENT\r\n"
        let entries = try DictionaryFile.parse(contents, path: "user.tsv")
        #expect(entries.map(\.surface) == ["宣武医院", "CT", "心内科"])
        #expect(entries.map(\.canonical) == ["首都医科大学宣武医院", nil, nil])
        #expect(entries.map(\.code) == [nil, "88.38", nil])
        #expect(entries.map(\.origin) == ["user.tsv:2", "user.tsv:5", "user.tsv:6"])
    }

    @Test func oldMacLineEndsAreAccepted() throws {
        let entries = try DictionaryFile.parse("宣武医院\tHOSPITAL\r心内科\tDEPARTMENT\r", path: "mac.tsv")
        #expect(entries.map(\.surface) == ["宣武医院", "心内科"])
        #expect(entries.map(\.origin) == ["mac.tsv:1", "mac.tsv:2"])
    }

    @Test func aBOMBeforeACombiningMarkKeepsTheMark() throws {
        // U+FEFF and U+0301 form one Character: only the BOM may be dropped.
        let entries = try DictionaryFile.parse("\u{FEFF}\u{301}a\tHOSPITAL\n", path: "user.tsv")
        #expect(entries.map(\.surface) == ["\u{301}a"])
    }

    @Test func fixtureFilesParse() throws {
        let directory = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/robustness"))
        let good = try DictionaryFile.parse(try TextFile.read(directory.appendingPathComponent("bom_crlf.tsv").path), path: "bom_crlf.tsv")
        #expect(good.map(\.surface) == ["宣武医院", "EBUS-TBNA"])
        #expect(good.first?.canonical == "首都医科大学宣武医院")
        let badPath = directory.appendingPathComponent("bad.tsv").path
        #expect(throws: MedExtractError.malformedDictionaryLine(path: badPath, line: 2, reason: "expected 2 to 4 tab-separated columns (surface, label, canonical, code), found 1")) {
            _ = try DictionaryFile.parse(try TextFile.read(badPath), path: badPath)
        }
    }

    @Test func gazetteerBadLinesNameFileAndLine() throws {
        #expect(throws: MedExtractError.malformedDictionaryLine(path: "p.tsv", line: 2, reason: "unknown level 'town' (expected province, city, county or township)")) {
            _ = try GazetteerFile.parse("晋城\tcity\t晋城市\r\n泽州\ttown\t泽州县\r\n", path: "p.tsv")
        }
        let places = try GazetteerFile.parse("\u{FEFF}晋城\tcity\t晋城市\r\n\r\n山西\tprovince\t\r\n", path: "p.tsv")
        #expect(places.map(\.canonical) == ["晋城市", "山西"])
    }

    @Test func userDictionaryFilesThroughTheExtractor() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("medextract-dict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = directory.appendingPathComponent("bad.tsv")
        try Data("宣武医院\tHOSPITAL\n\tHOSPITAL\n".utf8).write(to: bad)
        #expect(throws: MedExtractError.malformedDictionaryLine(path: bad.path, line: 2, reason: "empty surface")) {
            _ = try MedExtractor(configuration: ExtractorConfiguration(userDictionaries: [bad], includeBuiltinDictionaries: false))
        }
        let invalid = directory.appendingPathComponent("invalid.tsv")
        try Data([0x41, 0x09, 0xC0, 0x80]).write(to: invalid)
        #expect(throws: MedExtractError.invalidUTF8(path: invalid.path, byteOffset: 2)) {
            _ = try MedExtractor(configuration: ExtractorConfiguration(userDictionaries: [invalid], includeBuiltinDictionaries: false))
        }
        let good = directory.appendingPathComponent("good.tsv")
        try Data("\u{FEFF}宣武医院\tHOSPITAL\r\n".utf8).write(to: good)
        let extractor = try MedExtractor(configuration: ExtractorConfiguration(userDictionaries: [good], includeBuiltinDictionaries: false))
        #expect(extractor.extract(from: "去宣武医院").map(\.scalarOffsets) == [1 ..< 5])
    }
}
