import MedExtract

/// An entity as the scorer sees it: a labelled span and, for figures, a kind.
public struct ScoredEntity: Sendable, Hashable {
    /// Start, a Unicode-scalar offset into the document text.
    public var start: Int
    /// End (exclusive).
    public var end: Int
    /// The label as written (labels other than the four are ignored in predictions).
    public var label: String
    /// The figure kind (`count`, `date` …), if any.
    public var kind: String?

    /// Creates an entity.
    public init(start: Int, end: Int, label: String, kind: String? = nil) {
        self.start = start
        self.end = end
        self.label = label
        self.kind = kind
    }

    /// The entity the extractor returned.
    public init(_ entity: Entity) {
        self.init(start: entity.scalarOffsets.lowerBound, end: entity.scalarOffsets.upperBound,
                  label: entity.label.rawValue, kind: entity.attributes.figure?.kind.rawValue)
    }

    /// What identifies an entity when scoring: span and label.
    public struct Key: Sendable, Hashable {
        /// Start offset.
        public var start: Int
        /// End offset.
        public var end: Int
        /// Label.
        public var label: String
    }

    /// The scoring key of this entity.
    public var key: Key { Key(start: start, end: end, label: label) }
}
