import Testing
@testable import MedExtract

/// The linking pass's compact string column against the `[String?]` it
/// replaces: the same value in every row after any sequence of writes.
@Suite("Name column of the linking pass")
struct NameColumnTests {
    @Test func startsWithEveryRowNil() {
        let column = NameColumn(count: 5)
        #expect(column.count == 5)
        #expect(column.indices == 0 ..< 5)
        #expect(column.indices.allSatisfy { column[$0] == nil })
        #expect(NameColumn(count: 0).indices.isEmpty)
    }

    /// Short columns (plain) and long ones (interned).
    static let sizes = [3, NameColumn.internedFrom, NameColumn.internedFrom + 5]

    @Test(arguments: sizes) func keepsStringsThatAreEqualOnlyCanonicallyApart(count: Int) {
        // `é` precomposed and decomposed: equal as Swift strings, not byte for byte.
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        var column = NameColumn(count: count)
        column[0] = composed
        column[1] = decomposed
        column[2] = composed
        #expect(column[0].map { Array($0.utf8) } == Array(composed.utf8))
        #expect(column[1].map { Array($0.utf8) } == Array(decomposed.utf8))
        #expect(column[2].map { Array($0.utf8) } == Array(composed.utf8))
        #expect(column.indices.dropFirst(3).allSatisfy { column[$0] == nil })
    }

    @Test(arguments: [0, NameColumn.internedFrom])
    func matchesAnArrayOfOptionalStringsUnderRandomWrites(extraRows: Int) {
        let pool: [String?] = [nil, "第一医院", "心内科", "第一医院开元院区", "", "心内科"]
        var generator = SplitMix(state: 16)
        for _ in 0 ..< 50 {
            let count = Int(generator.next() % 20) + 1 + extraRows
            var column = NameColumn(count: count)
            var reference = [String?](repeating: nil, count: count)
            for _ in 0 ..< 60 {
                // Rows among the first 20, so they are written over.
                let row = Int(generator.next() % UInt64(min(count, 20)))
                let value = pool[Int(generator.next() % UInt64(pool.count))]
                column[row] = value
                reference[row] = value
            }
            #expect(column.indices.map { column[$0] } == reference)
        }
    }
}
