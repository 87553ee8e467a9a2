/// The longest name a document uses for each hospital it names: a name
/// another one ends with (`骨科医院` → `晋城大医院骨科医院`, `同仁医院` →
/// `…附属北京同仁医院`), or an abbreviation of it (same first character, same last
/// four, its characters in order: `福医协和医院` → `福建医科大学附属协和医院`).
struct LongestNames {
    /// Names compared, at most this many of the longest (bounds the work per document).
    static let limit = 64
    private let candidates: [[UInt16]]

    init(_ names: [String]) {
        let sorted = names.map { Array($0.utf16) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
        candidates = Array(sorted.prefix(Self.limit))
    }

    /// The longest document name `name` stands for, or `name` itself.
    func longest(for name: String) -> String {
        let short = Array(name.utf16)
        guard short.count >= 4 else { return name }
        for long in candidates where long.count > short.count {
            if long.suffix(short.count).elementsEqual(short) || Self.abbreviates(short, long) {
                return String(decoding: long, as: UTF16.self)
            }
        }
        return name
    }

    static func abbreviates(_ short: [UInt16], _ long: [UInt16]) -> Bool {
        guard short.first == long.first, short.count >= 5, long.suffix(4).elementsEqual(short.suffix(4)) else { return false }
        var i = 0
        for u in long where i < short.count && u == short[i] { i += 1 }
        return i == short.count
    }
}
