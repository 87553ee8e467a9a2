import Foundation
@_spi(Benchmarks) @_spi(Tooling) import MedExtract
import MedExtractTesting
import Testing

@Suite("MedExtractTesting: fixture format, runner, dictionary checker and linter")
struct FixtureFormatTests {
    /// An extractor with only the given entries, so results do not depend on
    /// the built-in dictionaries or rules being built right now.
    static func extractor(_ entries: [DictionaryEntry]) throws -> MedExtractor {
        try MedExtractor(configuration: ExtractorConfiguration(userEntries: entries, includeBuiltinDictionaries: false))
    }

    static let entries = [
        DictionaryEntry(surface: "晋城大医院", label: .entity(.hospital)),
        DictionaryEntry(surface: "呼吸与危重症医学科", label: .entity(.department), code: "A03.01"),
        DictionaryEntry(surface: "CT", label: .entity(.procedure), canonical: "计算机断层扫描"),
        DictionaryEntry(surface: "宣武医院", label: .entity(.hospital), canonical: "首都医科大学宣武医院"),
        DictionaryEntry(surface: "基层医院", label: .ignore),
    ]

    // MARK: parsing

    @Test func parsesEntitiesLabelsAndAttributes() throws {
        let fixture = try Fixture.parse("[晋城大医院]{HOSPITAL}[呼吸与危重症医学科]{department|code=A03.01}开展[2例]{FIGURE|kind=count}[CT]{PROCEDURE|canonical=计算机断层扫描}检查。")
        #expect(fixture.text == "晋城大医院呼吸与危重症医学科开展2例CT检查。")
        #expect(fixture.expected == [
            FixtureEntity(label: .hospital, scalarOffsets: 0 ..< 5, text: "晋城大医院"),
            FixtureEntity(label: .department, scalarOffsets: 5 ..< 14, text: "呼吸与危重症医学科", code: "A03.01"),
            FixtureEntity(label: .figure, scalarOffsets: 16 ..< 18, text: "2例", kind: .count),
            FixtureEntity(label: .procedure, scalarOffsets: 18 ..< 20, text: "CT", canonical: "计算机断层扫描"),
        ])
    }

    @Test func escapesAndLineBreaks() throws {
        let fixture = try Fixture.parse(#"\[注\]去[宣武医\n\n院]{HOSPITAL|canonical=A\|B}\\"#)
        #expect(fixture.text == "[注]去宣武医\n\n院\\")
        #expect(fixture.expected.first?.scalarOffsets == 4 ..< 10)
        #expect(fixture.expected.first?.text == "宣武医\n\n院")
        #expect(fixture.expected.first?.canonical == "A|B")
        // Writing it back gives the same fixture.
        #expect(try Fixture.parse(fixture.notation) == fixture)
    }

    @Test func sentenceWithoutMarkupExpectsNothing() throws {
        let fixture = try Fixture.parse("一位医生正在查房。")
        #expect(fixture.text == "一位医生正在查房。")
        #expect(fixture.expected.isEmpty)
    }

    @Test(arguments: [
        ("[晋城大医院", 1, "never closed"),
        ("[晋城大医院]", 8, "must be followed by '{LABEL}'"),
        ("[晋城大医院]{HOSPITAL", 8, "never closed"),
        ("[晋城大医院]{CLINIC}", 9, "unknown label 'CLINIC'"),
        ("[]{HOSPITAL}", 1, "empty entity"),
        ("医院]", 3, "unexpected ']'"),
        ("[a[b]{HOSPITAL}", 3, "do not nest"),
        ("[2例]{FIGURE|kind=amount}", 6, "unknown figure kind 'amount'"),
        ("[CT]{PROCEDURE|kind=count}", 6, "FIGURE entities only"),
        ("[CT]{PROCEDURE|icd=1}", 6, "unknown attribute 'icd'"),
        ("[CT]{PROCEDURE|canonical}", 6, "key=value"),
        ("CT\\", 3, "escaping backslash"),
    ])
    func malformedLinesAreRejectedWithTheirColumn(line: String, column: Int, reason: String) {
        do {
            _ = try Fixture.parse(line, origin: "f:3")
            Issue.record("'\(line)' parsed")
        } catch {
            #expect(error.column == column, "\(error)")
            #expect(error.reason.contains(reason), "\(error)")
            #expect(error.description.hasPrefix("f:3:\(column): "))
        }
    }

    @Test func fileSkipsCommentsAndBlankLinesAndNamesLines() throws {
        let fixtures = try Fixture.parseFile("\u{FEFF}# header\n\n[CT]{PROCEDURE}\r\n  # indented comment\n\\#不是注释\n", path: "s.fixtures")
        #expect(fixtures.map(\.origin) == ["s.fixtures:3", "s.fixtures:5"])
        #expect(fixtures.map(\.text) == ["CT", "#不是注释"])
        #expect(throws: FixtureParseError.self) { try Fixture.parseFile("ok\n[bad", path: "x") }
    }

    // MARK: running

    @Test func passingFixtureHasNoFailure() throws {
        let runner = FixtureRunner(extractor: try Self.extractor(Self.entries))
        let fixture = try Fixture.parse("[晋城大医院]{HOSPITAL}[呼吸与危重症医学科]{DEPARTMENT|code=A03.01}开展[CT]{PROCEDURE|canonical=计算机断层扫描}，[宣武医\\n院]{HOSPITAL|canonical=首都医科大学宣武医院}。")
        #expect(runner.run(fixture).isEmpty)
        #expect(runner.run(try Fixture.parse("基层医院召开会议。")).isEmpty)
    }

    @Test func reportsMissingUnexpectedAndWrongAttributes() throws {
        let runner = FixtureRunner(extractor: try Self.extractor(Self.entries))
        let fixture = try Fixture.parse("[晋城大医院召开]{HOSPITAL}会议，讨论[CT]{PROCEDURE|canonical=CT}和[MRI]{PROCEDURE}结果。", origin: "s:9")
        let failures = runner.run(fixture)
        #expect(failures.count == 1)
        let failure = try #require(failures.first)
        #expect(failure.origin == "s:9")
        #expect(failure.problems == [
            .missing(FixtureEntity(label: .hospital, scalarOffsets: 0 ..< 7, text: "晋城大医院召开")),
            .wrongAttribute(FixtureEntity(label: .procedure, scalarOffsets: 12 ..< 14, text: "CT", canonical: "CT"),
                            name: "canonical", expected: "CT", found: "计算机断层扫描"),
            .missing(FixtureEntity(label: .procedure, scalarOffsets: 15 ..< 18, text: "MRI")),
            .unexpected(FixtureEntity(label: .hospital, scalarOffsets: 0 ..< 5, text: "晋城大医院", canonical: "晋城大医院")),
        ])
        #expect(failure.found == "[晋城大医院]{HOSPITAL}召开会议，讨论[CT]{PROCEDURE|canonical=计算机断层扫描}和MRI结果。")
        #expect(failure.description.hasPrefix("s:9: expected [晋城大医院召开]{HOSPITAL}会议"))
        // A sentence that must yield nothing fails when something comes out.
        let negative = runner.run(try Fixture.parse("晋城大医院召开会议。"))
        #expect(negative.first?.problems.count == 1)
    }

    // MARK: dictionary checker

    @Test func checkerPassesEntriesThatComeOutAsThemselves() throws {
        let checker = DictionaryChecker(extractor: try Self.extractor(Self.entries))
        #expect(checker.check(Self.entries).isEmpty)
        #expect(checker.fixtures(for: Self.entries[0]).count == DictionaryTemplates.standard.hospital.count)
    }

    @Test func checkerReportsShadowedEntriesWrongCanonicalsAndLeakingIgnores() throws {
        let loaded = Self.entries + [
            // Shadows 晋城大医院 in the template 记者近日从{X}获悉。 only.
            DictionaryEntry(surface: "从晋城大医院获", label: .ignore),
            // An entity inside the template 据介绍，{X}。 itself: every sentence made
            // from that template yields one entity too many.
            DictionaryEntry(surface: "介绍", label: .entity(.procedure)),
        ]
        let checker = DictionaryChecker(extractor: try Self.extractor(loaded))
        let failures = checker.check([
            Self.entries[0],
            DictionaryEntry(surface: "CT", label: .entity(.procedure), canonical: "电子计算机断层扫描", origin: "p.tsv:4"),
            DictionaryEntry(surface: "基层医院", label: .ignore, origin: "n.tsv:1"),
        ])
        // 晋城大医院: the 从…获 template is shadowed and 据介绍 yields 介绍 as well → 2 sentences;
        // CT: wrong canonical, and 据介绍 → 3 templates fail (据介绍 adds 介绍, the others the canonical);
        // 基层医院: 据介绍 yields 介绍.
        #expect(failures.count == 2 + 3 + 1)
        let ct = try #require(failures.first { $0.origin == "p.tsv:4" })
        #expect(ct.problems.contains(.wrongAttribute(
            FixtureEntity(label: .procedure, scalarOffsets: 4 ..< 6, text: "CT", canonical: "电子计算机断层扫描"),
            name: "canonical", expected: "电子计算机断层扫描", found: "计算机断层扫描")))
        #expect(failures.contains { $0.origin == "n.tsv:1" && $0.expected == "据介绍，基层医院。" })
    }

    // MARK: linter

    static let badDictionary = """
    # a dictionary with one of each problem
    CT\tPROCEDURE
    ＣＴ\tPROCEDURE
    北京 协和医院\tHOSPITAL
    骨科\tDEPARTMENT
    骨科\tPROCEDURE
    PCI\tPROCEDURE\t经皮冠状动脉介入治疗
    PCI\tPROCEDURE\t冠脉介入
    坏行
    医院\tCLINIC
    甲乙医院。\tIGNORE
    甲乙医院\tHOSPITAL

    """

    @Test func linterFindsEachKindOfProblemAtItsLine() throws {
        let source = DictionarySource(path: "bad.tsv", contents: Self.badDictionary)
        let extractor = try Self.extractor(DictionaryLinter.entries(in: [source]))
        let findings = DictionaryLinter(extractor: extractor).lint([source])
        let summary = findings.map { "\($0.location) \($0.severity.rawValue) \($0.kind.rawValue)" }
        #expect(summary == [
            "bad.tsv:3 warning not-normalized",
            "bad.tsv:3 warning duplicate",
            "bad.tsv:4 warning not-normalized",
            "bad.tsv:5 warning unreachable",
            "bad.tsv:6 error label-conflict",
            "bad.tsv:8 error canonical-conflict",
            "bad.tsv:9 error malformed",
            "bad.tsv:10 error malformed",
            "bad.tsv:12 warning unreachable",
        ])
        #expect(findings[0].description == "bad.tsv:3: warning: surface 'ＣＴ' normalises to 'CT'; write the normalised form [not-normalized]")
        #expect(findings[4].message.contains("bad.tsv:5"))
    }

    @Test func conflictsAcrossFilesAndCleanFiles() {
        let a = DictionarySource(path: "a.tsv", contents: "基层医院\tIGNORE\n晋城大医院\tHOSPITAL\n")
        let b = DictionarySource(path: "b.tsv", contents: "基层医院\tHOSPITAL\n")
        #expect(DictionaryLinter().lint([a]).isEmpty)
        let findings = DictionaryLinter().lint([a, b])
        #expect(findings.map(\.kind) == [.labelConflict])
        #expect(findings.first?.location == "b.tsv:1")
        #expect(findings.first?.message.contains("a.tsv:1") == true)
    }
}
