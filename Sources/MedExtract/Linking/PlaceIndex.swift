/// The gazetteer indexed for linking: every place name by surface (same-name
/// units listed together), full names by division code, and the names of a
/// code's province and prefecture-level city.
public struct PlaceIndex: Sendable {
    /// The gazetteer entries.
    public let places: [PlaceEntry]
    private let bySurface: [String: [Int32]]
    private let byCode: [String: Int32]
    private let capitalOf: [String: String]
    /// The longest surface, in UTF-16 code units.
    public let maxSurfaceLength: Int

    /// Indexes gazetteer entries.
    public init(_ places: [PlaceEntry]) {
        var bySurface: [String: [Int32]] = [:]
        var byCode: [String: Int32] = [:]
        var capitalOf: [String: String] = [:]
        var maxLength = 0
        for (i, place) in places.enumerated() {
            bySurface[place.surface, default: []].append(Int32(i))
            maxLength = max(maxLength, place.surface.utf16.count)
            if !place.code.isEmpty, place.surface == place.canonical, !place.former, byCode[place.code] == nil {
                byCode[place.code] = Int32(i)
            }
            if place.capital { capitalOf[String(place.code.prefix(2))] = place.code }
        }
        self.places = places
        self.bySurface = bySurface
        self.byCode = byCode
        self.capitalOf = capitalOf
        self.maxSurfaceLength = maxLength
    }

    /// The entries whose surface is `surface`.
    public func entries(_ surface: String) -> [PlaceEntry] {
        (bySurface[surface] ?? []).map { places[Int($0)] }
    }

    /// The full name of the division with `code`.
    public func name(ofCode code: String) -> String? {
        byCode[code].map { places[Int($0)].canonical }
    }

    /// Whether `code` is a municipality (北京, 天津, 上海, 重庆) or inside one.
    public static func isMunicipality(_ code: String) -> Bool {
        ["11", "12", "31", "50"].contains(String(code.prefix(2)))
    }

    /// The province-level division containing `code`, full name.
    public func province(ofCode code: String) -> String? {
        code.utf8.count >= 2 ? name(ofCode: String(code.prefix(2))) : nil
    }

    /// The prefecture-level city containing `code`, full name: the
    /// municipality itself for 北京, 天津, 上海, 重庆; for a county-level city
    /// directly under its province (`济源市`), that city; nil when `code` only
    /// names a province.
    public func city(ofCode code: String) -> String? {
        if Self.isMunicipality(code) { return province(ofCode: code) }
        guard code.utf8.count >= 4 else { return nil }
        let city = String(code.prefix(4))
        if let name = name(ofCode: city) { return name }
        return code.utf8.count >= 6 ? name(ofCode: String(code.prefix(6))) : nil
    }

    /// The code of the capital of the province `code` is in, if known.
    public func capital(ofProvince code: String) -> String? {
        capitalOf[String(code.prefix(2))]
    }

    /// The most specific division named by the run of place names that starts
    /// `name` at `from` (`山西省晋城市泽州县…` → `140525`), each one inside the
    /// previous; `hint` (a code) settles same-name units. Head-only names count
    /// only after a county and when a hospital head follows them (`isHead`). Returns the code (empty
    /// for a place outside the code lists) and where the run ends, or nil.
    public func prefixDivision(of name: [UInt16], from: Int = 0, hint: String?, isHead: ([UInt16]) -> Bool) -> (code: String, end: Int)? {
        var position = from
        var code: String?
        while position < name.count {
            var found: (code: String, length: Int)?
            var length = min(maxSurfaceLength, name.count - position)
            while length >= 2 && found == nil {
                let surface = String(decoding: name[position ..< position + length], as: UTF16.self)
                if let indices = bySurface[surface] {
                    let rest = Array(name[(position + length)...])
                    // Head-only names (township short forms) only inside a known county.
                    let usable = indices.map { places[Int($0)] }.filter { !$0.headOnly || (code?.utf8.count == 6 && isHead(rest)) }
                    if let chosen = Self.choose(usable, inside: code, hint: hint) { found = (chosen, length) }
                }
                length -= 1
            }
            guard let step = found else { break }
            code = step.code
            position += step.length
            if step.code.isEmpty { break }
        }
        guard let result = code else { return nil }
        return (result, position)
    }

    /// The code of the entry to read: inside `outer` when given; else the only
    /// one, one inside `hint`, or the only one of the highest level.
    static func choose(_ entries: [PlaceEntry], inside outer: String?, hint: String?) -> String? {
        guard !entries.isEmpty else { return nil }
        if let outer {
            let inner = entries.filter { $0.code.hasPrefix(outer) && $0.code != outer }
            return Self.unique(inner)
        }
        if let only = unique(entries) { return only }
        if let hint, !hint.isEmpty {
            let near = entries.filter { $0.code.hasPrefix(String(hint.prefix(2))) }
            if let c = unique(near) { return c }
        }
        let top = entries.map { GazetteerFile.codeLength(of: $0.level) }.min() ?? 0
        return unique(entries.filter { GazetteerFile.codeLength(of: $0.level) == top })
    }

    private static func unique(_ entries: [PlaceEntry]) -> String? {
        guard let first = entries.first else { return nil }
        return entries.allSatisfy({ $0.code == first.code }) ? first.code : nil
    }
}
