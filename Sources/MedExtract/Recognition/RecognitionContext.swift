/// Everything a recogniser can look at for one piece of normalised text: the
/// text, every lexicon match in it, and ICU word boundaries on demand.
///
/// Created per chunk by the extractor and never shared between threads.
@_spi(Benchmarks) public final class RecognitionContext {
    /// The normalised text.
    public let text: NormalizedText
    /// Every lexicon match (dictionary entries and place names), ordered by
    /// end: a view into memory the context owns, valid while the context
    /// lives (do not keep it). Reading it retains and releases nothing.
    public let matches: UnsafeBufferPointer<LexiconMatch>
    /// The compiled lexicon the matches refer to.
    public let lexicon: Lexicon
    let segmenter: WordSegmenter
    /// The lexicon's entries, read once: ``Lexicon/entries`` hands out a
    /// copy of the table, which retains and releases every one of its
    /// buffers, so reading it for every match a recogniser looks at cost
    /// more than the lookup.
    let entries: EntryTable
    private var boundaryCache: [Range<Int>: [Int]] = [:]
    /// The clause ``wordBoundaries(around:)`` answered last, and its answer.
    private var lastSegmented: (clause: Range<Int>, boundaries: [Int]) = (-1 ..< -1, [])
    /// The clause breaks, once ``clauseRange(around:)`` has been asked.
    private var clauseBreakCache: [Int]?
    /// `endIndex[p]` is the index of the first match whose end is ≥ p
    /// (`text.count + 2` entries). Owned by the context and freed with it.
    private let endIndex: UnsafeMutableBufferPointer<Int32>
    /// The memory of ``matches``, freed with the context; the runs
    /// ``matches(endingAt:)`` hands out are views into it, so a query
    /// retains and releases nothing (recognisers ask hundreds of thousands
    /// of them a MB of text).
    private let matchStorage: MatchList
    /// The clauses segmented so far by ``wordBoundaries(around:)``, in the
    /// order they were first asked for (for benchmarks and diagnostics).
    public private(set) var segmentedClauses: [Range<Int>] = []

    /// A context over `text` that takes over `matches` (the lexicon's
    /// matches in it, ordered by end) and deallocates them.
    init(text: NormalizedText, taking matches: MatchList, lexicon: Lexicon, segmenter: WordSegmenter) {
        self.text = text
        self.matches = matches.buffer
        self.lexicon = lexicon
        self.segmenter = segmenter
        entries = lexicon.entries
        endIndex = Self.endIndex(of: matches.buffer, positions: text.count + 2)
        matchStorage = matches
    }

    /// `index[p]` for every `p` in `0 ..< positions`: the number of
    /// `matches` (ordered by end) whose end is below `p`, which is the index
    /// of the first match whose end is ≥ p.
    ///
    /// Counted, not searched: each match adds one at `end + 1`, and a running
    /// sum turns the counts into indices. A search (advance while the next
    /// match ends before `p`) takes a branch per position whose outcome
    /// depends on the data, which the processor guesses wrong at about every
    /// other position; these two loops branch only on their bounds. Ends
    /// outside the text (none in the lexicon's lists) go to a spare last slot
    /// or the first, so no entry is written out of bounds.
    static func endIndex(of matches: UnsafeBufferPointer<LexiconMatch>, positions: Int) -> UnsafeMutableBufferPointer<Int32> {
        // One slot more than asked: the ends past the last position land there.
        let index = UnsafeMutableBufferPointer<Int32>.allocate(capacity: positions + 1)
        index.initialize(repeating: 0)
        for m in matches {
            let slot = min(max(Int(m.end) &+ 1, 0), positions)
            index[slot] &+= 1
        }
        var running: Int32 = 0
        for p in 0 ..< positions {
            running &+= index[p]
            index[p] = running
        }
        return UnsafeMutableBufferPointer(rebasing: index[0 ..< positions])
    }

    /// A context over `text` with a copy of `matches` (ordered by end).
    convenience init(text: NormalizedText, matches: [LexiconMatch], lexicon: Lexicon, segmenter: WordSegmenter) {
        var list = MatchList(capacity: matches.count)
        matches.withUnsafeBufferPointer { list.append(contentsOf: $0) }
        self.init(text: text, taking: list, lexicon: lexicon, segmenter: segmenter)
    }

    deinit {
        endIndex.deallocate()
        matchStorage.deallocate()
    }

    /// The matches that end exactly at `position`.
    ///
    /// A view into storage the context owns: valid while the context lives,
    /// which is while the recogniser asking runs (do not keep it). Looking
    /// through it (`contains`, `for … in`) retains and releases nothing.
    @inline(__always)
    public func matches(endingAt position: Int) -> UnsafeBufferPointer<LexiconMatch> {
        guard position >= 0 && position <= endIndex.count - 2 else { return UnsafeBufferPointer(start: nil, count: 0) }
        let lo = Int(endIndex[position]), hi = Int(endIndex[position + 1])
        return UnsafeBufferPointer(rebasing: matches[lo ..< hi])
    }

    /// The longest match ending at `position` that satisfies `predicate`.
    public func longestMatch(endingAt position: Int, where predicate: (LexiconMatch) -> Bool) -> LexiconMatch? {
        var best: LexiconMatch?
        for match in matches(endingAt: position) where predicate(match) {
            if let current = best, match.start >= current.start { continue }
            best = match
        }
        return best
    }

    /// Whether an ICU word boundary falls at `position` (within its clause).
    public func isWordBoundary(_ position: Int) -> Bool {
        let boundaries = wordBoundaries(around: position)
        let i = Self.firstIndex(notBelow: position, in: boundaries)
        return i < boundaries.count && boundaries[i] == position
    }

    /// The ICU word that ends at `position`, if a word boundary is there.
    public func word(endingAt position: Int) -> Range<Int>? {
        let boundaries = wordBoundaries(around: max(0, position - 1))
        let i = Self.firstIndex(notBelow: position, in: boundaries)
        guard i > 0, i < boundaries.count, boundaries[i] == position else { return nil }
        return boundaries[i - 1] ..< position
    }

    /// The index of the first element of the ascending `values` that is ≥
    /// `value` (`values.count` when none is): a binary search, so a query in a
    /// clause of many words costs the logarithm of its length.
    static func firstIndex(notBelow value: Int, in values: [Int]) -> Int {
        var lo = 0
        var hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The code units of the normalised text.
    public var units: [UInt16] { text.units }

    /// The dictionary entry a match stands for, if any.
    public func entry(of match: LexiconMatch) -> DictionaryEntry? {
        match.value.entry >= 0 ? entries[Int(match.value.entry)] : nil
    }

    /// The label of the dictionary entry a match stands for, if any (no
    /// string of the entry is decoded).
    func entryLabel(of match: LexiconMatch) -> DictionaryLabel? {
        match.value.entry >= 0 ? entries.label(at: Int(match.value.entry)) : nil
    }

    /// The code of the dictionary entry a match stands for, if it has one
    /// (only that string is decoded).
    func entryCode(of match: LexiconMatch) -> String? {
        match.value.entry >= 0 ? entries.code(at: Int(match.value.entry)) : nil
    }

    /// The place a match stands for, if any.
    func place(of match: LexiconMatch) -> PlaceEntry? {
        match.value.place >= 0 ? lexicon.places[Int(match.value.place)] : nil
    }

    /// ICU word boundaries inside the clause around `position` (the run of
    /// text between punctuation marks), as absolute code-unit offsets. Clauses
    /// are segmented lazily, once each, so text without candidates is never
    /// segmented.
    ///
    /// A clause longer than ``longestSegmentedClause`` is not segmented: its
    /// only boundaries are its ends, as if it were one word, so the rules
    /// that read words take no word start or end inside it. ICU's dictionary
    /// segmentation costs about 1,500 instructions a unit of unbroken
    /// ideographs, ten times the rest of the pipeline, and no clause of
    /// running text comes near that length; a text without punctuation (a
    /// table's cells run together, a damaged extraction) would otherwise be
    /// segmented whole.
    public func wordBoundaries(around position: Int) -> [Int] {
        let clause = clauseRange(around: position)
        // Rules ask about one clause several times in a row: the last one
        // answered is checked before the cache is hashed.
        if clause == lastSegmented.clause { return lastSegmented.boundaries }
        if let cached = boundaryCache[clause] {
            lastSegmented = (clause, cached)
            return cached
        }
        guard clause.count <= Self.longestSegmentedClause else {
            let ends = [clause.lowerBound, clause.upperBound]
            boundaryCache[clause] = ends
            return ends
        }
        var boundaries: [Int] = []
        // About one boundary every two units in Chinese text.
        boundaries.reserveCapacity(clause.count / 2 + 2)
        boundaries.append(clause.lowerBound)
        text.units.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[clause])
            segmenter.forEachBoundary(slice) { _, end, _ in boundaries.append(clause.lowerBound + end) }
        }
        boundaryCache[clause] = boundaries
        lastSegmented = (clause, boundaries)
        segmentedClauses.append(clause)
        return boundaries
    }

    /// The longest clause, in code units, that ``wordBoundaries(around:)``
    /// segments.
    public static let longestSegmentedClause = 2_048

    /// Whether the unit before `position` ends a clause (or `position` is 0).
    public func isClauseStart(_ position: Int) -> Bool {
        position <= 0 || Self.isClauseBreak(text.units[position - 1])
    }

    /// Whether the normaliser removed layout (spaces, line breaks) between the
    /// units before and at `position`: a hint of a heading, a title or a line
    /// end, never a clause break by itself.
    public func hasRemovedLayout(before position: Int) -> Bool {
        guard position > 0, position < text.count else { return false }
        return text.origins[position] - text.origins[position - 1] > 1
    }

    /// The clause containing `position`: bounded by punctuation or line breaks.
    ///
    /// The positions of the clause breaks are found in one pass over the text
    /// the first time a clause is asked for; each query is then a binary
    /// search, so asking about every position of one long clause (100,000
    /// ideographs without punctuation) stays linear overall.
    public func clauseRange(around position: Int) -> Range<Int> {
        let count = text.units.count
        let p = min(max(position, 0), count)
        let breaks = clauseBreaks()
        // The first break at or after p ends the clause; the one before it starts it.
        let i = Self.firstIndex(notBelow: p, in: breaks)
        let hi = i < breaks.count ? breaks[i] : count
        let lo = i > 0 ? breaks[i - 1] + 1 : 0
        return lo ..< hi
    }

    /// The offsets of every clause break in the text, ascending; computed once.
    private func clauseBreaks() -> [Int] {
        if let breaks = clauseBreakCache { return breaks }
        var breaks: [Int] = []
        // About one break every ten units in running text: room for that
        // up front instead of growing the array step by step.
        breaks.reserveCapacity(text.units.count / 8 + 8)
        // Without a branch on the unit: every offset is written to a block
        // and the count advances by the unit's bit, so a break (about one
        // unit in ten, where it falls depending on the text) costs no
        // wrongly guessed branch. Blocks keep the scratch memory fixed.
        let block = 256
        Self.clauseBreakBits.withUnsafeBufferPointer { bits in
            text.units.withUnsafeBufferPointer { units in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: block) { scratch in
                    guard let offsets = scratch.baseAddress else { return }
                    var start = 0
                    while start < units.count {
                        let end = min(start + block, units.count)
                        var found = 0
                        for i in start ..< end {
                            offsets[found] = i
                            found &+= Self.clauseBreakBit(units[i], in: bits)
                        }
                        breaks.append(contentsOf: UnsafeBufferPointer(start: offsets, count: found))
                        start = end
                    }
                }
            }
        }
        clauseBreakCache = breaks
        return breaks
    }

    /// Whether `u` ends a clause: a line break or boundary punctuation
    /// (``CodeUnitClass/isBoundaryPunctuation(_:)``).
    @inline(__always)
    static func isClauseBreak(_ u: UInt16) -> Bool {
        clauseBreakBits.withUnsafeBufferPointer { clauseBreakBit(u, in: $0) } != 0
    }

    /// 1 when `u` ends a clause, else 0, read from ``clauseBreakBits``.
    @inline(__always)
    private static func clauseBreakBit(_ u: UInt16, in bits: UnsafeBufferPointer<UInt64>) -> Int {
        Int(truncatingIfNeeded: bits[Int(u &>> 6)] &>> UInt64(u & 63) & 1)
    }

    /// One bit for every UTF-16 code unit (8 KB): set for the units that
    /// end a clause, a line break or boundary punctuation.
    static let clauseBreakBits: [UInt64] = (0 ..< 1024).map { word in
        var bits: UInt64 = 0
        for bit in 0 ..< 64 {
            let u = UInt16(word * 64 + bit)
            if u == 0x0A || CodeUnitClass.isBoundaryPunctuation(u) { bits |= 1 << UInt64(bit) }
        }
        return bits
    }
}

/// Something that proposes candidate spans.
@_spi(Benchmarks) public protocol Recognizer: Sendable {
    /// Appends candidates found in `context` to `candidates`.
    func recognize(_ context: RecognitionContext, into candidates: inout [Candidate])
}
