import Testing
@_spi(Benchmarks) @testable import MedExtract

/// The loops that step over runs of U+5000 to U+9FFF in the layout model and
/// the normaliser give exactly what the scalar-by-scalar walk gives.
@Suite("Runs of common ideographs")
struct IdeographRunTests {
    /// Pieces around the run's edges (U+4FFF, U+5000, U+9FFF, U+A000), and
    /// the spaces, breaks, folds and ignorables the walks treat specially.
    static let pieces = [
        "医院", "心内科", "\u{4FFF}", "\u{5000}", "\u{9FFF}", "\u{A000}", "\u{4E00}", "\u{4DC0}", "㐀", " ", "　", "  ",
        "\n", "\r\n", "\n\n", "１２", "ＣＴ", "\u{200B}", "\u{FEFF}", "-", "PET CT", "吕 梁 市", "😀", "𠀀", "。", "，", "a",
    ]

    /// What the run loops assume of every scalar they skip: an ideograph, two
    /// columns wide, and nothing else (no fold, not whitespace or a break).
    @Test func theRangeIsVisibleWideIdeographsOnly() {
        let expected = ScalarClassTable.ideograph | ScalarClassTable.wide
        let table = ScalarClassTable.bmp
        let odd = (ScalarWalk.commonIdeographsStart ..< ScalarWalk.commonIdeographsEnd).filter { table[Int($0)] != expected }
        #expect(odd.isEmpty)
        // The range is exactly the three-byte sequences led by E5 to E9.
        #expect(String(UnicodeScalar(ScalarWalk.commonIdeographsStart)!).utf8.first == 0xE5)
        #expect(String(UnicodeScalar(ScalarWalk.commonIdeographsEnd - 1)!).utf8.first == 0xE9)
        #expect(String(UnicodeScalar(ScalarWalk.commonIdeographsEnd)!).utf8.first == 0xEA)
    }

    func check(_ text: String) {
        let scalars = text.unicodeScalars[...]
        let fast = LayoutModel(scalars), slow = LayoutModel(scalars, skipsIdeographRuns: false)
        #expect(fast.lineStarts == slow.lineStarts)
        #expect(fast.lines.map(Self.bits) == slow.lines.map(Self.bits))
        let a = TextNormalizer().normalize(scalars), b = TextNormalizer(skipsIdeographRuns: false).normalize(scalars)
        #expect(a.units == b.units, "\(text.debugDescription)")
        #expect(a.origins == b.origins, "\(text.debugDescription)")
        let (kept, units) = TextNormalizer().normalizeKeepingUnits(scalars, layout: fast, startOffset: 0)
        #expect(units == Array(text.utf16) && kept.units == b.units && kept.origins == b.origins)
    }

    static func bits(_ flags: LayoutModel.Flags) -> [Bool] {
        [flags.letterSpaced, flags.spacesAreLayout, flags.joinsNext, flags.fillsWidth, flags.unknownLayout]
    }

    @Test func randomTextsAgree() {
        var generator = SplitMix(state: 5000)
        for round in 0 ..< 400 {
            // Long lines now and then, so that the layout model has wraps to find.
            let count = Int(generator.next() % (round % 4 == 0 ? 400 : 40))
            var text = ""
            for _ in 0 ..< count { text += Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))] }
            check(text)
        }
    }

    /// A wrapped column of Chinese text (lines of one length, a space inside
    /// some): the joins and the spaces decided from the counts are the same.
    @Test func wrappedColumnsAgree() {
        let line = String(repeating: "医院心内科主任", count: 3)
        check((0 ..< 8).map { $0 % 3 == 0 ? line + " 科" : line }.joined(separator: "\n"))
        check((0 ..< 8).map { _ in "吕 梁 市 人 民 医 院" }.joined(separator: "\n"))
    }
}
