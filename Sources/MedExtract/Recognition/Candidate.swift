/// A span some recogniser proposes, in normalised code-unit coordinates.
/// Candidates overlap freely; ``OverlapResolver`` picks the ones that become
/// entities.
@_spi(Benchmarks) public struct Candidate: Sendable, Hashable {
    /// Start, in code units of the normalised text.
    public var start: Int
    /// End (exclusive), in code units of the normalised text.
    public var end: Int
    /// What the span is; `.ignore` spans block shorter candidates and are dropped.
    public var label: DictionaryLabel
    /// Canonical form, code and figure meaning.
    public var attributes: EntityAttributes
    /// Tie-breaker between spans of equal length (see ``CandidatePriority``).
    public var priority: Int
    /// The lexicon entry whose canonical name and code ``attributes`` take
    /// once the candidate survives overlap resolution, ``surfaceEntry``
    /// for a canonical name that is the candidate's own text, or -1. A dictionary
    /// match is a candidate without strings: about half of them lose, and
    /// decoding their names would be wasted.
    public var entry: Int32

    /// Creates a candidate; `entry` is a lexicon entry whose names the
    /// attributes take when the candidate is kept (-1: none).
    public init(start: Int, end: Int, label: DictionaryLabel, attributes: EntityAttributes = EntityAttributes(), priority: Int, entry: Int32 = -1) {
        self.start = start
        self.end = end
        self.label = label
        self.attributes = attributes
        self.priority = priority
        self.entry = entry
    }

    /// The length in code units.
    public var length: Int { end - start }

    /// The ``entry`` of a rule's candidate whose canonical name is its own
    /// normalised text, made only when the candidate is kept and its entity
    /// made (the entity's own text string when the two are the same): most
    /// rule candidates lose to others, and a string made for each was wasted.
    public static let surfaceEntry: Int32 = -2
}

/// Priorities of candidate sources: on equal length the higher wins.
@_spi(Benchmarks) public enum CandidatePriority {
    /// An entry of a dictionary the user supplied.
    public static let userDictionary = 50
    /// An entry of a built-in dictionary.
    public static let dictionary = 40
    /// A short form or alias the document itself declares.
    public static let documentAlias = 35
    /// A structural rule with strong evidence (head noun, unit suffix).
    public static let rule = 30
    /// A rule with weak evidence.
    public static let weakRule = 10
}
