/// Everything a recogniser can look at for one piece of normalised text: the
/// text, every lexicon match in it, and ICU word boundaries on demand.
///
/// Created per chunk by the extractor and never shared between threads.
public final class RecognitionContext {
    /// The normalised text.
    public let text: NormalizedText
    /// Every lexicon match (dictionary entries and place names), ordered by end.
    public let matches: [LexiconMatch]
    /// The compiled lexicon the matches refer to.
    public let lexicon: Lexicon
    let segmenter: WordSegmenter
    private var boundaryCache: [Range<Int>: [Int]] = [:]

    init(text: NormalizedText, matches: [LexiconMatch], lexicon: Lexicon, segmenter: WordSegmenter) {
        self.text = text
        self.matches = matches
        self.lexicon = lexicon
        self.segmenter = segmenter
    }

    /// The code units of the normalised text.
    public var units: [UInt16] { text.units }

    /// The dictionary entry a match stands for, if any.
    public func entry(of match: LexiconMatch) -> DictionaryEntry? {
        match.value.entry >= 0 ? lexicon.entries[Int(match.value.entry)] : nil
    }

    /// The place a match stands for, if any.
    public func place(of match: LexiconMatch) -> PlaceEntry? {
        match.value.place >= 0 ? lexicon.places[Int(match.value.place)] : nil
    }

    /// ICU word boundaries inside the clause around `position` (the run of
    /// text between punctuation marks), as absolute code-unit offsets. Clauses
    /// are segmented lazily, once each, so text without candidates is never
    /// segmented.
    public func wordBoundaries(around position: Int) -> [Int] {
        let clause = clauseRange(around: position)
        if let cached = boundaryCache[clause] { return cached }
        var boundaries: [Int] = [clause.lowerBound]
        text.units.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[clause])
            segmenter.forEachBoundary(slice) { _, end, _ in boundaries.append(clause.lowerBound + end) }
        }
        boundaryCache[clause] = boundaries
        return boundaries
    }

    /// The clause containing `position`: bounded by punctuation or line breaks.
    public func clauseRange(around position: Int) -> Range<Int> {
        let units = text.units
        var lo = min(max(position, 0), units.count)
        while lo > 0 && !Self.isClauseBreak(units[lo - 1]) { lo -= 1 }
        var hi = min(max(position, 0), units.count)
        while hi < units.count && !Self.isClauseBreak(units[hi]) { hi += 1 }
        return lo ..< hi
    }

    @inline(__always)
    static func isClauseBreak(_ u: UInt16) -> Bool {
        u == 0x0A || CodeUnitClass.isBoundaryPunctuation(u)
    }
}

/// Something that proposes candidate spans.
public protocol Recognizer: Sendable {
    /// Appends candidates found in `context` to `candidates`.
    func recognize(_ context: RecognitionContext, into candidates: inout [Candidate])
}
