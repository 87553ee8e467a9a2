/// A compiled Aho-Corasick automaton over UTF-16 code units.
///
/// Build it once with ``AhoCorasickBuilder`` and share it: it is an immutable
/// value, safe to search from many threads. Searching scans code units one at a
/// time and allocates nothing; every occurrence of every pattern is reported,
/// overlapping ones included, so the caller decides which to keep.
///
/// Layout: code units are mapped to a dense alphabet (0 = not in any pattern);
/// the states sit in a double array (``DoubleArrayPlacement``): the child of
/// the state in cell `s` on symbol `c` is cell `cells[s].base + c` when that
/// cell's `check` is `s`. A cell holds all a step of the scan reads of its
/// state (base, check, failure link, first output), interleaved in 16
/// bytes, so a transition is one load, where a search of the state's sorted
/// edges took one to ten on a dictionary of this size (the scan is bound by
/// cache misses). The patterns a state reports are a chain in ``outputs``.
/// An archive keeps the cells themselves (``writeLaidOut(to:)``), which are
/// only checked at load.
struct AhoCorasick: Sendable {
    /// Code unit → alphabet symbol (0 when the unit occurs in no pattern).
    let alphabet: Alphabet
    /// The double array; cell 0 is the root. Every base plus every symbol
    /// of the alphabet is a cell, so a step needs no bounds check.
    let cells: Table<Cell>
    /// The patterns states end, one row per state that ends one, chained
    /// along the output links.
    let outputs: Table<Output>
    /// Length in code units of each pattern.
    let patternLengths: Table<Int32>
    /// The number of states.
    let stateCount: Int
    /// A byte of every cell's ``Cell/check`` (``tag(ofParent:)``), a
    /// sixteenth of the cells' size: the scan compares it before it loads
    /// a cell, so a symbol the state has no child on (most steps: the state
    /// fails back) costs a read of this small table, which stays in cache,
    /// instead of one of the double array's. A tag that matches is
    /// confirmed by the cell's own `check`.
    let tags: Table<UInt8>

    /// One cell of the double array: a state, or free (`check` -1).
    struct Cell: Sendable {
        /// Where the state's children are: cell `base + symbol`.
        var base: Int32
        /// The cell of the state's parent; -1 for the root and free cells.
        var check: Int32
        /// The cell of the failure link's state.
        var fail: Int32
        /// The row in ``outputs`` of the first pattern the state reports
        /// (its own, else its output link's), or -1.
        var output: Int32
    }

    /// A pattern a state reports, and the next one along the output links.
    struct Output: Sendable {
        var pattern: Int32
        /// The next row, or -1.
        var next: Int32
        /// The pattern's length in code units (``patternLengths``), read with
        /// the row: the scan needs it for every match, and a second table
        /// indexed by pattern would cost a cache miss a match.
        var length: Int32 = 0
    }

    /// Lays out the tables the builder holds column by column (`edgeStart`
    /// has one entry more than there are states).
    ///
    /// The tables must form a trie rooted at state 0, its states numbered
    /// breadth first (edge slot `k` leads to state `k + 1`), whose failure
    /// and output links point to shallower states, as the builder's do.
    /// Tables that do not give an automaton that matches nothing, so a
    /// broken invariant never becomes an out-of-bounds read.
    init(
        alphabet: Alphabet, edgeStart: [Int32], edgeSymbols: [UInt16], edgeTargets: [Int32],
        fail: [Int32], terminal: [Int32], outputLink: [Int32], patternLengths: [Int32]
    ) {
        let states = fail.count
        if edgeSymbols.count == edgeTargets.count, terminal.count == states, outputLink.count == states,
           Self.isBreadthFirst(states: states, edgeStart: edgeStart, edgeTargets: edgeTargets) {
            let c = BreadthFirstColumns(edgeStart: edgeStart, edgeSymbols: edgeSymbols, fail: fail, terminal: terminal, outputLink: outputLink)
            if let laidOut = Self.layOut(c, symbolCount: alphabet.symbolCount, patterns: patternLengths.count) {
                self.alphabet = alphabet
                self.patternLengths = Table(patternLengths)
                cells = Table(laidOut.cells)
                outputs = Table(Self.withLengths(laidOut.outputs, patternLengths))
                tags = Table(Self.tags(of: laidOut.cells))
                stateCount = states
                return
            }
        }
        self.alphabet = .empty
        self.patternLengths = Table(patternLengths)
        let root = [Cell(base: 0, check: -1, fail: 0, output: -1)]
        self.cells = Table(root)
        self.tags = Table(Self.tags(of: root))
        self.outputs = Table()
        self.stateCount = 1
    }

    /// The tag of a cell whose parent is the state in cell `parent` (-1:
    /// none): its bits folded into one byte.
    @inline(__always)
    static func tag(ofParent parent: Int32) -> UInt8 {
        let x = UInt32(bitPattern: parent)
        return UInt8(truncatingIfNeeded: x ^ x >> 8 ^ x >> 16 ^ x >> 24)
    }

    /// `outputs` with every row's ``Output/length`` set from `lengths`.
    static func withLengths(_ outputs: [Output], _ lengths: [Int32]) -> [Output] {
        var outputs = outputs
        for i in outputs.indices {
            let p = Int(outputs[i].pattern)
            outputs[i].length = p >= 0 && p < lengths.count ? lengths[p] : 0
        }
        return outputs
    }

    /// ``tags`` of `cells`.
    static func tags(of cells: some Collection<Cell>) -> [UInt8] {
        cells.map { tag(ofParent: $0.check) }
    }

    /// A trie's tables with its states numbered breadth first (edge slot
    /// `k` leads to state `k + 1`).
    struct BreadthFirstColumns {
        var edgeStart: [Int32]
        var edgeSymbols: [UInt16]
        var fail: [Int32]
        var terminal: [Int32]
        var outputLink: [Int32]
    }

    /// The cells and output rows of breadth-first tables, placed by
    /// ``DoubleArrayPlacement``, or nil when they do not fit the placement
    /// (which the builder's tables always do): one pass over the states,
    /// through raw buffers.
    private static func layOut(_ c: BreadthFirstColumns, symbolCount: Int, patterns: Int) -> (cells: [Cell], outputs: [Output])? {
        let states = c.fail.count
        guard states >= 1, c.edgeStart.count == states + 1, c.terminal.count == states, c.outputLink.count == states,
              Int(c.edgeStart[states]) == c.edgeSymbols.count, c.edgeSymbols.count + 1 == states
        else { return nil }
        return c.edgeStart.withUnsafeBufferPointer { edgeStart -> (cells: [Cell], outputs: [Output])? in
            c.edgeSymbols.withUnsafeBufferPointer { symbols -> (cells: [Cell], outputs: [Output])? in
                let base = DoubleArrayPlacement.bases(states: states, edgeStart: edgeStart, symbols: symbols)
                // Room for every base plus every symbol (an edge's symbol
                // beyond the alphabet is never taken, but must fit).
                let cellCount = Int(base.max() ?? 0) + max(symbolCount, Int(symbols.max() ?? 0)) + 1
                // The output row of every state that ends a pattern, in state order.
                var row = [Int32](repeating: -1, count: states)
                var rows = 0
                for s in 0 ..< states where c.terminal[s] >= 0 {
                    row[s] = Int32(rows)
                    rows += 1
                }
                var outputs = [Output](repeating: Output(pattern: -1, next: -1), count: rows)
                var cells = [Cell](repeating: Cell(base: 0, check: -1, fail: 0, output: -1), count: cellCount)
                var slot = [Int32](repeating: 0, count: states)
                let ok = cells.withUnsafeMutableBufferPointer { cells in
                    outputs.withUnsafeMutableBufferPointer { outputs in
                        slot.withUnsafeMutableBufferPointer { slot in
                            c.fail.withUnsafeBufferPointer { fail in
                                c.terminal.withUnsafeBufferPointer { terminal in
                                    c.outputLink.withUnsafeBufferPointer { outputLink in
                                        base.withUnsafeBufferPointer { base in
                                            row.withUnsafeBufferPointer { row in
                                                fill(
                                                    cells, outputs, slot, edgeStart: edgeStart, symbols: symbols, fail: fail,
                                                    terminal: terminal, outputLink: outputLink, base: base, row: row, patterns: patterns
                                                )
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                return ok ? (cells, outputs) : nil
            }
        }
    }

    /// The loop of ``layOut(_:symbolCount:patterns:)``: each state's
    /// cell, links and output row, its children's cells checked free and
    /// claimed. All tables have a row per state (`edgeStart` one more,
    /// `symbols` one fewer, `row` numbering the states that end a pattern,
    /// as many as `outputs` has rows); false when a link does not point to
    /// a state before it or a child's cell is outside the array or taken.
    private static func fill(
        _ cells: UnsafeMutableBufferPointer<Cell>, _ outputs: UnsafeMutableBufferPointer<Output>, _ slot: UnsafeMutableBufferPointer<Int32>,
        edgeStart: UnsafeBufferPointer<Int32>, symbols: UnsafeBufferPointer<UInt16>, fail: UnsafeBufferPointer<Int32>,
        terminal: UnsafeBufferPointer<Int32>, outputLink: UnsafeBufferPointer<Int32>, base: UnsafeBufferPointer<Int32>,
        row: UnsafeBufferPointer<Int32>, patterns: Int
    ) -> Bool {
        let cellCount = cells.count
        for u in 0 ..< fail.count {
            let here = Int(slot[u]), b = Int(base[u])
            let lo = Int(edgeStart[u]), hi = Int(edgeStart[u + 1])
            let f = Int(fail[u]), t = Int(terminal[u]), o = Int(outputLink[u])
            // Links to shallower states, numbered before this one.
            guard lo <= hi, hi <= symbols.count, f >= 0, f < max(u, 1), o >= -1, o < u, t < patterns else { return false }
            let link: Int32 = o >= 0 ? row[o] : -1
            var cell = Cell(base: Int32(b), check: cells[here].check, fail: slot[f], output: link)
            if t >= 0 {
                outputs[Int(row[u])] = Output(pattern: Int32(t), next: link)
                cell.output = row[u]
            }
            cells[here] = cell
            for k in lo ..< hi {
                let sym = Int(symbols[k])
                let child = b + sym
                guard sym >= 1, child < cellCount, cells[child].check == -1 else { return false }
                cells[child].check = Int32(truncatingIfNeeded: here)
                slot[k + 1] = Int32(truncatingIfNeeded: child)
            }
        }
        return true
    }

    /// Whether the tables form a trie rooted at state 0 numbered breadth
    /// first: each edge's target is the state after its slot, and the edge
    /// index never decreases.
    private static func isBreadthFirst(states: Int, edgeStart: [Int32], edgeTargets: [Int32]) -> Bool {
        states > 0 && edgeStart.count == states + 1 && edgeStart.first == 0
            && Int(edgeStart[states]) == edgeTargets.count && edgeTargets.count + 1 == states
            && zip(edgeStart, edgeStart.dropFirst()).allSatisfy { $0 <= $1 }
            && edgeTargets.indices.allSatisfy { Int(edgeTargets[$0]) == $0 + 1 }
    }

    /// The number of patterns.
    var patternCount: Int { patternLengths.count }

    /// The output row of the pattern the state in cell `s`, `depth` units
    /// deep, ends itself, if any: its first row when that pattern is as
    /// long as the state is deep (the rows after it belong to shallower
    /// states along the output links).
    @inline(__always)
    private func terminalRow(_ s: Int, depth: Int) -> Int? {
        let row = Int(cells[s].output)
        guard row >= 0, Int(patternLengths[Int(outputs[row].pattern)]) == depth else { return nil }
        return row
    }

    @inline(__always)
    func symbol(_ unit: UInt16) -> Int {
        alphabet[unit]
    }

    /// The cell of the child of the state in cell `state` on `symbol` (at
    /// most the alphabet's symbol count), or -1 (goto function, no failure).
    @inline(__always)
    func transition(_ state: Int, _ symbol: Int) -> Int {
        guard symbol > 0, symbol <= alphabet.symbolCount else { return -1 }
        let t = Int(cells[state].base) + symbol
        return cells[t].check == Int32(truncatingIfNeeded: state) ? t : -1
    }

    /// Calls `body(pattern, start, end)` for every occurrence of every pattern
    /// in `units`, in order of end position (code-unit offsets, end exclusive).
    func forEachMatch(in units: UnsafeBufferPointer<UInt16>, _ body: (Int, Int, Int) -> Void) {
        scan(units) { pattern, start, end in
            body(pattern, start, end)
            return false
        }
    }

    /// Calls `accept(pattern, start, end)` for the patterns ending at each
    /// position of `units`, longest first, until it returns true. With an
    /// `accept` that takes the first it is given, this is the longest pattern
    /// ending at each position, in one step a position however many shorter
    /// ones end there too.
    func forEachLongestMatch(in units: UnsafeBufferPointer<UInt16>, _ accept: (Int, Int, Int) -> Bool) {
        scan(units, accept)
    }

    /// The scan of ``forEachMatch(in:_:)`` and ``forEachLongestMatch(in:_:)``:
    /// each position's patterns, longest first, to `body` until it returns true.
    @inline(__always)
    private func scan(_ units: UnsafeBufferPointer<UInt16>, _ body: (Int, Int, Int) -> Bool) {
        // One scan loop for each form of the alphabet (``Alphabet/flat``).
        if let flat = alphabet.flat {
            flat.withUnsafeBufferPointer { flat in
                withTables { Self.scan(units, $0, FlatSymbols(table: flat), body) }
            }
        } else {
            alphabet.blocks.withUnsafeBufferPointer { blocks in
                alphabet.symbols.withUnsafeBufferPointer { symbols in
                    withTables { Self.scan(units, $0, BlockSymbols(blocks: blocks, symbols: symbols), body) }
                }
            }
        }
    }

    /// The scan loop, reading symbols from `symbols`. A state's output rows
    /// run from its own pattern along the output links to shorter ones, so
    /// each position's patterns come longest first.
    @inline(__always)
    private static func scan<Symbols: UnitSymbols>(
        _ units: UnsafeBufferPointer<UInt16>, _ t: Tables, _ symbols: Symbols, _ body: (Int, Int, Int) -> Bool
    ) {
        let cells = t.cells
        let tags = t.tags
        let root = cells[0]
        let rootTag = tag(ofParent: 0)
        // The current state's cell, its contents and the tag of its children.
        var state = 0
        var cell = root
        var childTag = rootTag
        for i in 0 ..< units.count {
            let sym = symbols[units[i]]
            if sym == 0 {
                state = 0
                cell = root
                childTag = rootTag
                continue
            }
            while true {
                let next = Int(cell.base) &+ sym
                if tags[next] == childTag {
                    let candidate = cells[next]
                    if candidate.check == Int32(truncatingIfNeeded: state) {
                        state = next
                        cell = candidate
                        childTag = tag(ofParent: Int32(truncatingIfNeeded: next))
                        break
                    }
                }
                if state == 0 { break }
                state = Int(cell.fail)
                cell = cells[state]
                childTag = tag(ofParent: Int32(truncatingIfNeeded: state))
            }
            var row = Int(cell.output)
            while row >= 0 {
                let out = t.outputs[row]
                if body(Int(out.pattern), i + 1 - Int(out.length), i + 1) { break }
                row = Int(out.next)
            }
        }
    }

    /// Runs `body` with raw views of the tables, so the scan loop does no
    /// bounds checks and no reference counting (all indices it uses come
    /// from the tables the layout made consistent).
    @inline(__always)
    private func withTables<R>(_ body: (Tables) -> R) -> R {
        cells.withUnsafeBufferPointer { cells in
            tags.withUnsafeBufferPointer { tags in
                outputs.withUnsafeBufferPointer { outputs in
                    body(Tables(cells: cells, tags: tags, outputs: outputs))
                }
            }
        }
    }

    /// Unchecked views of the automaton's tables for the scan loop.
    private struct Tables {
        let cells: UnsafeBufferPointer<Cell>
        let tags: UnsafeBufferPointer<UInt8>
        let outputs: UnsafeBufferPointer<Output>
    }

    /// Calls `body(pattern, end)` for every pattern that starts exactly at
    /// `start`, shortest first (an anchored walk from the root).
    func forEachPrefixMatch(in units: UnsafeBufferPointer<UInt16>, from start: Int, _ body: (Int, Int) -> Void) {
        var state = 0
        var i = start
        while i < units.count {
            let next = transition(state, symbol(units[i]))
            guard next >= 0 else { return }
            state = next
            i += 1
            if let row = terminalRow(state, depth: i - start) { body(Int(outputs[row].pattern), i) }
        }
    }

    /// The id of the pattern equal to `units`, if there is one.
    func exactPattern(_ units: [UInt16]) -> Int? {
        units.withUnsafeBufferPointer { exactPattern(in: $0, 0 ..< $0.count) }
    }

    /// The id of the pattern equal to `units[range]`, if there is one.
    func exactPattern(in units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= units.count else { return nil }
        var state = 0
        for i in range {
            let next = transition(state, symbol(units[i]))
            guard next >= 0 else { return nil }
            state = next
        }
        return terminalRow(state, depth: range.count).map { Int(outputs[$0].pattern) }
    }

    /// The longest pattern starting exactly at `start`: its id and end, or nil.
    func longestPrefixMatch(in units: UnsafeBufferPointer<UInt16>, from start: Int) -> (pattern: Int, end: Int)? {
        var best: (pattern: Int, end: Int)?
        forEachPrefixMatch(in: units, from: start) { best = ($0, $1) }
        return best
    }
}

/// Code unit → symbol, read by the scan loop without checks.
private protocol UnitSymbols {
    subscript(_ unit: UInt16) -> Int { get }
}

/// ``Alphabet/flat``: one load a unit.
private struct FlatSymbols: UnitSymbols {
    let table: UnsafeBufferPointer<UInt16>

    @inline(__always)
    subscript(_ unit: UInt16) -> Int { Int(table[Int(unit)]) }
}

/// ``Alphabet/blocks`` and ``Alphabet/symbols``: two loads a unit.
private struct BlockSymbols: UnitSymbols {
    let blocks: UnsafeBufferPointer<UInt16>
    let symbols: UnsafeBufferPointer<UInt16>

    @inline(__always)
    subscript(_ unit: UInt16) -> Int {
        let u = Int(unit)
        return Int(symbols[Int(blocks[u &>> 8]) &<< 8 | u & 0xFF])
    }
}
