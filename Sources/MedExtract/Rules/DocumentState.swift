/// What the extractor remembers across the chunks of one document for
/// ``DocumentAliasPass``: the aliases the document declares or implies.
struct DocumentState {
    /// Aliases declared or implied so far: surface → label and canonical name.
    var aliases: [String: (label: EntityLabel, canonical: String)] = [:]
}
