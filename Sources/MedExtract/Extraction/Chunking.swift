/// A piece of a document processed on its own.
struct Chunk {
    /// The scalars of the chunk in the original string.
    var range: Range<String.Index>
    /// The scalar offset of the chunk's first scalar.
    var offset: Int
    /// Entities are kept from this chunk only when they start in
    /// `keepFrom ..< keepBefore` (scalar offsets): chunks cut without a sentence
    /// or clause end overlap, and each entity is taken from the chunk that saw
    /// the most context around it. The keep ranges of successive chunks tile
    /// the document, so every entity is reported by exactly one chunk.
    var keepFrom: Int
    var keepBefore: Int
}

extension MedExtractor {
    /// The chunk size actually used: at least 64 scalars, at most 2^28, so a
    /// chunk's scalar offsets (at most twice that) fit the normaliser's
    /// `Int32` origins in a string of any length.
    static func effectiveChunkSize(_ requested: Int) -> Int {
        min(max(requested, 64), 1 << 28)
    }

    /// The number of scalars two chunks share at a hard cut; an entity (and
    /// every candidate competing with it) no longer than half of it is seen
    /// whole, with at least that much context, by the chunk that reports it.
    static func hardCutOverlap(chunkSize size: Int) -> Int {
        min(512, size / 2)
    }

    /// Cuts a document into chunks of about ``ExtractorConfiguration/chunkSize``
    /// scalars, scanning it once:
    /// - from `size` scalars on, a chunk ends after a sentence end (`。！？；!?;`),
    ///   where no entity can continue;
    /// - from `1.5 × size` on, also after a clause mark (`，`, `、`) that has no
    ///   digit on either side (`1，000` may be one number);
    /// - at `2 × size` without either, the chunk is cut hard and the next one
    ///   starts ``hardCutOverlap(chunkSize:)`` scalars earlier; the first keeps
    ///   entities starting before the middle of the shared part, the second the
    ///   rest, so an entity across the cut is seen whole by the chunk keeping it.
    ///
    /// The walk reads the string's UTF-8 bytes in place (``cuts(in:size:)``)
    /// and makes indices only at the cuts; a string without contiguous UTF-8
    /// (bridged) is cut as a native copy, its cuts then found by scalar offset
    /// (``chunks(of:cutAt:)``).
    func chunks(of scalars: String.UnicodeScalarView) -> [Chunk] {
        let size = Self.effectiveChunkSize(configuration.chunkSize)
        let text = String(scalars)
        // Fewer bytes than `size` are fewer scalars: one chunk, no walk
        // (most documents).
        if text.utf8.count < size {
            return [Chunk(range: scalars.startIndex ..< scalars.endIndex, offset: 0, keepFrom: 0, keepBefore: Int.max)]
        }
        let utf8 = text.utf8
        guard let cuts = utf8.withContiguousStorageIfAvailable({ Self.cuts(in: $0, size: size) }) else {
            // A bridged string: cut a native copy, then find the cuts in the
            // original by their scalar offsets, in one walk.
            var native = text
            native.makeContiguousUTF8()
            let cuts = native.utf8.withContiguousStorageIfAvailable { Self.cuts(in: $0, size: size) } ?? []
            return Self.chunks(of: scalars, cutAt: cuts)
        }
        // Cuts are at scalar boundaries; an index from a byte offset is O(1)
        // in contiguous UTF-8.
        func index(_ byte: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: byte) }
        return cuts.map { cut in
            Chunk(range: index(cut.start) ..< index(cut.end), offset: cut.offset, keepFrom: cut.keepFrom, keepBefore: cut.keepBefore)
        }
    }

    /// A chunk as byte offsets into the document's UTF-8 (`start ..< end`)
    /// and as scalar offsets (`offset ..< endOffset`), with its keep range.
    struct Cut {
        var start: Int
        var end: Int
        var offset: Int
        var endOffset: Int
        var keepFrom: Int
        var keepBefore: Int
    }

    /// The chunks of `scalars` at `cuts` (found in a copy of the same text),
    /// their bounds found by scalar offset in one walk over `scalars`.
    static func chunks(of scalars: String.UnicodeScalarView, cutAt cuts: [Cut]) -> [Chunk] {
        let wanted = Set(cuts.flatMap { [$0.offset, $0.endOffset] }).sorted()
        var indexOf: [Int: String.Index] = [:]
        var index = scalars.startIndex
        var offset = 0
        for target in wanted {
            while offset < target, index < scalars.endIndex {
                scalars.formIndex(after: &index)
                offset += 1
            }
            indexOf[target] = index
        }
        return cuts.map { cut in
            let lower = indexOf[cut.offset] ?? scalars.endIndex
            let upper = indexOf[cut.endOffset] ?? scalars.endIndex
            return Chunk(range: lower ..< max(lower, upper), offset: cut.offset, keepFrom: cut.keepFrom, keepBefore: cut.keepBefore)
        }
    }

    /// The chunks of ``chunks(of:)`` as byte ranges of `bytes` (a whole
    /// document's valid UTF-8), found in one walk over the bytes.
    static func cuts(in bytes: UnsafeBufferPointer<UInt8>, size: Int) -> [Cut] {
        let clauseLength = size + size / 2
        let hardLength = 2 * size
        let overlap = hardCutOverlap(chunkSize: size)
        var cuts: [Cut] = []
        var start = 0
        var startOffset = 0
        var keepFrom = 0
        var offset = 0
        var previous: UInt32 = 0
        var walk = ScalarWalk(bytes)
        while let value = walk.next() {
            let index = walk.position
            offset += 1
            defer { previous = value }
            let length = offset - startOffset
            guard length >= size else { continue }
            var clean = value != 0x0A && CodeUnitClass.isSentenceEnd(scalar: value)
            if !clean, length >= clauseLength, value == 0xFF0C || value == 0x3001 {
                // A clause mark between digits may be a thousands separator.
                var ahead = walk
                let next = ahead.next() ?? 0
                clean = !isDigitScalar(previous) && !isDigitScalar(next)
            }
            if clean {
                cuts.append(Cut(start: start, end: index, offset: startOffset, endOffset: offset, keepFrom: keepFrom, keepBefore: offset))
                start = index
                startOffset = offset
                keepFrom = offset
            } else if length >= hardLength {
                // Hard cut: the next chunk re-reads the last `overlap` scalars
                // (each starts at a byte that is not a continuation byte).
                let middle = offset - overlap / 2
                cuts.append(Cut(start: start, end: index, offset: startOffset, endOffset: offset, keepFrom: keepFrom, keepBefore: middle))
                var back = index
                for _ in 0 ..< overlap {
                    back -= 1
                    while back > 0, bytes[back] & 0xC0 == 0x80 { back -= 1 }
                }
                start = back
                startOffset = offset - overlap
                keepFrom = middle
            }
        }
        if start < bytes.count || cuts.isEmpty {
            cuts.append(Cut(start: start, end: bytes.count, offset: startOffset, endOffset: offset, keepFrom: keepFrom, keepBefore: Int.max))
        }
        return cuts
    }

    /// ASCII or full-width digit.
    private static func isDigitScalar(_ v: UInt32) -> Bool {
        (v >= 0x30 && v <= 0x39) || (v >= 0xFF10 && v <= 0xFF19)
    }
}
