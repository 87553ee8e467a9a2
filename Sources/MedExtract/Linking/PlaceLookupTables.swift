/// The gazetteer indexed for the linking pass in flat tables keyed by the
/// pattern ids of an automaton that holds every place surface (the lexicon's
/// automaton for the built-in gazetteer), so that they can be archived in
/// `builtin.lexicon` and read with the lexicon instead of being built, as
/// dictionaries of strings, each time an extractor is made.
///
/// - the places of each pattern's surface, in gazetteer order;
/// - every division code, sorted, with the place that holds its full name;
/// - the surfaces that name one code when they stand free in a text (not
///   head-only, not a township, one code for all their places, at least two
///   units), in an automaton of their own with their codes, which the linker
///   counts to learn a document's places;
/// - the codes of the provincial capitals, in gazetteer order.
struct PlaceLookupTables: Sendable {
    /// `groupStart[p] ..< groupStart[p + 1]` are pattern `p`'s places in `groupPlaces`.
    var groupStart: [Int32] = [0]
    /// Place indices, grouped by pattern.
    var groupPlaces: [Int32] = []
    /// Every distinct non-empty division code, sorted by UTF-8 bytes.
    var codes = StringTable()
    /// For each code, the place whose full, current name it is (surface equal
    /// to canonical, not former; the first such), or -1.
    var codePlace: [Int32] = []
    /// The surfaces that name one division when they stand free in a text,
    /// in an automaton of their own (a document is scanned with it, raw,
    /// for the places it mentions: smaller and faster than the lexicon's).
    var divisionNames = AhoCorasickBuilder().build()
    /// For each pattern of `divisionNames`, the index in `codes` of its division.
    var divisionCode: [Int32] = []
    /// For each place: when it is the first free-standing place of its
    /// surface (the one a lexicon match of the surface carries,
    /// ``LexiconValue/place``) and the surface names one division, the index
    /// in `codes` of that division, else -1. The same surfaces as
    /// ``divisionNames`` (less the length test, which is made on the match):
    /// a document's places are counted from the lexicon's matches with it.
    /// Derived from the groups when the tables are built; archived with
    /// them (deriving it at load was a pass over every pattern's group,
    /// about 6 M instructions of every start).
    var divisionOfPlace: [Int32] = []
    /// The index in `codes` of each provincial capital, in gazetteer order.
    var capitalCodes: [Int32] = []
    /// The longest place surface, in UTF-16 code units.
    var maxSurfaceLength: Int32 = 0
    /// For each place: the index in `codes` of its code (-1 when empty),
    /// its level (index in `PlaceLevel.allCases`) and whether it is
    /// head-only: what the prefix walk reads, without decoding the place.
    var placeCode: [Int32] = []
    var placeLevel: [UInt8] = []
    var placeHeadOnly: [UInt8] = []

    /// The levels, in the order their indices are stored.
    static let levels = PlaceLevel.allCases

    init() {}

    /// Indexes `places`, whose surfaces are patterns of an automaton with
    /// `patternCount` patterns; `pattern(i)` is the pattern of place `i`'s
    /// surface (nil only for a surface the automaton does not hold).
    init(places: some RandomAccessCollection<PlaceEntry>, patternCount: Int, pattern: (Int) -> Int?) {
        var members = [[Int32]](repeating: [], count: patternCount)
        var distinct: Set<String> = []
        var maxLength = 0
        for (i, place) in places.enumerated() {
            if let p = pattern(i), p >= 0, p < patternCount { members[p].append(Int32(i)) }
            if !place.code.isEmpty { distinct.insert(place.code) }
            maxLength = max(maxLength, place.surface.utf16.count)
        }
        let sortedCodes = distinct.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var builder = StringTableBuilder()
        var codeIndex: [String: Int32] = [:]
        for code in sortedCodes { codeIndex[code] = builder.add(code) }
        codes = builder.table
        codePlace = Array(repeating: -1, count: sortedCodes.count)
        let list = Array(places)
        for (i, place) in list.enumerated() {
            placeLevel.append(UInt8(Self.levels.firstIndex(of: place.level) ?? 0))
            placeHeadOnly.append(place.headOnly ? 1 : 0)
            placeCode.append(codeIndex[place.code] ?? -1)
            guard let c = codeIndex[place.code] else { continue }
            if place.capital { capitalCodes.append(c) }
            if place.surface == place.canonical, !place.former, codePlace[Int(c)] < 0 { codePlace[Int(c)] = Int32(i) }
        }
        for group in members {
            groupPlaces += group
            groupStart.append(Int32(groupPlaces.count))
        }
        divisionOfPlace = Self.divisionsOfPlaces(groupStart: groupStart, groupPlaces: groupPlaces, placeCode: placeCode, placeLevel: placeLevel, placeHeadOnly: placeHeadOnly)
        // The surfaces that name one division, two units or longer, in an
        // automaton of their own: the rule of ``divisionOfPlace``, whose one
        // place a group has a division for is its first free-standing one.
        var names = AhoCorasickBuilder()
        for group in members {
            guard let first = group.first(where: { divisionOfPlace[Int($0)] >= 0 }) else { continue }
            let surface = list[Int(first)].surface
            guard surface.utf16.count >= 2 else { continue }
            _ = names.add(surface)
            divisionCode.append(divisionOfPlace[Int(first)])
        }
        divisionNames = names.build()
        maxSurfaceLength = Int32(maxLength)
    }

    /// ``divisionOfPlace`` from the groups and the place facts, by the rule
    /// ``divisionNames`` is built by: of a surface's free-standing places
    /// with a code above township level, all have the same code.
    static func divisionsOfPlaces(groupStart: [Int32], groupPlaces: [Int32], placeCode: [Int32], placeLevel: [UInt8], placeHeadOnly: [UInt8]) -> [Int32] {
        var out = [Int32](filledWith: -1, count: placeCode.count)
        let township = levels.firstIndex(of: .township).map { UInt8($0) }
        for p in 0 ..< max(groupStart.count - 1, 0) {
            var first = -1
            var code: Int32 = -1
            var conflict = false
            for k in Int(groupStart[p]) ..< Int(groupStart[p + 1]) {
                let i = Int(groupPlaces[k])
                guard placeHeadOnly[i] == 0 else { continue }
                if first < 0 { first = i }
                let c = placeCode[i]
                guard c >= 0, placeLevel[i] != township else { continue }
                if code >= 0, c != code { conflict = true }
                if code < 0 { code = c }
            }
            if first >= 0, code >= 0, !conflict { out[first] = code }
        }
        return out
    }

    /// The number of patterns indexed.
    var patternCount: Int { groupStart.count - 1 }

    /// The places of pattern `pattern`'s surface, in gazetteer order.
    func places(ofPattern pattern: Int) -> ArraySlice<Int32> {
        guard pattern >= 0, pattern < patternCount else { return [] }
        return groupPlaces[Int(groupStart[pattern]) ..< Int(groupStart[pattern + 1])]
    }

    /// What the prefix walk reads of place `index`.
    func facts(ofPlace index: Int) -> PlaceFacts {
        let c = Int(placeCode[index])
        let level = Int(placeLevel[index])
        return PlaceFacts(
            code: c >= 0 ? codes.string(at: c) : "",
            level: level < Self.levels.count ? Self.levels[level] : .county,
            headOnly: placeHeadOnly[index] != 0
        )
    }

    /// The index of `code` in ``codes``, by binary search, or nil.
    func codeIndex(of code: String) -> Int? {
        var code = code
        return code.withUTF8(codeIndex(ofBytes:))
    }

    /// ``codeIndex(of:)`` of a code given by its UTF-8 bytes.
    func codeIndex(ofBytes key: UnsafeBufferPointer<UInt8>) -> Int? {
        codes.pool.withUnsafeBufferPointer { pool in
            var lo = 0, hi = codes.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                let candidate = UnsafeBufferPointer(rebasing: pool[Int(codes.starts[mid]) ..< Int(codes.starts[mid + 1])])
                if MemoryCompare.equal(candidate, key) { return mid }
                if MemoryCompare.precedes(candidate, key) { lo = mid + 1 } else { hi = mid }
            }
            return nil
        }
    }

    func write(to writer: inout ByteWriter) {
        writer.writeArray(groupStart)
        writer.writeArray(groupPlaces)
        codes.write(to: &writer)
        writer.writeArray(codePlace)
        divisionNames.writeLaidOut(to: &writer)
        writer.writeArray(divisionCode)
        writer.writeArray(capitalCodes)
        writer.write(maxSurfaceLength)
        writer.writeArray(placeCode)
        writer.writeArray(placeLevel)
        writer.writeArray(placeHeadOnly)
        writer.writeArray(divisionOfPlace)
    }

    /// Reads what ``write(to:)`` wrote, checking it against an automaton of
    /// `patternCount` patterns and a gazetteer of `placeCount` places.
    init(reading reader: inout ByteReader, patternCount: Int, placeCount: Int) throws(ArchiveError) {
        groupStart = try reader.readArray()
        groupPlaces = try reader.readArray()
        codes = try StringTable(reading: &reader)
        codePlace = try reader.readArray()
        divisionNames = try AhoCorasick(readingLaidOut: &reader)
        divisionCode = try reader.readArray()
        capitalCodes = try reader.readArray()
        maxSurfaceLength = try reader.read()
        placeCode = try reader.readArray()
        placeLevel = try reader.readArray()
        placeHeadOnly = try reader.readArray()
        divisionOfPlace = try reader.readArray()
        guard placeCode.count == placeCount, placeLevel.count == placeCount, placeHeadOnly.count == placeCount,
              divisionOfPlace.count == placeCount,
              ArchiveChecks.all(placeCode, from: -1, below: codes.count),
              ArchiveChecks.all(divisionOfPlace, from: -1, below: codes.count) else {
            throw ArchiveError(description: "inconsistent place facts")
        }
        guard groupStart.count == patternCount + 1, divisionCode.count == divisionNames.patternCount, codePlace.count == codes.count,
              groupStart.first == 0, Int(groupStart.last ?? -1) == groupPlaces.count else {
            throw ArchiveError(description: "inconsistent place lookup tables")
        }
        guard ArchiveChecks.isNondecreasing(groupStart) else {
            let i = (1 ..< groupStart.count).first { groupStart[$0] < groupStart[$0 - 1] } ?? 1
            throw ArchiveError(description: "inconsistent place group \(i - 1)")
        }
        let codeCount = Int32(codes.count), places = Int32(placeCount)
        guard ArchiveChecks.all(groupPlaces, from: 0, below: Int(places)), ArchiveChecks.all(codePlace, from: -1, below: Int(places)),
              ArchiveChecks.all(divisionCode, from: 0, below: Int(codeCount)), ArchiveChecks.all(capitalCodes, from: 0, below: Int(codeCount)),
              maxSurfaceLength >= 0 else {
            throw ArchiveError(description: "place lookup index out of range")
        }
    }
}

/// The fields of a place the prefix walk of ``PlaceIndex`` chooses by.
struct PlaceFacts {
    var code: String
    var level: PlaceLevel
    var headOnly: Bool
}
