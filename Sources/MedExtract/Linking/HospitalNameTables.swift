/// The tables ``HospitalNames`` answers from, kept sorted so that they are
/// searched by bytes and archived as they are searched: the built-in ones are
/// compiled into `builtin.lexicon` and read in place at start-up, where
/// decoding some 9,000 names and hashing them into sets and dictionaries took
/// about 27 M instructions, which the first document with a hospital waited for.
///
/// A class, immutable: the linker reads it for every hospital name, and a
/// reference is retained once where the value's seven tables were each.
final class HospitalNameTables: Sendable {
    /// The canonical name of each dictionary alias.
    let canonicalOf: SortedStringMap
    /// Every full name (an entry without canonical, or a canonical), distinct,
    /// ascending by UTF-8 bytes.
    let fullNames: StringTable
    /// The full names of affiliated hospitals (``HospitalNames/affiliated(_:name:)``),
    /// as indices into ``fullNames``, ordered by the first unit of their
    /// university (``affiliatedFirst``), then by name.
    let affiliatedName: Table<Int32>
    let affiliatedFirst: Table<UInt16>
    /// Every full name of four units or more by its last four units
    /// (``HospitalNames/tailKey(_:)``): keys ascending, names (indices into
    /// ``fullNames``) in name order within a key.
    let tailKeys: Table<UInt64>
    let tailName: Table<Int32>

    /// The tables of hospital names with their canonical names (nil: the surface itself).
    init(names: [(surface: String, canonical: String?)]) {
        var canonicalOf: [ExactText: String] = [:]
        var full: Set<ExactText> = []
        full.reserveCapacity(names.count)
        for (surface, canonical) in names {
            if let canonical, canonical != surface {
                canonicalOf[ExactText(surface)] = canonical
                full.insert(ExactText(canonical))
            } else {
                full.insert(ExactText(surface))
            }
        }
        self.canonicalOf = SortedStringMap(canonicalOf)
        let sorted = full.map(\.string).sorted { a, b in Self.precedes(a, b) }
        var table = StringTableBuilder()
        var affiliated: [(first: UInt16, name: Int32)] = []
        var tails: [(key: UInt64, name: Int32)] = []
        var units: [UInt16] = []
        for name in sorted {
            let index = table.add(name)
            units.removeAll(keepingCapacity: true)
            units.append(contentsOf: name.utf16)
            if units.count >= 4 { tails.append((HospitalNames.tailKey(units), index)) }
            if let a = HospitalNames.affiliated(units, name: name) { affiliated.append((a.university[0], index)) }
        }
        // Stable: within a key, names stay in byte order.
        affiliated = Self.stableSorted(affiliated) { $0.first < $1.first }
        tails = Self.stableSorted(tails) { $0.key < $1.key }
        fullNames = table.table
        affiliatedName = Table(affiliated.map(\.name))
        affiliatedFirst = Table(affiliated.map(\.first))
        tailKeys = Table(tails.map(\.key))
        tailName = Table(tails.map(\.name))
    }

    /// Whether `name` is a full name.
    func isFullName(_ name: String) -> Bool {
        ExactText.withBytes(name) { key in
            var lo = 0
            var hi = fullNames.count
            while lo < hi {
                let mid = (lo + hi) / 2
                let (equal, before) = fullNames.withUTF8(at: mid) { (MemoryCompare.equal($0, key), MemoryCompare.precedes($0, key)) }
                if equal { return true }
                if before { lo = mid + 1 } else { hi = mid }
            }
            return false
        }
    }

    /// The full names of affiliated hospitals whose university starts with `first`.
    func affiliatedNames(first: UInt16) -> [String] {
        let range = Self.equalRange(of: first, in: affiliatedFirst)
        return range.map { fullNames.string(at: Int(affiliatedName[$0])) }
    }

    /// The rows of ``tailKeys`` whose full names end with the four units of `key`.
    func tailRows(for key: UInt64) -> Range<Int> {
        Self.equalRange(of: key, in: tailKeys)
    }

    /// The full names among `rows` (of ``tailRows(for:)``) whose UTF-8
    /// bytes end with `suffix` and have more before it; only those are
    /// decoded into strings.
    func names(in rows: Range<Int>, endingWith suffix: UnsafeBufferPointer<UInt8>) -> [String] {
        var found: [String] = []
        for row in rows {
            let index = Int(tailName[row])
            let fits = fullNames.withUTF8(at: index) { HospitalNames.hasLongerByteSuffix($0, suffix) }
            if fits { found.append(fullNames.string(at: index)) }
        }
        return found
    }

    /// The rows of the ascending `keys` equal to `key`.
    private static func equalRange<K: Comparable>(of key: K, in keys: Table<K>) -> Range<Int> {
        var lo = 0
        var hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < keys.count && keys[end] == key { end += 1 }
        return lo ..< end
    }

    private static func stableSorted<T>(_ rows: [T], by less: (T, T) -> Bool) -> [T] {
        rows.enumerated().sorted { a, b in less(a.element, b.element) || !less(b.element, a.element) && a.offset < b.offset }.map(\.element)
    }

    private static func precedes(_ a: String, _ b: String) -> Bool {
        ExactText.withBytes(a) { x in ExactText.withBytes(b) { y in MemoryCompare.precedes(x, y) } }
    }

    func write(to writer: inout ByteWriter) {
        canonicalOf.write(to: &writer)
        fullNames.write(to: &writer)
        writer.writeTable(affiliatedName)
        writer.writeTable(affiliatedFirst)
        writer.writeTable(tailKeys)
        writer.writeTable(tailName)
    }

    /// Reads tables written by ``write(to:)`` in place, checking what the
    /// searches rely on: full names strictly ascending, keys ascending,
    /// every name index in range.
    init(reading reader: inout ByteReader) throws(ArchiveError) {
        canonicalOf = try SortedStringMap(reading: &reader)
        fullNames = try StringTable(reading: &reader)
        affiliatedName = try reader.readTable()
        affiliatedFirst = try reader.readTable()
        tailKeys = try reader.readTable()
        tailName = try reader.readTable()
        func fail(_ what: String) -> ArchiveError { ArchiveError(description: "inconsistent hospital-name tables: \(what)") }
        for i in 1 ..< max(fullNames.count, 1) {
            let ascending = fullNames.withUTF8(at: i - 1) { previous in fullNames.withUTF8(at: i) { MemoryCompare.precedes(previous, $0) } }
            guard ascending else { throw fail("full names out of order at \(i)") }
        }
        guard affiliatedName.count == affiliatedFirst.count, tailKeys.count == tailName.count else { throw fail("column lengths") }
        let count = fullNames.count
        guard affiliatedName.allSatisfy({ $0 >= 0 && Int($0) < count }), tailName.allSatisfy({ $0 >= 0 && Int($0) < count }) else {
            throw fail("name index out of range")
        }
        for i in 1 ..< max(affiliatedFirst.count, 1) where affiliatedFirst[i] < affiliatedFirst[i - 1] { throw fail("affiliated keys out of order") }
        for i in 1 ..< max(tailKeys.count, 1) where tailKeys[i] < tailKeys[i - 1] { throw fail("tail keys out of order") }
    }
}
