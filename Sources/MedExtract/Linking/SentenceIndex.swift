/// Sentence numbers of positions in a document's UTF-16 text: sentences end
/// at `。！？；!?;`. Line breaks end nothing: PDF layout puts them, blank
/// lines too, inside sentences.
struct SentenceIndex {
    /// The start of every sentence, ascending; the first is 0.
    private(set) var starts: [Int] = [0]

    init(_ units: [UInt16]) {
        var i = 0
        let n = units.count
        while i < n {
            let u = units[i]
            switch u {
            case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B:
                if i + 1 < n { Self.append(i + 1, to: &starts) }
            default:
                break
            }
            i += 1
        }
    }

    private static func append(_ start: Int, to starts: inout [Int]) {
        if let last = starts.last, last >= start { return }
        starts.append(start)
    }

    /// The sentence number of each position of `positions` (ascending), in one merge.
    func sentences(of positions: [Int]) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(positions.count)
        var s = 0
        for p in positions {
            while s + 1 < starts.count && starts[s + 1] <= p { s += 1 }
            out.append(s)
        }
        return out
    }
}
