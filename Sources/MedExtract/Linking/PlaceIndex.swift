/// The gazetteer indexed for linking: every place name by surface (same-name
/// units listed together), full names by division code, and the names of a
/// code's province and prefecture-level city.
public struct PlaceIndex: Sendable {
    /// The tables, in one shared box: the linker copies the index into
    /// closures on every document, and a copy is then one reference count
    /// instead of one for each of the tables' arrays.
    private final class Storage: Sendable {
        let table: PlaceTable
        let automaton: AhoCorasick
        let lookup: PlaceLookupTables
        let capitalOf: [String: String]
        /// The full names of the codes of two and four digits (provinces and
        /// prefecture-level cities, a few hundred), decoded once: every
        /// placed hospital asks for its province's and its city's
        /// (``PlaceIndex/province(ofCode:)``, ``PlaceIndex/city(ofCode:)``).
        /// Keyed by ``PlaceIndex/upperLevelKey(_:)``; nil for a code without a name.
        let upperLevelNames: [UInt32: String?]

        init(table: PlaceTable, automaton: AhoCorasick, lookup: PlaceLookupTables, capitalOf: [String: String], upperLevelNames: [UInt32: String?]) {
            self.table = table
            self.automaton = automaton
            self.lookup = lookup
            self.capitalOf = capitalOf
            self.upperLevelNames = upperLevelNames
        }
    }

    private let storage: Storage

    /// The gazetteer, by index (the built-in one read from its archive).
    var table: PlaceTable { storage.table }
    /// An automaton holding every place surface (for the built-in gazetteer,
    /// the lexicon's own).
    var automaton: AhoCorasick { storage.automaton }
    /// The places, codes and document codes of its patterns.
    var lookup: PlaceLookupTables { storage.lookup }
    private var capitalOf: [String: String] { storage.capitalOf }

    /// The gazetteer entries (read from the archive when the index is the
    /// built-in one: an array of the whole gazetteer is made on each call).
    public var places: [PlaceEntry] { Array(table) }

    /// The longest surface, in UTF-16 code units.
    public var maxSurfaceLength: Int { Int(lookup.maxSurfaceLength) }

    /// Indexes gazetteer entries.
    public init(_ places: [PlaceEntry]) {
        var builder = AhoCorasickBuilder()
        var patternOf: [String: Int] = [:]
        var pattern: [Int] = []
        pattern.reserveCapacity(places.count)
        for place in places {
            if let known = patternOf[place.surface] {
                pattern.append(known)
            } else {
                let p = builder.add(place.surface)
                patternOf[place.surface] = p
                pattern.append(p)
            }
        }
        let automaton = builder.build()
        self.init(
            table: PlaceTable(compiled: places), automaton: automaton,
            lookup: PlaceLookupTables(places: places, patternCount: automaton.patternCount) { pattern[$0] }
        )
    }

    /// An index over tables built ahead of time for `automaton`'s patterns.
    init(table: PlaceTable, automaton: AhoCorasick, lookup: PlaceLookupTables) {
        var capitalOf: [String: String] = [:]
        for c in lookup.capitalCodes {
            let code = lookup.codes.string(at: Int(c))
            capitalOf[String(code.prefix(2))] = code
        }
        var upperLevelNames: [UInt32: String?] = [:]
        upperLevelNames.reserveCapacity(512)
        let codes = lookup.codes
        // Lengths first: of some 45,000 codes a few hundred have two or four digits.
        let upper = codes.starts.withUnsafeBufferPointer { starts in
            (0 ..< codes.count).filter { c in
                let length = starts[c + 1] &- starts[c]
                return length == 2 || length == 4
            }
        }
        for c in upper {
            guard let key = codes.withUTF8(at: c, Self.upperLevelKey) else { continue }
            let place = Int(lookup.codePlace[c])
            upperLevelNames[key] = .some(place >= 0 ? table.canonical(at: place) : nil)
        }
        storage = Storage(table: table, automaton: automaton, lookup: lookup, capitalOf: capitalOf, upperLevelNames: upperLevelNames)
    }

    /// The key of a code of two or four ASCII digits in
    /// ``Storage/upperLevelNames`` (its value and length), else nil.
    static func upperLevelKey(_ code: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard code.count == 2 || code.count == 4 else { return nil }
        var value: UInt32 = 0
        for byte in code {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + UInt32(byte - 0x30)
        }
        return UInt32(code.count) << 24 | value
    }

    /// ``name(ofCodeBytes:)`` of a code of two or four digits, from the
    /// names decoded at construction.
    private func upperLevelName(ofCodeBytes code: UnsafeBufferPointer<UInt8>) -> String? {
        if let key = Self.upperLevelKey(code), let known = storage.upperLevelNames[key] { return known }
        return name(ofCodeBytes: code)
    }

    /// The entries whose surface is `surface`.
    public func entries(_ surface: String) -> [PlaceEntry] {
        entries(ofPattern: automaton.exactPattern([UInt16](utf16Of: surface)))
    }

    /// Whether `surface` is the full name (``PlaceEntry/canonical``) of one of
    /// its own entries that is free-standing (not head-only), current (not
    /// former) and above township level: the same as testing ``entries(_:)``,
    /// with only the canonical names decoded until one is equal.
    func isFullDivisionName(_ surface: String) -> Bool {
        guard let pattern = automaton.exactPattern([UInt16](utf16Of: surface)) else { return false }
        for place in lookup.places(ofPattern: pattern) where table.canonical(at: Int(place)) == surface {
            let entry = table[Int(place)]
            if !entry.headOnly && entry.level != .township && !entry.former { return true }
        }
        return false
    }

    /// The codes of the entries with `surface` at `level`, in entry order:
    /// the same as filtering ``entries(_:)``, with only levels and codes decoded.
    func codes(of surface: String, level: PlaceLevel) -> [String] {
        guard let pattern = automaton.exactPattern([UInt16](utf16Of: surface)) else { return [] }
        var codes: [String] = []
        for place in lookup.places(ofPattern: pattern) {
            let row = table.levelAndCode(at: Int(place))
            if row.level == level { codes.append(row.code) }
        }
        return codes
    }

    /// Whether some entry's surface is `units[range]` (no string is made).
    /// The lengths (at least `minimumLength`) of the suffixes of `units`
    /// that are surfaces with entries (``hasEntries(_:_:)``), found in one
    /// scan of the last ``maxSurfaceLength`` units instead of a walk from
    /// the root for each length.
    func suffixesWithEntries(of units: [UInt16], minimumLength: Int) -> [Int] {
        let window = min(units.count, maxSurfaceLength)
        guard window >= minimumLength else { return [] }
        var lengths: [Int] = []
        units.withUnsafeBufferPointer { buffer in
            let tail = UnsafeBufferPointer(rebasing: buffer[(buffer.count - window)...])
            automaton.forEachMatch(in: tail) { pattern, start, end in
                guard end == tail.count, end - start >= minimumLength, !lookup.places(ofPattern: pattern).isEmpty else { return }
                lengths.append(end - start)
            }
        }
        return lengths
    }

    func hasEntries(_ units: [UInt16], _ range: Range<Int>) -> Bool {
        guard let pattern = units.withUnsafeBufferPointer({ automaton.exactPattern(in: $0, range) }) else { return false }
        return !lookup.places(ofPattern: pattern).isEmpty
    }

    private func entries(ofPattern pattern: Int?) -> [PlaceEntry] {
        guard let pattern else { return [] }
        return lookup.places(ofPattern: pattern).map { table[Int($0)] }
    }

    /// Calls `body` with the division code (its UTF-8 digits) and start
    /// offset of every free-standing place name in `units` that names one
    /// division (overlapping ones included).
    func forEachDivisionName(in units: UnsafeBufferPointer<UInt16>, _ body: (_ code: UnsafeBufferPointer<UInt8>, _ start: Int) -> Void) {
        lookup.divisionCode.withUnsafeBufferPointer { divisionCode in
            lookup.divisionNames.forEachMatch(in: units) { pattern, start, _ in
                if pattern < divisionCode.count { lookup.codes.withUTF8(at: Int(divisionCode[pattern])) { body($0, start) } }
            }
        }
    }

    /// The full name of the division with `code`.
    public func name(ofCode code: String) -> String? {
        var code = code
        return code.withUTF8 { name(ofCodeBytes: $0) }
    }

    /// ``name(ofCode:)`` of a code given by its UTF-8 bytes (a prefix of a
    /// longer code is looked up without making a string of it).
    private func name(ofCodeBytes code: UnsafeBufferPointer<UInt8>) -> String? {
        guard let c = lookup.codeIndex(ofBytes: code) else { return nil }
        let place = Int(lookup.codePlace[c])
        return place >= 0 ? table.canonical(at: place) : nil
    }

    /// Whether `code` is a municipality (北京, 天津, 上海, 重庆) or inside one.
    public static func isMunicipality(_ code: String) -> Bool {
        var code = code
        return code.withUTF8(isMunicipality(bytes:))
    }

    /// ``isMunicipality(_:)`` of a code's UTF-8 bytes: it starts `11`, `12`, `31` or `50`.
    private static func isMunicipality(bytes code: UnsafeBufferPointer<UInt8>) -> Bool {
        guard code.count >= 2 else { return false }
        switch (code[0], code[1]) {
        case (0x31, 0x31), (0x31, 0x32), (0x33, 0x31), (0x35, 0x30): return true
        default: return false
        }
    }

    /// The province-level division containing `code`, full name.
    public func province(ofCode code: String) -> String? {
        var code = code
        return code.withUTF8 { $0.count >= 2 ? upperLevelName(ofCodeBytes: UnsafeBufferPointer(rebasing: $0.prefix(2))) : nil }
    }

    /// The prefecture-level city containing `code`, full name: the
    /// municipality itself for 北京, 天津, 上海, 重庆; for a county-level city
    /// directly under its province (`济源市`), that city; nil when `code` only
    /// names a province.
    public func city(ofCode code: String) -> String? {
        var code = code
        return code.withUTF8 { bytes in
            if Self.isMunicipality(bytes: bytes) { return upperLevelName(ofCodeBytes: UnsafeBufferPointer(rebasing: bytes.prefix(2))) }
            guard bytes.count >= 4 else { return nil }
            if let name = upperLevelName(ofCodeBytes: UnsafeBufferPointer(rebasing: bytes.prefix(4))) { return name }
            return bytes.count >= 6 ? name(ofCodeBytes: UnsafeBufferPointer(rebasing: bytes.prefix(6))) : nil
        }
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
        // Room is made at the first place found, so a name that starts
        // with none allocates nothing (news text: about one call in ten).
        var prefixes: [(pattern: Int, length: Int)] = []
        var usable: [PlaceFacts] = []
        while position < name.count {
            // The place surfaces starting here, from one walk of the automaton.
            prefixes.removeAll(keepingCapacity: true)
            let start = position
            name.withUnsafeBufferPointer { buffer in
                automaton.forEachPrefixMatch(in: buffer, from: start) { pattern, end in
                    guard end - start >= 2, !lookup.places(ofPattern: pattern).isEmpty else { return }
                    if prefixes.capacity == 0 { prefixes.reserveCapacity(8) }
                    prefixes.append((pattern, end - start))
                }
            }
            var found: (code: String, length: Int)?
            // Longest first.
            for (pattern, length) in prefixes.reversed() where length <= maxSurfaceLength {
                usable.removeAll(keepingCapacity: true)
                var head: Bool?
                for place in lookup.places(ofPattern: pattern) {
                    let facts = lookup.facts(ofPlace: Int(place))
                    // Head-only names (township short forms) only inside a known county.
                    if facts.headOnly {
                        guard code?.utf8.count == 6 else { continue }
                        let isFollowedByHead = head ?? isHead(Array(name[(position + length)...]))
                        head = isFollowedByHead
                        guard isFollowedByHead else { continue }
                    }
                    if usable.capacity == 0 { usable.reserveCapacity(4) }
                    usable.append(facts)
                }
                if let chosen = Self.choose(usable, inside: code, hint: hint) {
                    found = (chosen, length)
                    break
                }
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
    static func choose(_ entries: [PlaceFacts], inside outer: String?, hint: String?) -> String? {
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

    private static func unique(_ entries: [PlaceFacts]) -> String? {
        guard let first = entries.first else { return nil }
        return entries.allSatisfy({ $0.code == first.code }) ? first.code : nil
    }
}
