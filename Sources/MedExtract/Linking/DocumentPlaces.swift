/// The places a document mentions, counted per division and its ancestors,
/// so a `县人民医院` in a report on 馆陶县 can be placed: the dominant province,
/// the dominant city in it, and the dominant county in that.
///
/// Division codes are digit strings (2, 4, 6 or 9 digits); a code prefix is
/// counted under an integer key (its digits and its length), so a mention
/// makes no string and hashes no string.
struct DocumentPlaces: Equatable {
    private var counts = KeyCounts()

    /// The key of the code of `length` digits whose value is `value`.
    @inline(__always)
    private static func key(_ value: UInt64, length: Int) -> UInt64 { UInt64(length) << 56 | value }

    /// The key of a code string, or nil when it is not all digits (at most 18).
    private static func key(_ code: String) -> UInt64? {
        var value: UInt64 = 0
        var length = 0
        for byte in code.utf8 {
            guard byte >= 0x30, byte <= 0x39, length < 18 else { return nil }
            value = value * 10 + UInt64(byte - 0x30)
            length += 1
        }
        return key(value, length: length)
    }

    /// Counts one mention of the division `code` (and of its ancestors).
    mutating func add(_ code: String) {
        var code = code
        code.withUTF8 { add(utf8: $0) }
    }

    /// Counts one mention of the division whose code has the UTF-8 digits `code`.
    mutating func add(utf8 code: UnsafeBufferPointer<UInt8>) {
        var value: UInt64 = 0
        for (i, byte) in code.prefix(6).enumerated() {
            guard byte >= 0x30, byte <= 0x39 else { return }
            value = value * 10 + UInt64(byte - 0x30)
            if i == 1 || i == 3 || i == 5 { counts.increment(Self.key(value, length: i + 1)) }
        }
    }

    /// Whether nothing was mentioned.
    var isEmpty: Bool { counts.isEmpty }

    /// The most mentioned division of `length` digits inside `parent` (ties:
    /// the smaller code, so the result does not depend on hashing).
    func dominant(length: Int, inside parent: String = "") -> String? {
        guard let parentKey = parent.isEmpty ? Self.key(0, length: 0) : Self.key(parent) else { return nil }
        let parentLength = Int(parentKey >> 56), parentValue = parentKey & (1 << 56 - 1)
        guard parentLength <= length else { return nil }
        var scale: UInt64 = 1
        for _ in 0 ..< length - parentLength { scale *= 10 }
        var best: (value: UInt64, count: Int)?
        counts.forEach { key, count in
            guard Int(key >> 56) == length else { return }
            let value = key & (1 << 56 - 1)
            guard value / scale == parentValue else { return }
            if let b = best, b.count > count || (b.count == count && b.value < value) { return }
            best = (value, count)
        }
        guard let best else { return nil }
        let digits = String(best.value)
        return String(repeating: "0", count: max(0, length - digits.utf8.count)) + digits
    }

    /// The dominant province, city in it and county in that, as far as known.
    var dominantChain: [String] {
        var chain: [String] = []
        guard let province = dominant(length: 2) else { return chain }
        chain.append(province)
        guard let city = dominant(length: 4, inside: province) else { return chain }
        chain.append(city)
        if let county = dominant(length: 6, inside: city) { chain.append(county) }
        return chain
    }

    /// Every key counted (a code prefix) and its count, sorted by key.
    var sortedCounts: [(key: UInt64, count: Int)] {
        var all: [(key: UInt64, count: Int)] = []
        counts.forEach { all.append(($0, $1)) }
        return all.sorted { $0.key < $1.key }
    }

    /// The same counts under the same keys, however they were counted.
    static func == (a: DocumentPlaces, b: DocumentPlaces) -> Bool {
        a.sortedCounts.elementsEqual(b.sortedCounts) { $0.key == $1.key && $0.count == $1.count }
    }

    /// The number of mentions of `code` and the divisions inside it.
    func count(_ code: String) -> Int {
        guard let key = Self.key(code) else { return 0 }
        return counts[key]
    }
}

/// Counts under nonzero integer keys, in open addressing (linear probing,
/// a power-of-two table at most half full): a mention costs a multiply and
/// a probe or two, where a `Dictionary` hashes and updates through its
/// general path three times a place name.
struct KeyCounts {
    private var keys: [UInt64] = []
    private var counts: [Int] = []
    /// The number of distinct keys counted.
    private(set) var count = 0

    /// Whether nothing was counted.
    var isEmpty: Bool { count == 0 }

    /// The slot `key` starts probing at (Fibonacci hashing).
    @inline(__always)
    private static func slot(_ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Counts one more of `key` (never 0: 0 marks an empty slot).
    mutating func increment(_ key: UInt64) {
        guard key != 0 else { return }
        if 2 * (count + 1) > keys.count { grow() }
        let mask = keys.count - 1
        var i = Self.slot(key, mask: mask)
        while true {
            let k = keys[i]
            if k == key {
                counts[i] += 1
                return
            }
            if k == 0 {
                keys[i] = key
                counts[i] = 1
                count += 1
                return
            }
            i = (i + 1) & mask
        }
    }

    /// How many of `key` were counted.
    subscript(key: UInt64) -> Int {
        guard key != 0, !keys.isEmpty else { return 0 }
        let mask = keys.count - 1
        var i = Self.slot(key, mask: mask)
        while true {
            let k = keys[i]
            if k == key { return counts[i] }
            if k == 0 { return 0 }
            i = (i + 1) & mask
        }
    }

    /// Calls `body` with every key counted and its count, in no set order.
    func forEach(_ body: (UInt64, Int) -> Void) {
        for i in keys.indices where keys[i] != 0 { body(keys[i], counts[i]) }
    }

    /// Doubles the table (16 slots at first) and re-inserts the keys.
    private mutating func grow() {
        let old = (keys, counts)
        let capacity = max(16, keys.count * 2)
        keys = Array(filledWith: 0, count: capacity)
        counts = Array(filledWith: 0, count: capacity)
        let mask = capacity - 1
        for (key, n) in zip(old.0, old.1) where key != 0 {
            var i = Self.slot(key, mask: mask)
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = key
            counts[i] = n
        }
    }
}
