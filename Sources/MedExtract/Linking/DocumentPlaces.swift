/// The places a document mentions, counted per division and its ancestors,
/// so a `县人民医院` in a report on 馆陶县 can be placed: the dominant province,
/// the dominant city in it, and the dominant county in that.
///
/// Division codes are digit strings (2, 4, 6 or 9 digits); a code prefix is
/// counted under an integer key (its digits and its length), so a mention
/// makes no string and hashes no string.
struct DocumentPlaces {
    private var counts: [UInt64: Int] = [:]

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
            if i == 1 || i == 3 || i == 5 { counts[Self.key(value, length: i + 1), default: 0] += 1 }
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
        for (key, count) in counts where Int(key >> 56) == length {
            let value = key & (1 << 56 - 1)
            guard value / scale == parentValue else { continue }
            if let b = best, b.count > count || (b.count == count && b.value < value) { continue }
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

    /// The number of mentions of `code` and the divisions inside it.
    func count(_ code: String) -> Int {
        guard let key = Self.key(code) else { return 0 }
        return counts[key] ?? 0
    }
}
