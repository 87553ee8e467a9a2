import MedExtract

/// An entity as a fixture states it or as the extractor found it: a labelled
/// span of Unicode scalars, with the attributes a fixture may pin.
public struct FixtureEntity: Sendable, Hashable, CustomStringConvertible {
    /// The entity's label.
    public var label: EntityLabel
    /// The span as Unicode-scalar offsets into the sentence, end exclusive.
    public var scalarOffsets: Range<Int>
    /// The sentence text of the span.
    public var text: String
    /// The canonical form; in an expectation `nil` means "not checked".
    public var canonical: String?
    /// The figure kind; in an expectation `nil` means "not checked".
    public var kind: FigureKind?
    /// The standard code; in an expectation `nil` means "not checked".
    public var code: String?

    /// Creates an entity.
    public init(label: EntityLabel, scalarOffsets: Range<Int>, text: String, canonical: String? = nil, kind: FigureKind? = nil, code: String? = nil) {
        self.label = label
        self.scalarOffsets = scalarOffsets
        self.text = text
        self.canonical = canonical
        self.kind = kind
        self.code = code
    }

    /// The entity the extractor returned, with all its attributes.
    public init(_ entity: Entity) {
        self.init(
            label: entity.label,
            scalarOffsets: entity.scalarOffsets,
            text: entity.text,
            canonical: entity.attributes.canonical,
            kind: entity.attributes.figure?.kind,
            code: entity.attributes.code
        )
    }

    /// The entity in fixture notation with its offsets:
    /// `[晋城大医院]{HOSPITAL|canonical=…} @0-5`.
    public var description: String {
        "\(Fixture.notation(of: self)) @\(scalarOffsets.lowerBound)-\(scalarOffsets.upperBound)"
    }
}
