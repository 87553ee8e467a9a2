import Testing
@_spi(Benchmarks) @testable import MedExtract

/// Clause breaks: the shortcut of ``RecognitionContext/isClauseBreak(_:)``
/// (no break between 】 and the full-width forms) against its definition, a
/// line break or boundary punctuation, for every UTF-16 code unit.
@Suite("Clause breaks")
struct ClauseBreakTests {
    @Test func shortcutAgreesWithTheDefinitionOnEveryUnit() {
        var disagreements: [UInt16] = []
        for value in 0 ... 0xFFFF {
            let u = UInt16(value)
            let defined = u == 0x0A || CodeUnitClass.isBoundaryPunctuation(u)
            if RecognitionContext.isClauseBreak(u) != defined { disagreements.append(u) }
        }
        #expect(disagreements.isEmpty)
        // Both outcomes occur at the edges of the shortcut's range.
        #expect(RecognitionContext.isClauseBreak(0x3011) && RecognitionContext.isClauseBreak(0xFF01))
        #expect(!RecognitionContext.isClauseBreak(0x3012) && !RecognitionContext.isClauseBreak(0x533B))
    }

    /// Clauses of a text with breaks of several kinds: full-width comma and
    /// full stop, CJK brackets, an ASCII parenthesis.
    @Test func clausesEndAtEveryKindOfBreak() throws {
        let extractor = try MedExtractor()
        let text = TextNormalizer().normalize("甲乙，丙【丁】戊。己(庚")
        #expect(text.units.count == 12)
        let context = extractor.recognitionContext(for: text, matches: [])
        #expect(context.clauseRange(around: 0) == 0 ..< 2)
        #expect(context.clauseRange(around: 3) == 3 ..< 4)
        #expect(context.clauseRange(around: 5) == 5 ..< 6)
        #expect(context.clauseRange(around: 7) == 7 ..< 8)
        #expect(context.clauseRange(around: 9) == 9 ..< 10)
        #expect(context.clauseRange(around: 11) == 11 ..< 12)
    }
}
