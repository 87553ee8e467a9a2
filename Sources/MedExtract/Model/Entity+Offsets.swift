extension Entity {
    /// The spans of `entities` in UTF-16 code units of `document` (what
    /// `NSString`, JavaScript, doccano and ICU count), in one forward pass over
    /// the document: linear in its length however many entities there are,
    /// where calling ``utf16Offsets(in:)`` on each would walk it once per entity.
    /// Spans that do not fit the document are clamped to its end.
    public static func utf16Spans(of entities: [Entity], in document: some StringProtocol) -> [Range<Int>] {
        spans(of: entities, in: document) { UTF16.width($0) }
    }

    /// The spans of `entities` in UTF-8 bytes of `document`, in one pass (see
    /// ``utf16Spans(of:in:)``).
    public static func utf8Spans(of entities: [Entity], in document: some StringProtocol) -> [Range<Int>] {
        spans(of: entities, in: document) { UTF8.width($0) }
    }

    private static func spans(of entities: [Entity], in document: some StringProtocol, width: (Unicode.Scalar) -> Int) -> [Range<Int>] {
        if let ordered = orderedSpans(of: entities, in: document, width: width) { return ordered }
        var bounds: [(offset: Int, index: Int, isEnd: Bool)] = []
        bounds.reserveCapacity(entities.count * 2)
        for (i, entity) in entities.enumerated() {
            bounds.append((entity.scalarOffsets.lowerBound, i, false))
            bounds.append((entity.scalarOffsets.upperBound, i, true))
        }
        bounds.sort { $0.offset < $1.offset }
        var lower = [Int](filledWith: 0, count: entities.count)
        var upper = [Int](filledWith: 0, count: entities.count)
        var scalar = 0, units = 0, b = 0
        var iterator = document.unicodeScalars.makeIterator()
        while b < bounds.count {
            while b < bounds.count && bounds[b].offset <= scalar {
                if bounds[b].isEnd { upper[bounds[b].index] = units } else { lower[bounds[b].index] = units }
                b += 1
            }
            guard b < bounds.count, let next = iterator.next() else { break }
            scalar += 1
            units += width(next)
        }
        while b < bounds.count {
            if bounds[b].isEnd { upper[bounds[b].index] = units } else { lower[bounds[b].index] = units }
            b += 1
        }
        return (0 ..< entities.count).map { lower[$0] ..< max(lower[$0], upper[$0]) }
    }

    /// The spans when `entities` are in order and do not overlap (as
    /// extraction returns them): one walk, no table of bounds; nil otherwise.
    private static func orderedSpans(of entities: [Entity], in document: some StringProtocol, width: (Unicode.Scalar) -> Int) -> [Range<Int>]? {
        var previous = 0
        for entity in entities {
            let r = entity.scalarOffsets
            guard r.lowerBound >= previous else { return nil }
            previous = r.upperBound
        }
        var spans: [Range<Int>] = []
        spans.reserveCapacity(entities.count)
        var scalar = 0, units = 0
        var iterator = document.unicodeScalars.makeIterator()
        func advance(to target: Int) {
            while scalar < target, let next = iterator.next() {
                scalar += 1
                units += width(next)
            }
        }
        for entity in entities {
            advance(to: entity.scalarOffsets.lowerBound)
            let lower = units
            advance(to: entity.scalarOffsets.upperBound)
            spans.append(lower ..< units)
        }
        return spans
    }
}
