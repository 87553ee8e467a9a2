/// One recognised entity: its label, its span in the caller's original string,
/// the text of that span and what is known about it.
///
/// An entity is a plain value: `Codable` (its JSON object is the one
/// `medextract extract --format jsonl` writes, see <doc:CommandLine>),
/// `Hashable` and `Sendable`. Its position is stored as Unicode-scalar
/// offsets, which mean the same thing in Swift, Python (`text[start:end]`)
/// and JSON; a `String.Index` range cannot be stored, because it is only
/// meaningful together with the very string it indexes. Get one with
/// ``range(in:)``, and UTF-16 offsets (for `NSString`, `NSRange`, JavaScript)
/// with ``utf16Offsets(in:)``, passing the document the entity came from.
///
/// ```swift
/// for entity in extractor.extract(from: text) {
///     if let range = entity.range(in: text) { assert(String(text.unicodeScalars[range]) == entity.text) }
/// }
/// ```
///
/// ## JSON
///
/// `{"start":0,"end":5,"label":"HOSPITAL","text":"晋城大医院","canonical":"晋城大医院"}`:
/// `start`/`end` (scalar offsets, end exclusive), `label`, `text`, then the
/// attributes that are known: `canonical`, `code`; for a FIGURE `kind`,
/// `value`, `high`, `unit`, `qualifier`; the links `hospital`, `province`,
/// `city`, `division`. ``EntityAttributes/source`` is a diagnostic and is not
/// written (a decoded entity has none).
public struct Entity: Sendable, Hashable, Codable {
    /// The span as Unicode-scalar offsets into the original string, end
    /// exclusive (what JSONL output and Python's `text[start:end]` use).
    /// The bounds are scalar boundaries, not necessarily `Character`
    /// boundaries (an entity can end before a combining mark that follows it).
    public var scalarOffsets: Range<Int>
    /// The original text of the span, layout whitespace included (`宣武医\n\n院`).
    public var text: String
    /// Canonical form, code, figure meaning and links.
    public var attributes: EntityAttributes
    /// The kind of entity. (Stored last: the byte fits in the padding after
    /// the attributes, and an entity takes 8 bytes less.)
    public var label: EntityLabel

    /// Creates an entity.
    public init(label: EntityLabel, scalarOffsets: Range<Int>, text: String, attributes: EntityAttributes = EntityAttributes()) {
        self.label = label
        self.scalarOffsets = scalarOffsets
        self.text = text
        self.attributes = attributes
    }

    /// The span as a range of indices of `document`, the string the entity
    /// was extracted from; `nil` when the offsets do not fit in it.
    ///
    /// Use the range with `document.unicodeScalars[range]` (or `document[range]`,
    /// which rounds to `Character` boundaries). Complexity: O(`scalarOffsets.upperBound`).
    public func range(in document: some StringProtocol) -> Range<String.Index>? {
        let scalars = document.unicodeScalars
        guard scalarOffsets.lowerBound >= 0,
              let lower = scalars.index(scalars.startIndex, offsetBy: scalarOffsets.lowerBound, limitedBy: scalars.endIndex),
              let upper = scalars.index(lower, offsetBy: scalarOffsets.count, limitedBy: scalars.endIndex) else { return nil }
        return lower ..< upper
    }

    /// The span as UTF-16 code-unit offsets into `document` (what `NSString`,
    /// `NSRange`, JavaScript and ICU use); `nil` when the offsets do not fit.
    /// Complexity: O(`scalarOffsets.upperBound`).
    public func utf16Offsets(in document: some StringProtocol) -> Range<Int>? {
        guard let range = range(in: document) else { return nil }
        let utf16 = document.utf16
        let lower = utf16.distance(from: utf16.startIndex, to: range.lowerBound)
        return lower ..< lower + utf16.distance(from: range.lowerBound, to: range.upperBound)
    }

    enum CodingKeys: String, CodingKey {
        case start, end, label, text, canonical, code, kind, value, high, unit, qualifier
        case hospital, province, city, division
    }

    /// Decodes the JSON object described above (absent attributes are `nil`).
    /// - Throws: `DecodingError` when `start`/`end`, `label` or `text` is
    ///   missing or malformed, or `end` is before `start`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let start = try c.decode(Int.self, forKey: .start)
        let end = try c.decode(Int.self, forKey: .end)
        guard start <= end else {
            throw DecodingError.dataCorruptedError(forKey: .end, in: c, debugDescription: "end \(end) is before start \(start)")
        }
        var figure: Figure?
        if let kind = try c.decodeIfPresent(FigureKind.self, forKey: .kind) {
            figure = Figure(
                kind: kind,
                value: try c.decodeIfPresent(Double.self, forKey: .value),
                high: try c.decodeIfPresent(Double.self, forKey: .high),
                unit: try c.decodeIfPresent(String.self, forKey: .unit),
                qualifier: try c.decodeIfPresent(FigureQualifier.self, forKey: .qualifier)
            )
        }
        self.init(
            label: try c.decode(EntityLabel.self, forKey: .label),
            scalarOffsets: start ..< end,
            text: try c.decode(String.self, forKey: .text),
            attributes: EntityAttributes(
                canonical: try c.decodeIfPresent(String.self, forKey: .canonical),
                code: try c.decodeIfPresent(String.self, forKey: .code),
                figure: figure,
                hospital: try c.decodeIfPresent(String.self, forKey: .hospital),
                province: try c.decodeIfPresent(String.self, forKey: .province),
                city: try c.decodeIfPresent(String.self, forKey: .city),
                division: try c.decodeIfPresent(String.self, forKey: .division)
            )
        )
    }

    /// Encodes the JSON object described above, in that key order with
    /// `JSONEncoder`'s default (unsorted) output; absent attributes are omitted.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scalarOffsets.lowerBound, forKey: .start)
        try c.encode(scalarOffsets.upperBound, forKey: .end)
        try c.encode(label, forKey: .label)
        try c.encode(text, forKey: .text)
        let a = attributes
        try c.encodeIfPresent(a.canonical, forKey: .canonical)
        try c.encodeIfPresent(a.code, forKey: .code)
        if let figure = a.figure {
            try c.encode(figure.kind, forKey: .kind)
            try c.encodeIfPresent(figure.value, forKey: .value)
            try c.encodeIfPresent(figure.high, forKey: .high)
            try c.encodeIfPresent(figure.unit, forKey: .unit)
            try c.encodeIfPresent(figure.qualifier, forKey: .qualifier)
        }
        try c.encodeIfPresent(a.hospital, forKey: .hospital)
        try c.encodeIfPresent(a.province, forKey: .province)
        try c.encodeIfPresent(a.city, forKey: .city)
        try c.encodeIfPresent(a.division, forKey: .division)
    }
}
