@testable import MedExtract
import Testing

/// The short-array helpers (`Support/ArrayAllocation.swift`) make what the
/// standard initialisers make, on both sides of the small-array limit.
@Suite("Array allocation")
struct ArrayAllocationTests {
    static let counts = [0, 1, 2, 7, 511, 512, 513, 4_000]

    @Test(arguments: counts)
    func filledArraysEqualRepeatedOnes(count: Int) {
        let numbers = [Int32](filledWith: -1, count: count)
        let flags = [Bool](filledWith: true, count: count)
        let names = [String?](filledWith: "甲", count: count)
        let rows = [[Int]](filledWith: [3], count: count)
        #expect(numbers == [Int32](repeating: -1, count: count))
        #expect(flags == [Bool](repeating: true, count: count))
        #expect(names == [String?](repeating: "甲", count: count))
        #expect(rows == [[Int]](repeating: [3], count: count))
    }

    @Test func aNegativeCountGivesAnEmptyArray() {
        #expect([Int32](filledWith: 5, count: -3).isEmpty)
        let names = [String?](filledWith: nil, count: -3)
        #expect(names.isEmpty)
        #expect([UInt16].initialized(capacity: -3) { _ in 2 }.isEmpty)
    }

    @Test(arguments: counts)
    func initializedArraysHoldWhatWasWritten(capacity: Int) {
        for wanted in Set([0, capacity / 2, capacity]) {
            let made = [UInt16].initialized(capacity: capacity) { buffer in
                #expect(buffer.count == capacity)
                for i in 0 ..< wanted { buffer[i] = UInt16(truncatingIfNeeded: i &* 7 &+ 1) }
                return wanted
            }
            #expect(made == (0 ..< wanted).map { UInt16(truncatingIfNeeded: $0 &* 7 &+ 1) })
        }
    }

    @Test func aWrittenCountOutOfRangeIsClamped() {
        let over = [UInt8].initialized(capacity: 4) { buffer in
            buffer.initialize(repeating: 9)
            return 10
        }
        #expect(over == [9, 9, 9, 9])
        #expect([UInt8].initialized(capacity: 4) { _ in -1 }.isEmpty)
        let long = [UInt8].initialized(capacity: 600) { buffer in
            buffer.initialize(repeating: 1)
            return 1_000
        }
        #expect(long.count == 600 && long.allSatisfy { $0 == 1 })
    }
}
