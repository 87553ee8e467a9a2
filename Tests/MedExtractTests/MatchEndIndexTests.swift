import Testing
@_spi(Benchmarks) @testable import MedExtract

/// The index a recognition context keeps of its matches by end
/// (``RecognitionContext/endIndex(of:positions:)``), counted, against its
/// definition: the first match whose end is ≥ p, found by searching.
@Suite("Match end index")
struct MatchEndIndexTests {
    /// The definition, by a forward search over the matches ordered by end.
    static func searched(_ ends: [Int], positions: Int) -> [Int32] {
        var out: [Int32] = []
        var m = 0
        for p in 0 ..< positions {
            while m < ends.count && ends[m] < p { m += 1 }
            out.append(Int32(m))
        }
        return out
    }

    static func counted(_ ends: [Int], positions: Int) -> [Int32] {
        let matches = ends.map { LexiconMatch(start: max(0, $0 - 2), end: $0, value: LexiconValue()) }
        return matches.withUnsafeBufferPointer { buffer in
            let index = RecognitionContext.endIndex(of: buffer, positions: positions)
            defer { index.deallocate() }
            return Array(index)
        }
    }

    @Test func agreesWithTheSearchOnRandomEnds() {
        var random = SplitMix(state: 16)
        for round in 0 ..< 300 {
            let length = Int.random(in: 0 ... 200, using: &random)
            let count = Int.random(in: 0 ... 3 * length + 1, using: &random)
            // Ends in order, many repeated, some at the text's edges.
            let ends = (0 ..< count).map { _ in Int.random(in: 0 ... length, using: &random) }.sorted()
            let positions = length + 2
            #expect(Self.counted(ends, positions: positions) == Self.searched(ends, positions: positions), "round \(round)")
        }
    }

    @Test func endsOutsideTheTextAreCountedWhereTheSearchCountsThem() {
        // Before the text (never the lexicon's, but not written out of bounds)
        // and past its last position.
        let ends = [-3, -1, 0, 0, 2, 5, 9, 40]
        #expect(Self.counted(ends, positions: 7) == Self.searched(ends, positions: 7))
        #expect(Self.counted(ends, positions: 7) == [2, 4, 4, 5, 5, 5, 6])
        #expect(Self.counted([], positions: 3) == [0, 0, 0])
        #expect(Self.counted([100], positions: 1) == [0])
    }

    /// The queries recognisers make, through a context built from a real scan.
    @Test func matchesEndingAtAPositionAreExactlyThoseEndingThere() throws {
        let extractor = try MedExtractor()
        let text = TextNormalizer().normalize("北京市朝阳区人民医院心内科开展冠状动脉搭桥术。")
        let all = text.units.withUnsafeBufferPointer { extractor.lexicon.matchList(in: $0) }
        let expected = Array(all.buffer)
        all.deallocate()
        #expect(!expected.isEmpty)
        let context = extractor.recognitionContext(for: text, matches: expected)
        for p in -1 ... text.units.count + 1 {
            #expect(Array(context.matches(endingAt: p)) == expected.filter { $0.end == p && p >= 0 && p <= text.units.count }, "position \(p)")
        }
    }
}
