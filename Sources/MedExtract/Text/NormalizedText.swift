/// The text the recognisers see, with a map from every code unit back to the
/// Unicode scalar of the original string it came from.
///
/// Normalisation (see ``TextNormalizer``) removes layout whitespace, folds
/// full-width forms and rejoins words broken across lines, so positions in
/// ``units`` differ from positions in the original. ``originalScalarRange(_:)``
/// maps a span back; because every unit maps to exactly one original scalar,
/// a mapped span starts and ends on the same characters the recogniser saw.
@_spi(Benchmarks) public struct NormalizedText: Sendable {
    /// The normalised text as UTF-16 code units.
    public internal(set) var units: [UInt16]
    /// For each unit, the Unicode-scalar offset in the original string of the
    /// scalar it came from (both units of a surrogate pair share one).
    public internal(set) var origins: [Int32]

    /// Creates an empty normalised text.
    public init() {
        units = []
        origins = []
    }

    /// Creates a normalised text from units and their origins (same length).
    init(units: [UInt16], origins: [Int32]) {
        self.units = units
        self.origins = origins
    }

    /// The number of UTF-16 code units.
    public var count: Int { units.count }

    /// The normalised text as a `String` (for display and tests).
    public var string: String { String(utf16Units: units) }

    /// Maps a non-empty range of normalised units back to Unicode-scalar
    /// offsets in the original string. The result covers any layout whitespace
    /// the normaliser removed inside the span.
    public func originalScalarRange(_ range: Range<Int>) -> Range<Int> {
        precondition(!range.isEmpty && range.upperBound <= units.count, "range out of bounds")
        return Int(origins[range.lowerBound]) ..< Int(origins[range.upperBound - 1]) + 1
    }
}

/// A text's own UTF-16 code units and where its sentences end, read by the
/// normaliser as it walks the text (``TextNormalizer/normalizeKeepingUnits(_:layout:startOffset:)``)
/// for the linking pass.
struct OriginalText {
    /// The units, `Array(text.utf16)`.
    var units: [UInt16]
    /// The offset in ``units`` of every unit that ends a sentence
    /// (``SentenceIndex/isSentenceEnd(_:)``), ascending.
    var sentenceEnds: [Int32]
}
