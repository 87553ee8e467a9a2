/// Short names a document gives its entities, found after a first resolution
/// and then applied to the whole document:
///
/// - declared aliases: `长治市第二人民医院（以下简称“长治二院”）` makes every
///   `长治二院` a hospital whose canonical name is the full one;
/// - child parts of parent + child names: after `晋城大医院骨科医院`, a bare
///   `骨科医院` is that hospital; after `解放军总医院第七医学中心`, `第七医学中心`;
/// - bracketed abbreviations after a procedure: `腹腔镜胰十二指肠切除术（LPD）`
///   makes `LPD` a procedure whose canonical form is the full name, here and
///   wherever it recurs in the document.
struct DocumentAliasPass {
    /// Learns aliases from resolved candidates; returns candidates for the
    /// abbreviations declared right after a procedure.
    func learn(from resolved: [Candidate], in context: RecognitionContext, document: inout DocumentState) -> [Candidate] {
        let units = context.units
        var added: [Candidate] = []
        // Indices, not copies: a candidate's fields are read in place.
        for c in resolved.indices {
            guard case .entity(let label) = resolved[c].label, label == .hospital || label == .procedure else { continue }
            let candidate = (start: resolved[c].start, end: resolved[c].end)
            // Made only for a name that gives an alias.
            var known: String?
            func canonical() -> String {
                if let known { return known }
                let name = resolved[c].attributes.canonical ?? String(utf16Units: units[candidate.start ..< candidate.end])
                known = name
                return name
            }
            switch label {
            case .hospital:
                if let alias = declaredAlias(after: candidate.end, units) {
                    document.aliases[alias.text] = (.hospital, canonical())
                }
                // Matches are ordered by end: only those ending inside the name are read.
                let matches = context.matches
                var k = Self.firstMatch(endingAfter: candidate.start + 3, in: matches)
                while k < matches.count, matches[k].end <= candidate.end - 4 {
                    let head = matches[k]
                    k += 1
                    guard head.value.isIn(.hospitalHead) else { continue }
                    let child = String(utf16Units: units[head.end ..< candidate.end])
                    if document.aliases[child] == nil { document.aliases[child] = (.hospital, canonical()) }
                }
            case .procedure:
                if let abbreviation = bracketedAbbreviation(after: candidate.end, units) {
                    let full = canonical()
                    document.aliases[abbreviation.text] = (.procedure, full)
                    added.append(Candidate(
                        start: abbreviation.range.lowerBound, end: abbreviation.range.upperBound, label: .entity(.procedure),
                        attributes: EntityAttributes(canonical: full, source: "alias"), priority: CandidatePriority.documentAlias
                    ))
                }
            default:
                break
            }
        }
        return added
    }

    /// The index of the first of `matches` (ordered by end) that ends after `position`.
    static func firstMatch(endingAfter position: Int, in matches: UnsafeBufferPointer<LexiconMatch>) -> Int {
        var lo = 0, hi = matches.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if matches[mid].end <= position { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Appends to `candidates` one for every occurrence of the document's
    /// aliases in `units`: the longest alias starting at each position (a
    /// shorter alias inside a longer one at the same start would lose the
    /// overlap anyway), so text that repeats one name, `医院医院医院…`, gives
    /// one candidate a position and not one for every alias that ends there.
    func apply(_ document: DocumentState, to units: [UInt16], into candidates: inout [Candidate]) {
        guard !document.aliases.isEmpty else { return }
        let sorted = document.aliases.sorted(by: { $0.key < $1.key })
        let values = sorted.map(\.value)
        let direct = sorted.count <= Self.directSearchLimit
            && sorted.allSatisfy { $0.key.utf16.count <= Self.directSearchLength }
        var longest = direct
            ? Self.longestMatchesSearched(sorted.map { [UInt16](utf16Of: $0.key) }, in: units)
            : Self.longestMatchesScanned(sorted.map(\.key), in: units)
        // In the order the matches end, as the automaton reports them.
        longest.sort { ($0.end, $0.start) < ($1.end, $1.start) }
        candidates.reserveCapacity(candidates.count + longest.count)
        for match in longest {
            candidates.append(Candidate(
                start: match.start, end: match.end, label: .entity(values[match.pattern].label),
                attributes: EntityAttributes(canonical: values[match.pattern].canonical, source: "alias"),
                priority: CandidatePriority.documentAlias
            ))
        }
    }

    /// Up to this many aliases are looked for by ``longestMatchesSearched(_:in:)``;
    /// more by an automaton (``longestMatchesScanned(_:in:)``), whose
    /// construction costs more than a few direct comparisons a position but
    /// whose scan does not grow with the number of aliases.
    static let directSearchLimit = 8
    /// …each of at most this many code units: a position costs at most
    /// ``directSearchLimit`` times this many comparisons, whatever the text.
    static let directSearchLength = 64

    /// Whether a match of `start ..< end` in `units` would cut a run of Latin
    /// letters or digits (`LPD` inside `LPDX`): such a match is not taken.
    @inline(__always)
    static func cutsLatinWord(_ units: UnsafeBufferPointer<UInt16>, start: Int, end: Int) -> Bool {
        if CodeUnitClass.isASCIIAlphanumeric(units[start]), start > 0, CodeUnitClass.isASCIIAlphanumeric(units[start - 1]) { return true }
        if CodeUnitClass.isASCIIAlphanumeric(units[end - 1]), end < units.count, CodeUnitClass.isASCIIAlphanumeric(units[end]) { return true }
        return false
    }

    /// The longest of `aliases` (distinct, non-empty) starting at each
    /// position of `units` where one starts and cuts no Latin word, as
    /// (start, end, alias index), by start: each position is compared with
    /// the aliases whose first unit it is, after a ``UnitFilter`` of the
    /// first units, so a position no alias starts at costs a few instructions.
    static func longestMatchesSearched(_ aliases: [[UInt16]], in units: [UInt16]) -> [(start: Int, end: Int, pattern: Int)] {
        // An empty alias (none is) could start nowhere: left out.
        let filter = UnitFilter(aliases.compactMap(\.first))
        var found: [(start: Int, end: Int, pattern: Int)] = []
        units.withUnsafeBufferPointer { units in
            for i in units.indices where filter.mayContain(units[i]) {
                var best: (end: Int, pattern: Int)?
                for (pattern, alias) in aliases.enumerated() where alias.first == units[i] {
                    let end = i + alias.count
                    guard end <= units.count, end > (best?.end ?? i) else { continue }
                    guard alias.withUnsafeBufferPointer({ Self.matches($0, units, at: i) }),
                          !cutsLatinWord(units, start: i, end: end) else { continue }
                    best = (end, pattern)
                }
                if let best { found.append((i, best.end, best.pattern)) }
            }
        }
        return found
    }

    /// Whether `units` holds `alias` at `position` (which leaves room for it).
    @inline(__always)
    private static func matches(_ alias: UnsafeBufferPointer<UInt16>, _ units: UnsafeBufferPointer<UInt16>, at position: Int) -> Bool {
        for k in alias.indices where alias[k] != units[position + k] { return false }
        return true
    }

    /// ``longestMatchesSearched(_:in:)`` by an automaton of `aliases`, for
    /// many aliases: the same matches, by start from the last.
    ///
    /// The automaton holds the aliases reversed and scans the text from its
    /// end, so the patterns it reports at a position are the aliases that
    /// start there, longest first: it stops at the first that cuts no Latin
    /// word. Text that repeats a name (`医院医院…`), where every alias of the
    /// document ends at every other position, costs one step a position,
    /// not one for each alias ending there.
    static func longestMatchesScanned(_ aliases: [String], in units: [UInt16]) -> [(start: Int, end: Int, pattern: Int)] {
        var builder = AhoCorasickBuilder()
        for alias in aliases { builder.add(alias.utf16.reversed()) }
        let automaton = builder.build()
        let n = units.count
        let reversed = [UInt16](units.reversed())
        var found: [(start: Int, end: Int, pattern: Int)] = []
        units.withUnsafeBufferPointer { buffer in
            reversed.withUnsafeBufferPointer { reversed in
                automaton.forEachLongestMatch(in: reversed) { pattern, start, end in
                    // `reversed[start ..< end]` is `buffer[n - end ..< n - start]`.
                    let match = (start: n - end, end: n - start, pattern: pattern)
                    if cutsLatinWord(buffer, start: match.start, end: match.end) { return false }
                    found.append(match)
                    return true
                }
            }
        }
        return found
    }

    /// `(以下简称“X”)`, `(简称X)`, `(下称“X”)` right after `end`.
    func declaredAlias(after end: Int, _ units: [UInt16]) -> (text: String, range: Range<Int>)? {
        var p = end
        guard p < units.count, units[p] == 0x28 else { return nil } // (
        p += 1
        for prefix in ["以下简称", "下文简称", "以下称", "下称", "简称"] {
            let u = [UInt16](utf16Of: prefix)
            if p + u.count <= units.count, Array(units[p ..< p + u.count]) == u {
                p += u.count
                if p < units.count, units[p] == 0x3A || units[p] == 0xFF1A { p += 1 } // :
                let open = p < units.count && Self.isOpeningQuote(units[p])
                if open { p += 1 }
                let start = p
                while p < units.count, p - start <= 12, CodeUnitClass.isIdeograph(units[p]) || CodeUnitClass.isASCIIAlphanumeric(units[p]) { p += 1 }
                guard p - start >= 2, p < units.count else { return nil }
                if open { guard Self.isClosingQuote(units[p]) else { return nil } }
                return (String(utf16Units: units[start ..< p]), start ..< p)
            }
        }
        return nil
    }

    /// `(LPD)`, `(EBUS-TBNA)` right after `end`: 2 to 15 Latin letters, digits
    /// and hyphens starting with a letter.
    func bracketedAbbreviation(after end: Int, _ units: [UInt16]) -> (text: String, range: Range<Int>)? {
        var p = end
        guard p < units.count, units[p] == 0x28 else { return nil }
        p += 1
        let start = p
        guard p < units.count, CodeUnitClass.isASCIILetter(units[p]) else { return nil }
        while p < units.count, p - start <= 15, CodeUnitClass.isASCIIAlphanumeric(units[p]) || units[p] == 0x2D { p += 1 }
        guard p < units.count, units[p] == 0x29, p - start >= 2 else { return nil }
        return (String(utf16Units: units[start ..< p]), start ..< p)
    }

    static func isOpeningQuote(_ u: UInt16) -> Bool { u == 0x201C || u == 0x22 || u == 0x300C || u == 0x2018 || u == 0x300E }
    static func isClosingQuote(_ u: UInt16) -> Bool { u == 0x201D || u == 0x22 || u == 0x300D || u == 0x2019 || u == 0x300F }
}
