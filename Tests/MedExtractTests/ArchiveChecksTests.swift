@testable import MedExtract
import Testing

/// The branch-free range and order checks of archived tables agree with the
/// plain comparisons, at the bounds and at the extremes of `Int32`.
@Suite("Archive checks")
struct ArchiveChecksTests {
    @Test func rangeCheckMatchesPlainComparisons() {
        let samples: [Int32] = [Int32.min, -2, -1, 0, 1, 5, 6, 7, Int32.max]
        for lower: Int32 in [-1, 0, 2] {
            for upper in [0, 1, 6, 7, Int(Int32.max), Int(Int32.max) + 1, Int(UInt32.max) + 5] {
                for v in samples {
                    let expected = v >= lower && Int(v) < upper
                    #expect(ArchiveChecks.all([v], from: lower, below: upper) == expected, "\(v) in \(lower) ..< \(upper)")
                    // In a longer run, at any position.
                    var run = [Int32](repeating: lower, count: 37)
                    guard Int(lower) < upper else { continue }
                    run[Int(UInt32(bitPattern: v) % 37)] = v
                    #expect(ArchiveChecks.all(run, from: lower, below: upper) == expected)
                    #expect(ArchiveChecks.all(Table(run), from: lower, below: upper) == expected)
                }
            }
        }
        #expect(ArchiveChecks.all([Int32](), from: 0, below: 0))
        #expect(!ArchiveChecks.all([0], from: 0, below: 0))
    }

    @Test func orderCheckFindsAnyDescent() {
        #expect(ArchiveChecks.isNondecreasing([Int32]()))
        #expect(ArchiveChecks.isNondecreasing([Int32(3)]))
        let ascending: [UInt32] = (0 ..< 100).map { UInt32($0 / 3) }
        #expect(ArchiveChecks.isNondecreasing(ascending) && ArchiveChecks.isNondecreasing(Table(ascending)))
        for i in 1 ..< ascending.count {
            var broken = ascending
            broken[i] = broken[i - 1] &- 1
            #expect(!ArchiveChecks.isNondecreasing(broken), "descent at \(i)")
        }
        #expect(!ArchiveChecks.isNondecreasing([Int32.max, Int32.min]))
        #expect(ArchiveChecks.isNondecreasing([UInt64(0), UInt64.max]))
    }
}
