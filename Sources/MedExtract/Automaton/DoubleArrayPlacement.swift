/// Places the states of a trie in a double array: every state gets a
/// `base`, and its child on symbol `c` lives in cell `base + c`, so a
/// transition is one addition and one load (``AhoCorasick``'s cells check
/// that the cell reached belongs to the state it came from).
///
/// States are placed in breadth-first order, each with the smallest base
/// whose cells for all its children's symbols are free, searched from the
/// first free cell on. A free cell that has failed as the first child's
/// cell many times is no longer tried as a start (it can still take a
/// child of a later state), so a state with many children does not scan
/// the same holes again and again: placement stays close to linear while
/// the array stays dense (about 98 % of the cells used for the built-in
/// dictionaries).
enum DoubleArrayPlacement {
    /// How often a free cell may fail as a first child's cell before the
    /// search stops starting there.
    static let triesPerCell: UInt8 = 16

    /// The base of every state of a trie whose states are numbered breadth
    /// first, its edges in `edgeStart`/`symbols` (state `u`'s edges, sorted
    /// by symbol, are `edgeStart[u] ..< edgeStart[u + 1]`; symbols are at
    /// least 1). The root is in cell 0 and has base 0; a state without
    /// children has base 0.
    static func bases(states: Int, edgeStart: UnsafeBufferPointer<Int32>, symbols: UnsafeBufferPointer<UInt16>) -> [Int32] {
        var base = [Int32](repeating: 0, count: states)
        guard states > 0, edgeStart.count == states + 1 else { return base }
        var cells = CellMap()
        cells.take(0)
        for u in 0 ..< states {
            let lo = Int(edgeStart[u]), hi = Int(edgeStart[u + 1])
            guard lo < hi, lo >= 0, hi <= symbols.count else { continue }
            // The smallest symbol first (the builder's edges are sorted;
            // any order would do), so that every child's cell is after
            // the base.
            var first = Int(symbols[lo])
            for k in lo + 1 ..< hi { first = min(first, Int(symbols[k])) }
            var f = cells.nextOpen(from: max(cells.head, first, 1))
            while true {
                let b = f - first
                var fits = true
                var k = lo
                while k < hi {
                    if Int(symbols[k]) != first, cells.isTaken(b + Int(symbols[k])) {
                        fits = false
                        break
                    }
                    k += 1
                }
                if fits {
                    base[u] = Int32(truncatingIfNeeded: b)
                    for k in lo ..< hi { cells.take(b + Int(symbols[k])) }
                    break
                }
                cells.failed(f)
                f = cells.nextOpen(from: f + 1)
            }
        }
        return base
    }

    /// Which cells are taken, and which free ones are still tried as the
    /// start of a placement; both grow on demand.
    private struct CellMap {
        /// One bit a cell: taken by a state.
        private var taken: [UInt64] = []
        /// One bit a cell: taken, or free but no longer tried as a start.
        private var closed: [UInt64] = []
        /// Failed tries of each free cell as a start.
        private var tries: [UInt8] = []
        /// No cell before this one is open.
        private(set) var head = 0

        private mutating func grow(toCover cell: Int) {
            let words = cell >> 6 + 1
            guard words > taken.count else { return }
            let more = max(words, taken.count * 2) - taken.count
            taken.append(contentsOf: repeatElement(0, count: more))
            closed.append(contentsOf: repeatElement(0, count: more))
            tries.append(contentsOf: repeatElement(0, count: more * 64))
        }

        func isTaken(_ cell: Int) -> Bool {
            let w = cell >> 6
            return w < taken.count && taken[w] & (1 << UInt64(cell & 63)) != 0
        }

        mutating func take(_ cell: Int) {
            grow(toCover: cell)
            let bit: UInt64 = 1 << UInt64(cell & 63)
            taken[cell >> 6] |= bit
            closed[cell >> 6] |= bit
            advanceHead()
        }

        /// A try starting at free cell `cell` failed.
        mutating func failed(_ cell: Int) {
            grow(toCover: cell)
            tries[cell] &+= 1
            if tries[cell] >= DoubleArrayPlacement.triesPerCell {
                closed[cell >> 6] |= 1 << UInt64(cell & 63)
                advanceHead()
            }
        }

        private mutating func advanceHead() {
            while head >> 6 < closed.count {
                let word = closed[head >> 6] >> UInt64(head & 63)
                if word & 1 == 0 { return }
                // Skip the run of closed cells in this word at once.
                let run = (~word).trailingZeroBitCount
                head += min(run, 64 - head & 63)
            }
        }

        /// The first open cell at or after `cell`.
        func nextOpen(from cell: Int) -> Int {
            var c = cell
            while c >> 6 < closed.count {
                let word = ~closed[c >> 6] >> UInt64(c & 63)
                if word != 0 { return c + word.trailingZeroBitCount }
                c = (c >> 6 + 1) << 6
            }
            return c
        }
    }
}
