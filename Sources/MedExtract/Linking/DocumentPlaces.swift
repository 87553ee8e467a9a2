/// The places a document mentions, counted per division and its ancestors,
/// so a `县人民医院` in a report on 馆陶县 can be placed: the dominant province,
/// the dominant city in it, and the dominant county in that.
struct DocumentPlaces {
    private var counts: [String: Int] = [:]

    /// Counts one mention of the division `code` (and of its ancestors).
    mutating func add(_ code: String) {
        for length in [2, 4, 6] where length <= code.utf8.count {
            counts[String(code.prefix(length)), default: 0] += 1
        }
    }

    /// Whether nothing was mentioned.
    var isEmpty: Bool { counts.isEmpty }

    /// The most mentioned division of `length` digits inside `parent` (ties:
    /// the smaller code, so the result does not depend on hashing).
    func dominant(length: Int, inside parent: String = "") -> String? {
        var best: (code: String, count: Int)?
        for (code, count) in counts where code.utf8.count == length && code.hasPrefix(parent) {
            if let b = best, b.count > count || (b.count == count && b.code < code) { continue }
            best = (code, count)
        }
        return best?.code
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
    func count(_ code: String) -> Int { counts[code] ?? 0 }
}
