/// Converts Unicode-scalar offsets of a string into `String.Index`, walking
/// forward only: offsets must be asked for in non-decreasing order, so
/// converting all entities of a document is one pass over it.
struct OffsetTranslator {
    private let scalars: String.UnicodeScalarView
    private var index: String.Index
    private var scalarOffset = 0

    init(_ text: String) {
        scalars = text.unicodeScalars
        index = scalars.startIndex
    }

    /// The string index of scalar offset `target` (clamped to the end).
    mutating func position(ofScalarOffset target: Int) -> String.Index {
        while scalarOffset < target && index < scalars.endIndex {
            scalars.formIndex(after: &index)
            scalarOffset += 1
        }
        return index
    }
}
