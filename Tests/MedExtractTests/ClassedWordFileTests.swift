@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract
import Testing

/// The two-column word files (rule lexicon, link words): rows in order, and
/// each malformed line named with its file, line and reason.
@Suite("Word-and-class files")
struct ClassedWordFileTests {
    @Test func rowsInFileOrder() throws {
        let words = try RuleLexiconFile.parse("# comment\n医院\thospital-head\r\n科\tdepartment-suffix\n", path: "r.tsv")
        #expect(words.map(\.surface) == ["医院", "科"])
        #expect(words.map(\.ruleClass) == [.hospitalHead, .departmentSuffix])
        let links = try LinkWords.parse("我院\tself\n", path: "l.tsv")
        #expect(links.words[.selfReference]?.contains("我院") == true)
    }

    @Test func malformedRuleLexiconLines() {
        let cases: [(String, Int, String)] = [
            ("医院\n", 1, "expected 2 tab-separated columns (surface, class), found 1"),
            ("医院\thospital-head\n\thospital-head\n", 2, "empty surface"),
            ("医院\tnope\n", 1, "unknown class 'nope'"),
        ]
        for (contents, line, reason) in cases {
            #expect(throws: MedExtractError.malformedDictionaryLine(path: "r.tsv", line: line, reason: reason)) {
                try RuleLexiconFile.parse(contents, path: "r.tsv")
            }
        }
    }

    @Test func malformedLinkWordLines() {
        #expect(throws: MedExtractError.malformedDictionaryLine(path: "l.tsv", line: 1, reason: "expected 2 tab-separated columns (word, class), found 3")) {
            try LinkWords.parse("我院\tself\textra\n", path: "l.tsv")
        }
        #expect(throws: MedExtractError.malformedDictionaryLine(
            path: "l.tsv", line: 1,
            reason: "unknown class 'x' (expected self, anaphor, campus, body, head, national, unnamed, region, rename, committee or byline)")) {
            try LinkWords.parse("我院\tx\n", path: "l.tsv")
        }
    }
}
