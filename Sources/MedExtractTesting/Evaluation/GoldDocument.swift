/// One gold document: id, raw text and its entities.
public struct GoldDocument: Sendable, Hashable {
    /// The document id.
    public var id: String
    /// The raw text.
    public var text: String
    /// The gold entities.
    public var entities: [ScoredEntity]

    /// Creates a gold document.
    public init(id: String, text: String, entities: [ScoredEntity]) {
        self.id = id
        self.text = text
        self.entities = entities
    }
}
