import Testing
@_spi(Benchmarks) @testable import MedExtract

/// Clause breaks: the bit table of ``RecognitionContext/isClauseBreak(_:)``
/// against its definition, a line break or boundary punctuation, for every
/// UTF-16 code unit; and the clauses of texts longer than the blocks the
/// breaks are collected in.
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

    /// Clauses around every position of random texts (breaks anywhere,
    /// runs of breaks, none for a long stretch) against a search outwards
    /// from the position.
    @Test func clausesOfLongTextsAgreeWithASearch() throws {
        let extractor = try MedExtractor()
        let alphabet: [Character] = ["甲", "乙", "丙", "，", "。", "a", "1", "【", "】", "\n", "中"]
        var random = SplitMix(state: 7)
        for round in 0 ..< 12 {
            let length = Int.random(in: 0 ... 1200, using: &random)
            let breaksRare = round % 3 == 0
            var text = ""
            for _ in 0 ..< length {
                let pick = breaksRare && Int.random(in: 0 ..< 100, using: &random) > 0 ? 0 : Int.random(in: 0 ..< alphabet.count, using: &random)
                text.append(alphabet[pick])
            }
            let normalized = TextNormalizer().normalize(text)
            let units = normalized.units
            let context = extractor.recognitionContext(for: normalized, matches: [])
            for p in 0 ... units.count {
                var lo = p
                while lo > 0 && !RecognitionContext.isClauseBreak(units[lo - 1]) { lo -= 1 }
                var hi = p
                while hi < units.count && !RecognitionContext.isClauseBreak(units[hi]) { hi += 1 }
                #expect(context.clauseRange(around: p) == lo ..< hi, "round \(round), position \(p)")
            }
        }
    }

    /// A clause up to ``RecognitionContext/longestSegmentedClause`` units is
    /// segmented by ICU; a longer one is not: its ends are its only word
    /// boundaries, and ICU is not asked.
    @Test func onlyClausesUpToTheLimitAreSegmented() throws {
        let extractor = try MedExtractor()
        let limit = RecognitionContext.longestSegmentedClause
        for (length, segmented) in [(limit, true), (limit + 1, false)] {
            // Words of two ideographs, no punctuation: ICU finds boundaries inside.
            let text = String(repeating: "医生", count: length / 2) + (length % 2 == 1 ? "药" : "")
            let normalized = TextNormalizer().normalize("，" + text + "。")
            let context = extractor.recognitionContext(for: normalized, matches: [])
            let boundaries = context.wordBoundaries(around: 1 + length / 2)
            #expect(boundaries.first == 1 && boundaries.last == 1 + length)
            #expect((boundaries.count > 2) == segmented, "length \(length)")
            #expect(context.segmentedClauses == (segmented ? [1 ..< 1 + length] : []))
            #expect(context.isWordBoundary(1) && context.isWordBoundary(1 + length))
        }
    }
}
