/// A piece of a document processed on its own.
struct Chunk {
    /// The scalars of the chunk in the original string.
    var range: Range<String.Index>
    /// The scalar offset of the chunk's first scalar.
    var offset: Int
    /// Entities are kept from this chunk only when they start in
    /// `keepFrom ..< keepBefore` (scalar offsets): chunks cut without a sentence
    /// end overlap, and each entity is taken from the chunk that saw the most
    /// context around it.
    var keepFrom: Int
    var keepBefore: Int
}

extension MedExtractor {
    /// Cuts a document into chunks of about ``ExtractorConfiguration/chunkSize``
    /// scalars. A chunk ends after a sentence end (`。！？；`), where no entity
    /// can continue. When no sentence end comes within twice the chunk size, the
    /// chunk is cut hard and the next one starts `overlap` scalars earlier, so an
    /// entity across the cut is seen whole by one of them.
    func chunks(of scalars: String.UnicodeScalarView) -> [Chunk] {
        let size = max(configuration.chunkSize, 64)
        let overlap = min(256, size / 4)
        var chunks: [Chunk] = []
        var start = scalars.startIndex
        var startOffset = 0
        var keepFrom = 0
        var index = start
        var offset = 0
        while index < scalars.endIndex {
            let value = scalars[index].value
            scalars.formIndex(after: &index)
            offset += 1
            let length = offset - startOffset
            if length >= size && CodeUnitClass.isSentenceEnd(scalar: value) && value != 0x0A {
                chunks.append(Chunk(range: start ..< index, offset: startOffset, keepFrom: keepFrom, keepBefore: offset))
                start = index
                startOffset = offset
                keepFrom = offset
            } else if length >= 2 * size {
                // Hard cut: the next chunk re-reads the last `overlap` scalars.
                let middle = offset - overlap / 2
                chunks.append(Chunk(range: start ..< index, offset: startOffset, keepFrom: keepFrom, keepBefore: middle))
                var back = index
                for _ in 0 ..< overlap { scalars.formIndex(before: &back) }
                start = back
                startOffset = offset - overlap
                keepFrom = middle
            }
        }
        if start < scalars.endIndex || chunks.isEmpty {
            chunks.append(Chunk(range: start ..< scalars.endIndex, offset: startOffset, keepFrom: keepFrom, keepBefore: Int.max))
        }
        return chunks
    }
}
