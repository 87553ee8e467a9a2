/// One recognised entity, with its position in the caller's original string.
public struct Entity: Sendable, Hashable {
    /// The kind of entity.
    public var label: EntityLabel
    /// The span in the original string. Its bounds are Unicode-scalar
    /// boundaries, not necessarily `Character` boundaries (an entity can end
    /// before a combining mark that follows it).
    public var range: Range<String.Index>
    /// The span as Unicode-scalar offsets into the original string (what JSONL
    /// output and Python's `text[start:end]` use).
    public var scalarOffsets: Range<Int>
    /// The span as UTF-16 code-unit offsets into the original string (what
    /// `NSString`, JavaScript and ICU use).
    public var utf16Offsets: Range<Int>
    /// The original text of the span, layout whitespace included (`宣武医\n\n院`).
    public var text: String
    /// Canonical form, code and figure meaning.
    public var attributes: EntityAttributes

    /// Creates an entity.
    public init(
        label: EntityLabel,
        range: Range<String.Index>,
        scalarOffsets: Range<Int>,
        utf16Offsets: Range<Int>,
        text: String,
        attributes: EntityAttributes
    ) {
        self.label = label
        self.range = range
        self.scalarOffsets = scalarOffsets
        self.utf16Offsets = utf16Offsets
        self.text = text
        self.attributes = attributes
    }
}
