/// What the extractor remembers across the chunks of one document: the
/// aliases the document declares or implies (for ``DocumentAliasPass``) and
/// the places it mentions (for the linking pass).
struct DocumentState {
    /// Aliases declared or implied so far: surface → label and canonical name.
    var aliases: [String: (label: EntityLabel, canonical: String)] = [:]
    /// The division names counted so far from the lexicon's matches
    /// (``DocumentLinker/countPlaces(in:window:into:)``); nil when they are
    /// not counted there (no linker, or one whose gazetteer is not keyed by
    /// the lexicon's places), and the linker scans the text itself.
    var places: DocumentPlaces?
    /// The scalar offsets, relative to the chunk being extracted, from which
    /// a match's start counts for ``places``: the chunk's keep range, so a
    /// name in the part two chunks share is counted once.
    var placeWindow: Range<Int> = 0 ..< Int.max
}
