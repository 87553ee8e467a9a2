/// Converts Unicode-scalar offsets of a string into `String.Index` and UTF-16
/// offsets, walking forward only: offsets must be asked for in non-decreasing
/// order, so converting all entities of a document is one pass over it.
struct OffsetTranslator {
    private let scalars: String.UnicodeScalarView
    private var index: String.Index
    private var scalarOffset = 0
    private var utf16Offset = 0

    init(_ text: String) {
        scalars = text.unicodeScalars
        index = scalars.startIndex
    }

    /// The string index and UTF-16 offset of scalar offset `target` (clamped to the end).
    mutating func position(ofScalarOffset target: Int) -> (index: String.Index, utf16: Int) {
        while scalarOffset < target && index < scalars.endIndex {
            utf16Offset += UTF16.width(scalars[index])
            scalars.formIndex(after: &index)
            scalarOffset += 1
        }
        return (index, utf16Offset)
    }
}
