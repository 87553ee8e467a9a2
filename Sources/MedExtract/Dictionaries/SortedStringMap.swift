/// A read-only map from strings to strings kept as two ``StringTable``s:
/// the keys, distinct and sorted by their UTF-8 bytes, and the values, each
/// stored once, with the value index of every key. A lookup is a binary
/// search comparing bytes (no hashing, no `String` made for the key), and
/// the whole map is archived as it is searched: the hospital registry is
/// read in place from the compiled lexicon at start-up instead of being
/// parsed from its TSV file and hashed into dictionaries.
struct SortedStringMap: Sendable {
    /// The keys, ascending by UTF-8 bytes, no two equal.
    private let keys: StringTable
    /// The value of each key, as an index into ``values``.
    private let valueOfKey: Table<Int32>
    /// The distinct values.
    private let values: StringTable

    /// The number of keys.
    var count: Int { keys.count }

    /// The map of `pairs`.
    init(_ pairs: [ExactText: String]) {
        let sorted = pairs.sorted { a, b in
            ExactText.withBytes(a.key.string) { x in ExactText.withBytes(b.key.string) { y in MemoryCompare.precedes(x, y) } }
        }
        var keyTable = StringTableBuilder()
        var valueTable = StringTableBuilder()
        var valueOfKey: [Int32] = []
        valueOfKey.reserveCapacity(sorted.count)
        for (key, value) in sorted {
            _ = keyTable.add(key.string)
            valueOfKey.append(valueTable.add(value))
        }
        keys = keyTable.table
        self.valueOfKey = Table(valueOfKey)
        values = valueTable.table
    }

    /// The value of `key`, if it has one.
    func value(for key: String) -> String? {
        ExactText.withBytes(key) { value(forUTF8: $0) }
    }

    /// The value of the key whose UTF-8 bytes are `key`, if it has one.
    func value(forUTF8 key: UnsafeBufferPointer<UInt8>) -> String? {
        var lo = 0
        var hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let order = keys.withUTF8(at: mid) { Self.order($0, key) }
            if order == 0 { return values.string(at: Int(valueOfKey[mid])) }
            if order < 0 { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    /// Every key and its value, in key order.
    var pairs: [(key: String, value: String)] {
        (0 ..< keys.count).map { (keys.string(at: $0), values.string(at: Int(valueOfKey[$0]))) }
    }

    /// Negative, zero or positive as `a` comes before, equals or comes
    /// after `b` in byte order (a prefix first).
    private static func order(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        if MemoryCompare.equal(a, b) { return 0 }
        return MemoryCompare.precedes(a, b) ? -1 : 1
    }

    func write(to writer: inout ByteWriter) {
        keys.write(to: &writer)
        writer.writeTable(valueOfKey)
        values.write(to: &writer)
    }

    /// Reads a map written by ``write(to:)``, checking that the keys are
    /// strictly ascending (so that the binary search finds every key) and
    /// that every value index is in range.
    init(reading reader: inout ByteReader) throws(ArchiveError) {
        keys = try StringTable(reading: &reader)
        valueOfKey = try reader.readTable()
        values = try StringTable(reading: &reader)
        guard valueOfKey.count == keys.count else {
            throw ArchiveError(description: "\(valueOfKey.count) values for \(keys.count) keys in a string map")
        }
        let valueCount = values.count
        for i in 0 ..< keys.count {
            let index = Int(valueOfKey[i])
            guard index >= 0, index < valueCount else { throw ArchiveError(description: "string map value out of range at key \(i)") }
            guard i > 0 else { continue }
            let ascending = keys.withUTF8(at: i - 1) { previous in keys.withUTF8(at: i) { MemoryCompare.precedes(previous, $0) } }
            guard ascending else { throw ArchiveError(description: "string map keys out of order at key \(i)") }
        }
    }
}
