/// What one lexicon pattern stands for: an entity dictionary entry, a place
/// name, or both.
///
/// The class set comes first, so the value takes 20 bytes (24 with
/// padding) and a ``LexiconMatch`` holding one 32: the matches of a text,
/// about one every two code units, are written once by the scan and read
/// by every recogniser.
@_spi(Benchmarks) public struct LexiconValue: Sendable, Hashable, BitwiseCopyable {
    /// The rule classes the surface belongs to (bits of ``RuleClass/bit``).
    public var classes: UInt64
    /// Index into ``Lexicon/entries``, or -1.
    public var entry: Int32
    /// Index into ``Lexicon/places`` of a free-standing place name, or -1.
    public var place: Int32
    /// Index into ``Lexicon/places`` of a place name that counts only right
    /// before a hospital head (``PlaceEntry/headOnly``), or -1.
    public var headOnlyPlace: Int32

    /// A value; by default no entry, no place and no rule class.
    public init(entry: Int32 = -1, place: Int32 = -1, headOnlyPlace: Int32 = -1, classes: UInt64 = 0) {
        self.classes = classes
        self.entry = entry
        self.place = place
        self.headOnlyPlace = headOnlyPlace
    }

    /// Whether the surface belongs to a rule class.
    @inline(__always)
    public func isIn(_ ruleClass: RuleClass) -> Bool { classes & ruleClass.bit != 0 }
}

/// One occurrence of a lexicon pattern in a normalised text.
///
/// Offsets are kept in 32 bits (the extractor cuts documents into chunks
/// of at most 2^29 code units), so a match takes 32 bytes, not 40.
@_spi(Benchmarks) public struct LexiconMatch: Sendable, Hashable {
    /// What the matched pattern stands for.
    public var value: LexiconValue
    private var storedStart: Int32
    private var storedEnd: Int32

    /// Start, in code units.
    @inline(__always)
    public var start: Int {
        get { Int(storedStart) }
        set { storedStart = Int32(truncatingIfNeeded: newValue) }
    }

    /// End (exclusive), in code units.
    @inline(__always)
    public var end: Int {
        get { Int(storedEnd) }
        set { storedEnd = Int32(truncatingIfNeeded: newValue) }
    }

    /// The match of `value` over `start ..< end` (offsets below 2^31).
    @inline(__always)
    public init(start: Int, end: Int, value: LexiconValue) {
        self.value = value
        storedStart = Int32(truncatingIfNeeded: start)
        storedEnd = Int32(truncatingIfNeeded: end)
    }
}

/// All dictionary entries and place names compiled into Aho-Corasick
/// automata, so one scan of the text finds every occurrence of all of them.
///
/// The built-in dictionaries, gazetteer and rule vocabulary come precompiled
/// (``CompiledLexicon``) and are loaded with one read; entries the user adds
/// are compiled at construction into a second, small automaton (an entry
/// whose surface the built-in lexicon already has takes over that pattern
/// instead). One scan runs both and merges their matches in order.
@_spi(Benchmarks) public struct Lexicon: Sendable {
    /// The tables, in one shared object: a copy of a lexicon (every
    /// recognition context keeps one, a context a document) retains one
    /// reference instead of each of some forty table storages, which two
    /// jobs would otherwise count up and down from both cores.
    private final class Storage: Sendable {
        let entries: EntryTable
        let places: PlaceTable
        let base: LexiconLayer
        let overlay: LexiconLayer?
        let placeLookup: PlaceLookupTables?
        let registry: HospitalRegistry?
        let hospitalNames: HospitalNameTables?

        init(
            entries: EntryTable, places: PlaceTable, base: LexiconLayer, overlay: LexiconLayer?, placeLookup: PlaceLookupTables?,
            registry: HospitalRegistry?, hospitalNames: HospitalNameTables?
        ) {
            self.entries = entries
            self.places = places
            self.base = base
            self.overlay = overlay
            self.placeLookup = placeLookup
            self.registry = registry
            self.hospitalNames = hospitalNames
        }
    }

    private let storage: Storage

    /// The entity dictionary entries (later dictionaries override earlier
    /// ones; an overridden entry stays in the table, no pattern refers to it).
    public var entries: EntryTable { storage.entries }
    /// The gazetteer's place names.
    public var places: PlaceTable { storage.places }
    /// The built-in (or only) automaton and its pattern values.
    var base: LexiconLayer { storage.base }
    /// The automaton of user entries the base does not hold, if any.
    var overlay: LexiconLayer? { storage.overlay }
    /// The gazetteer indexed by the base automaton's patterns for linking,
    /// when it was compiled with the lexicon (the built-in one).
    var placeLookup: PlaceLookupTables? { storage.placeLookup }
    /// The built-in hospital registry, when it was compiled with the
    /// lexicon (the built-in one): read in place, nothing parsed.
    var registry: HospitalRegistry? { storage.registry }
    /// The hospital-name tables of ``entries``, when they were compiled with
    /// the lexicon and no user entry changes them (read in place).
    var archivedHospitalNames: HospitalNameTables? { storage.hospitalNames }

    /// The hospital names of ``entries`` for the linking pass: the archived
    /// tables when there are, else tables built from the entries on first use.
    var hospitalNames: HospitalNames {
        archivedHospitalNames.map { HospitalNames(tables: $0) } ?? HospitalNames(entries)
    }

    /// Whether each entry came from a user dictionary, by entry index.
    public var isUserEntry: UserEntryFlags { UserEntryFlags(entries: entries) }

    /// Compiles built-in entries, user entries (which override built-ins with
    /// the same surface) and places into one automaton.
    public init(builtin: [DictionaryEntry], user: [DictionaryEntry], places: [PlaceEntry], ruleWords: [(surface: String, ruleClass: RuleClass)] = []) {
        var entries: [DictionaryEntry] = []
        var isUser: [Bool] = []
        var entryIndex: [String: Int] = [:]
        entryIndex.reserveCapacity(builtin.count + user.count)
        for (list, fromUser) in [(builtin, false), (user, true)] {
            for entry in list {
                if let i = entryIndex[entry.surface] {
                    entries[i] = entry
                    isUser[i] = fromUser
                } else {
                    entryIndex[entry.surface] = entries.count
                    entries.append(entry)
                    isUser.append(fromUser)
                }
            }
        }
        var builder = AhoCorasickBuilder()
        var values: [LexiconValue] = []
        var patternIndex: [String: Int] = [:]
        for (i, entry) in entries.enumerated() {
            patternIndex[entry.surface] = builder.add(entry.surface)
            values.append(LexiconValue(entry: Int32(i)))
        }
        for (i, place) in places.enumerated() {
            let p: Int
            if let known = patternIndex[place.surface] {
                p = known
            } else {
                p = builder.add(place.surface)
                patternIndex[place.surface] = p
                values.append(LexiconValue())
            }
            if place.headOnly {
                if values[p].headOnlyPlace < 0 { values[p].headOnlyPlace = Int32(i) }
            } else if values[p].place < 0 {
                values[p].place = Int32(i)
            }
        }
        for word in ruleWords {
            if let p = patternIndex[word.surface] {
                values[p].classes |= word.ruleClass.bit
            } else {
                patternIndex[word.surface] = builder.add(word.surface)
                values.append(LexiconValue(classes: word.ruleClass.bit))
            }
        }
        storage = Storage(
            entries: EntryTable(compiled: entries, compiledIsUser: isUser), places: PlaceTable(compiled: places),
            base: LexiconLayer(automaton: builder.build(), values: Table(values)), overlay: nil, placeLookup: nil, registry: nil,
            hospitalNames: nil
        )
    }

    /// The precompiled lexicon plus `user` entries (later ones override
    /// earlier ones and built-ins with the same surface).
    init(compiled: CompiledLexicon, user: [DictionaryEntry]) {
        let archivedCount = compiled.entries.count
        // The archive's values are used in place unless a user entry takes
        // over a built-in surface.
        var values: [LexiconValue]? = nil
        var builder = AhoCorasickBuilder()
        var overlayValues: [LexiconValue] = []
        // Later entries win. A surface the built-in automaton has takes over
        // that pattern (in order, so the last one stays); the others go into
        // the overlay automaton last first, since its builder keeps the first
        // of equal patterns: no dictionary keyed by surface is needed.
        var overlaid: [Int] = [] // user entries the overlay holds
        var units: [UInt16] = [] // one buffer for every surface
        for (j, entry) in user.enumerated() {
            units.removeAll(keepingCapacity: true)
            units.append(contentsOf: entry.surface.utf16)
            if let pattern = compiled.automaton.exactPattern(units) {
                if values == nil { values = Array(compiled.values) }
                values?[pattern].entry = Int32(archivedCount + j)
            } else {
                overlaid.append(j)
            }
        }
        for j in overlaid.reversed() {
            builder.add(user[j].surface)
            overlayValues.append(LexiconValue(entry: Int32(archivedCount + j)))
        }
        storage = Storage(
            entries: EntryTable(archived: compiled.entries, compiled: user, compiledIsUser: user.map { _ in true }),
            places: PlaceTable(archived: compiled.places, compiled: []),
            base: LexiconLayer(automaton: compiled.automaton, values: values.map { Table($0) } ?? compiled.values),
            overlay: overlayValues.isEmpty ? nil : LexiconLayer(automaton: builder.build(), values: Table(overlayValues)),
            placeLookup: compiled.placeLookup,
            registry: compiled.registry,
            // User entries can add hospital names (or take a surface from
            // one): then the names are read from the merged entries.
            hospitalNames: user.isEmpty ? compiled.hospitalNames : nil
        )
    }

    /// Every occurrence of every pattern in `units`, ordered by end, and by
    /// start (longest first) among matches with the same end.
    public func matches(in units: UnsafeBufferPointer<UInt16>) -> [LexiconMatch] {
        let list = matchList(in: units)
        defer { list.deallocate() }
        return Array(list.buffer)
    }

    /// ``matches(in:)`` in a list of their own, which the caller deallocates.
    func matchList(in units: UnsafeBufferPointer<UInt16>) -> MatchList {
        // News text has about one match per two units (0.45 on the news
        // dev set), some documents more: room for five in eight, so that
        // few lists are copied to grow.
        var matches = MatchList(capacity: units.count / 8 * 5 + 16)
        base.scan(units, into: &matches)
        guard let overlay else { return matches }
        var extra = MatchList(capacity: 16)
        defer { extra.deallocate() }
        overlay.scan(units, into: &extra)
        guard extra.count > 0 else { return matches }
        defer { matches.deallocate() }
        return Self.merge(matches.buffer, extra.buffer)
    }

    /// Two match lists, each ordered by (end, start), as one.
    static func merge(_ a: UnsafeBufferPointer<LexiconMatch>, _ b: UnsafeBufferPointer<LexiconMatch>) -> MatchList {
        var out = MatchList(capacity: a.count + b.count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if (b[j].end, b[j].start) < (a[i].end, a[i].start) {
                out.append(b[j])
                j += 1
            } else {
                out.append(a[i])
                i += 1
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: a[i...]))
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[j...]))
        return out
    }
}

/// Whether each entry of a lexicon came from a user dictionary.
@_spi(Benchmarks) public struct UserEntryFlags: Sendable {
    let entries: EntryTable

    /// Whether entry `index` came from a user dictionary.
    public subscript(index: Int) -> Bool { entries.isUser(index) }
}

/// One automaton and the values of its patterns.
struct LexiconLayer: Sendable {
    let automaton: AhoCorasick
    /// Read in place from the compiled lexicon's file, for the built-in layer.
    let values: Table<LexiconValue>

    /// Appends every match in `units`, ordered by end (longest first at one end).
    func scan(_ units: UnsafeBufferPointer<UInt16>, into matches: inout MatchList) {
        values.withUnsafeBufferPointer { values in
            automaton.forEachMatch(in: units) { pattern, start, end in
                matches.append(LexiconMatch(start: start, end: end, value: values[pattern]))
            }
        }
    }
}
