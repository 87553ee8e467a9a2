/// Distinct strings stored once as UTF-8 in one byte pool, addressed by
/// index: how a compiled lexicon keeps its surfaces, canonical names and
/// codes without a `String` per entry until one is asked for.
struct StringTable: Sendable, Hashable {
    /// The UTF-8 bytes of every string, one after the other (read in
    /// place from a mapped archive).
    private(set) var pool = Table<UInt8>()
    /// `starts[i] ..< starts[i + 1]` is string `i` in `pool`.
    private(set) var starts = Table<UInt32>([0])

    /// The number of strings.
    var count: Int { starts.count - 1 }

    /// String `index`, decoded from the pool; empty when out of range.
    func string(at index: Int) -> String {
        guard index >= 0, index < count else { return "" }
        let lower = Int(starts[index]), upper = Int(starts[index + 1])
        return pool.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[lower ..< upper]), as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of string `index` (empty when out
    /// of range), without making a `String`.
    func withUTF8<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard index >= 0, index < count else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let lower = Int(starts[index]), upper = Int(starts[index + 1])
        return pool.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[lower ..< upper])) }
    }

    func write(to writer: inout ByteWriter) {
        writer.writeTable(pool)
        writer.writeTable(starts)
    }

    init() {}

    fileprivate init(pool: [UInt8], starts: [UInt32]) {
        self.pool = Table(pool)
        self.starts = Table(starts)
    }

    init(reading reader: inout ByteReader) throws(ArchiveError) {
        pool = try reader.readTable()
        starts = try reader.readTable()
        guard starts.first == 0, let last = starts.last, Int(last) == pool.count else {
            throw ArchiveError(description: "inconsistent string table")
        }
        guard ArchiveChecks.isNondecreasing(starts) else {
            let i = (1 ..< starts.count).first { starts[$0] < starts[$0 - 1] } ?? 1
            throw ArchiveError(description: "inconsistent string table at string \(i - 1)")
        }
    }
}

/// Builds a ``StringTable``, storing each distinct string once.
struct StringTableBuilder {
    private var pool: [UInt8] = []
    private var starts: [UInt32] = [0]
    private var index: [String: Int32] = [:]

    /// The strings added so far.
    var table: StringTable { StringTable(pool: pool, starts: starts) }

    /// The index of `string`, added if new.
    mutating func add(_ string: String) -> Int32 {
        if let i = index[string] { return i }
        let i = Int32(starts.count - 1)
        index[string] = i
        pool.append(contentsOf: string.utf8)
        starts.append(UInt32(truncatingIfNeeded: pool.count))
        return i
    }

    /// The index of `string`, or -1 for `nil`.
    mutating func add(_ string: String?) -> Int32 {
        guard let string else { return -1 }
        return add(string)
    }
}
