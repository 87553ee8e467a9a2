/// What one lexicon pattern stands for: an entity dictionary entry, a place
/// name, or both.
@_spi(Benchmarks) public struct LexiconValue: Sendable, Hashable {
    /// Index into ``Lexicon/entries``, or -1.
    public var entry: Int32 = -1
    /// Index into ``Lexicon/places`` of a free-standing place name, or -1.
    public var place: Int32 = -1
    /// Index into ``Lexicon/places`` of a place name that counts only right
    /// before a hospital head (``PlaceEntry/headOnly``), or -1.
    public var headOnlyPlace: Int32 = -1
    /// The rule classes the surface belongs to (bits of ``RuleClass/bit``).
    public var classes: UInt64 = 0

    /// Whether the surface belongs to a rule class.
    @inline(__always)
    func isIn(_ ruleClass: RuleClass) -> Bool { classes & ruleClass.bit != 0 }
}

/// One occurrence of a lexicon pattern in a normalised text.
@_spi(Benchmarks) public struct LexiconMatch: Sendable, Hashable {
    /// Start, in code units.
    public var start: Int
    /// End (exclusive), in code units.
    public var end: Int
    /// What the matched pattern stands for.
    public var value: LexiconValue
}

/// All dictionary entries and place names compiled into one Aho-Corasick
/// automaton, so one scan of the text finds every occurrence of all of them.
@_spi(Benchmarks) public struct Lexicon: Sendable {
    /// The entity dictionary entries, one per distinct surface (later
    /// dictionaries override earlier ones).
    public let entries: [DictionaryEntry]
    /// Whether each entry came from a user dictionary.
    public let isUserEntry: [Bool]
    /// The gazetteer's place names.
    let places: [PlaceEntry]
    /// Pattern values, indexed by pattern id.
    public let values: [LexiconValue]
    /// The compiled automaton.
    let automaton: AhoCorasick

    /// Compiles built-in entries, user entries (which override built-ins with
    /// the same surface) and places.
    init(builtin: [DictionaryEntry], user: [DictionaryEntry], places: [PlaceEntry], ruleWords: [(surface: String, ruleClass: RuleClass)] = []) {
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
        self.entries = entries
        self.isUserEntry = isUser
        self.places = places
        self.values = values
        self.automaton = builder.build()
    }

    /// Every occurrence of every pattern in `units`, ordered by end.
    public func matches(in units: UnsafeBufferPointer<UInt16>) -> [LexiconMatch] {
        var matches: [LexiconMatch] = []
        // Chinese text has about one match per two or three units.
        matches.reserveCapacity(units.count / 2 + 16)
        values.withUnsafeBufferPointer { values in
            automaton.forEachMatch(in: units) { pattern, start, end in
                matches.append(LexiconMatch(start: start, end: end, value: values[pattern]))
            }
        }
        return matches
    }
}
