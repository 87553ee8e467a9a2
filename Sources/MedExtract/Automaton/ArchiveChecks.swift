/// The range and order checks an archive's tables get at load, written as
/// loops without early exits over raw buffers, which the compiler turns into
/// vector compares: a check through `Collection.allSatisfy` on a ``Table``
/// (an iterator, a bounds check and a closure call a row) cost the built-in
/// lexicon's load about 15 M instructions, on every start.
enum ArchiveChecks {
    /// Whether every value is at least `lower` and below `upper`.
    static func all(_ values: UnsafeBufferPointer<Int32>, from lower: Int32, below upper: Int) -> Bool {
        // No value is above Int32.max: a larger bound is that one's.
        let top = min(upper, Int(Int32.max) + 1)
        guard top > Int(lower) else { return values.isEmpty }
        // One unsigned compare a value: v - lower wraps below 0 to a large
        // number. (A span of 2^32 is every value.)
        guard top - Int(lower) <= Int(UInt32.max) else { return true }
        let span = UInt32(top - Int(lower))
        var outside: UInt32 = 0
        for v in values { outside |= UInt32(bitPattern: v &- lower) >= span ? 1 : 0 }
        return outside == 0
    }

    /// ``all(_:from:below:)`` over a table.
    static func all(_ values: Table<Int32>, from lower: Int32, below upper: Int) -> Bool {
        values.withUnsafeBufferPointer { all($0, from: lower, below: upper) }
    }

    /// ``all(_:from:below:)`` over an array.
    static func all(_ values: [Int32], from lower: Int32, below upper: Int) -> Bool {
        values.withUnsafeBufferPointer { all($0, from: lower, below: upper) }
    }

    /// Whether no value is smaller than the one before it.
    static func isNondecreasing<T: FixedWidthInteger>(_ values: UnsafeBufferPointer<T>) -> Bool {
        guard values.count > 1 else { return true }
        var descents: UInt32 = 0
        for i in 1 ..< values.count { descents |= values[i] < values[i - 1] ? 1 : 0 }
        return descents == 0
    }

    /// ``isNondecreasing(_:)`` over a table.
    static func isNondecreasing<T: FixedWidthInteger>(_ values: Table<T>) -> Bool {
        values.withUnsafeBufferPointer { isNondecreasing($0) }
    }

    /// ``isNondecreasing(_:)`` over an array.
    static func isNondecreasing<T: FixedWidthInteger>(_ values: [T]) -> Bool {
        values.withUnsafeBufferPointer { isNondecreasing($0) }
    }
}
