/// The longest name a document uses for each hospital it names: a name
/// another one ends with when what it adds is a parent (`骨科医院` →
/// `晋城大医院骨科医院`, `同仁医院` → `…大学附属北京同仁医院`) or a place, not any
/// words a wrong span swallowed (`不断涌入…医院`); or an abbreviation of it (same first character, same last
/// four, its characters in order: `福医协和医院` → `福建医科大学附属协和医院`).
struct LongestNames {
    /// Names compared, at most this many of the longest (bounds the work per document).
    static let limit = 64
    private let candidates: [[UInt16]]

    init(_ names: [String]) {
        self.init(units: names.map { [UInt16](utf16Of: $0) })
    }

    /// The names given by their UTF-16 units.
    init(units names: [[UInt16]]) {
        let sorted = names.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
        candidates = Array(sorted.prefix(Self.limit))
    }

    /// The longest document name `name` stands for, or `name` itself;
    /// `isParent` tells whether a prefix a longer name adds names a parent or a place.
    func longest(for name: String, isParent: ([UInt16]) -> Bool) -> String {
        longest(for: name, units: [UInt16](utf16Of: name), isParent: isParent)
    }

    /// ``longest(for:isParent:)`` with the UTF-16 units of `name` given.
    func longest(for name: String, units short: [UInt16], isParent: ([UInt16]) -> Bool) -> String {
        guard short.count >= 4 else { return name }
        for long in candidates where long.count > short.count {
            if (long.suffix(short.count).elementsEqual(short) && isParent(Array(long.prefix(long.count - short.count))))
                || Self.abbreviates(short, long) {
                return String(utf16Units: long)
            }
        }
        return name
    }

    /// Whether `short` abbreviates `long`; what it leaves out must not be an
    /// ordinal (`重庆市人民医院` is not `重庆市第三人民医院`).
    static func abbreviates(_ short: [UInt16], _ long: [UInt16]) -> Bool {
        guard short.first == long.first, short.count >= 5, long.suffix(4).elementsEqual(short.suffix(4)) else { return false }
        var i = 0
        for u in long {
            if i < short.count && u == short[i] {
                i += 1
            } else if u == HospitalNames.di || HospitalNames.isNumeral(u) || (u >= 0x30 && u <= 0x39) {
                return false
            }
        }
        return i == short.count
    }
}
