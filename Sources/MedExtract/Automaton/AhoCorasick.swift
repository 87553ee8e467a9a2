/// A compiled Aho-Corasick automaton over UTF-16 code units.
///
/// Build it once with ``AhoCorasickBuilder`` and share it: it is an immutable
/// value, safe to search from many threads. Searching scans code units one at a
/// time and allocates nothing; every occurrence of every pattern is reported,
/// overlapping ones included, so the caller decides which to keep.
///
/// Layout: code units are mapped to a dense alphabet (0 = not in any pattern);
/// the root has a dense transition table, other states keep their transitions
/// sorted in one flat array (binary-searched), with failure links and output
/// links precomputed. States are numbered breadth first, so edge slot `k`
/// leads to state `k + 1` and an edge needs no target: it holds its symbol,
/// whether its target reports a match, and where its target's own edges
/// start. A step of the scan reads the current state's run of edges and
/// nothing else; a state's row (failure link, pattern, output link) is read
/// only on a failure or a match (the scan is bound by cache misses on a
/// dictionary of this size).
struct AhoCorasick: Sendable {
    /// Code unit → alphabet symbol (0 when the unit occurs in no pattern).
    let alphabet: Alphabet
    /// Root transitions indexed by symbol (0 = stay at root).
    let rootNext: [Int32]
    /// One row per state, plus a last row whose ``StateRow/edgeStart`` ends
    /// the edge array.
    let rows: [StateRow]
    /// Every state's transitions, sorted by symbol within a state, in state
    /// order; slot `k` leads to state `k + 1`. One sentinel edge at the end
    /// holds the edge count as ``Edge/childStart``, so the edges of the
    /// target of slot `k` are `edges[k].childStart ..< edges[k + 1].childStart`.
    let edges: [Edge]
    /// Length in code units of each pattern.
    let patternLengths: [Int32]

    /// What a step of the scan reads of a state on a failure or a match.
    struct StateRow: Sendable {
        /// Index of the state's first edge in ``edges`` (its last is before
        /// the next row's first).
        var edgeStart: Int32
        /// Failure link.
        var fail: Int32
        /// The pattern that ends at the state, or -1.
        var terminal: Int32
        /// The nearest state along the failure chain that ends a pattern, or -1.
        var outputLink: Int32
    }

    /// A transition: on `symbol`, go to the state after the edge's slot.
    struct Edge: Sendable {
        var symbol: UInt16
        /// 1 when the target ends a pattern or has an output link, else 0.
        var reports: UInt16
        /// Index of the target's first edge.
        var childStart: Int32
    }

    /// Lays out the tables the builder and the archive hold column by column
    /// (`edgeStart` has one entry more than there are states).
    ///
    /// States are renumbered in breadth-first order (children by symbol), so
    /// the shallow states a scan keeps returning to (the first one or two
    /// characters of every word) are contiguous and stay in cache, and edge
    /// slot `k` leads to state `k + 1`; pattern ids do not change.
    /// Renumbering an automaton already in that order changes nothing. The
    /// tables must form a trie rooted at state 0: the builder's do and the
    /// archive's are checked before they get here. Tables that do not (which
    /// neither caller passes) give an automaton that matches nothing, so a
    /// broken invariant never becomes an out-of-bounds read.
    init(
        alphabet: Alphabet, rootNext: [Int32], edgeStart: [Int32], edgeSymbols: [UInt16], edgeTargets: [Int32],
        fail: [Int32], terminal: [Int32], outputLink: [Int32], patternLengths: [Int32]
    ) {
        self.patternLengths = patternLengths
        let states = fail.count
        guard edgeSymbols.count == edgeTargets.count, terminal.count == states, outputLink.count == states,
              let numbering = Self.breadthFirstNumbering(states: states, edgeStart: edgeStart, edgeTargets: edgeTargets)
        else {
            self.alphabet = .empty
            self.rootNext = [0]
            self.rows = [StateRow(edgeStart: 0, fail: 0, terminal: -1, outputLink: -1), StateRow(edgeStart: 0, fail: 0, terminal: -1, outputLink: -1)]
            self.edges = [Edge(symbol: 0, reports: 0, childStart: 0)]
            return
        }
        self.alphabet = alphabet
        // newOf[old] = new; nil when the states are numbered so already.
        let newOf: [Int32]
        switch numbering {
        case .alreadyBreadthFirst:
            // The builder's and the archive's tables: laid out in one pass.
            self.rootNext = rootNext
            (rows, edges) = Self.layOutInOrder(edgeStart: edgeStart, edgeSymbols: edgeSymbols, fail: fail, terminal: terminal, outputLink: outputLink)
            return
        case .renumbered(let numbers): newOf = numbers
        }
        func mapped(_ state: Int32) -> Int32 {
            guard state >= 0 else { return state }
            return newOf[Int(state)]
        }
        var order = [Int32](repeating: 0, count: states) // order[new] = old
        for (old, new) in newOf.enumerated() { order[Int(new)] = Int32(old) }
        func old(_ n: Int) -> Int { Int(order[n]) }
        self.rootNext = rootNext.map { $0 == 0 ? 0 : mapped($0) }
        // First edge of every new state: the edge counts in new order, summed.
        var start = [Int32](repeating: 0, count: states + 1)
        for n in 0 ..< states {
            let o = old(n)
            start[n + 1] = start[n] + edgeStart[o + 1] - edgeStart[o]
        }
        var rows: [StateRow] = []
        rows.reserveCapacity(states + 1)
        var edges: [Edge] = []
        edges.reserveCapacity(edgeSymbols.count + 1)
        for n in 0 ..< states {
            let o = old(n)
            rows.append(StateRow(edgeStart: start[n], fail: mapped(fail[o]), terminal: terminal[o], outputLink: mapped(outputLink[o])))
            for slot in Int(edgeStart[o]) ..< Int(edgeStart[o + 1]) {
                // The target, in new numbers, is the state after this edge's new slot.
                let target = edges.count + 1
                let t = old(target)
                let reports: UInt16 = terminal[t] >= 0 || outputLink[t] >= 0 ? 1 : 0
                edges.append(Edge(symbol: edgeSymbols[slot], reports: reports, childStart: start[target]))
            }
        }
        rows.append(StateRow(edgeStart: start[states], fail: 0, terminal: -1, outputLink: -1))
        edges.append(Edge(symbol: 0, reports: 0, childStart: start[states]))
        self.rows = rows
        self.edges = edges
    }

    /// The rows and edges of tables whose states are numbered breadth first
    /// already (edge slot `k` leads to state `k + 1`, so the target's first
    /// edge is `edgeStart[k + 1]`): one pass over each table, reading and
    /// writing through raw buffers. `edgeStart` has `fail.count + 1`
    /// entries, `terminal` and `outputLink` as many as `fail`, and there is
    /// one edge fewer than there are states (checked by the caller).
    private static func layOutInOrder(
        edgeStart: [Int32], edgeSymbols: [UInt16], fail: [Int32], terminal: [Int32], outputLink: [Int32]
    ) -> (rows: [StateRow], edges: [Edge]) {
        let states = fail.count, edgeCount = edgeSymbols.count
        return edgeStart.withUnsafeBufferPointer { start in
            fail.withUnsafeBufferPointer { fail in
                terminal.withUnsafeBufferPointer { terminal in
                    outputLink.withUnsafeBufferPointer { outputLink in
                        edgeSymbols.withUnsafeBufferPointer { symbols in
                            let rows = [StateRow](unsafeUninitializedCapacity: states + 1) { out, count in
                                for s in 0 ..< states {
                                    out.initializeElement(at: s, to: StateRow(edgeStart: start[s], fail: fail[s], terminal: terminal[s], outputLink: outputLink[s]))
                                }
                                out.initializeElement(at: states, to: StateRow(edgeStart: start[states], fail: 0, terminal: -1, outputLink: -1))
                                count = states + 1
                            }
                            let edges = [Edge](unsafeUninitializedCapacity: edgeCount + 1) { out, count in
                                for k in 0 ..< edgeCount {
                                    let target = k + 1
                                    let reports: UInt16 = terminal[target] >= 0 || outputLink[target] >= 0 ? 1 : 0
                                    out.initializeElement(at: k, to: Edge(symbol: symbols[k], reports: reports, childStart: start[target]))
                                }
                                out.initializeElement(at: edgeCount, to: Edge(symbol: 0, reports: 0, childStart: start[states]))
                                count = edgeCount + 1
                            }
                            return (rows, edges)
                        }
                    }
                }
            }
        }
    }

    /// How the states are to be renumbered breadth first.
    private enum Numbering {
        /// Each edge's target is the state after its slot (the builder's
        /// and the archive's order): no walk is needed.
        case alreadyBreadthFirst
        /// `newOf[old]` is the state's breadth-first number (children in slot order).
        case renumbered([Int32])
    }

    /// The breadth-first numbering of the states, or nil when the tables do
    /// not form a trie rooted at state 0 (or are not even well formed).
    private static func breadthFirstNumbering(states: Int, edgeStart: [Int32], edgeTargets: [Int32]) -> Numbering? {
        guard states > 0, edgeStart.count == states + 1, edgeStart.first == 0,
              Int(edgeStart[states]) == edgeTargets.count, edgeTargets.count + 1 == states,
              zip(edgeStart, edgeStart.dropFirst()).allSatisfy({ $0 <= $1 })
        else { return nil }
        if edgeTargets.indices.allSatisfy({ Int(edgeTargets[$0]) == $0 + 1 }) { return .alreadyBreadthFirst }
        let walk = breadthFirstOrder(states: states, edgeStart: edgeStart, edgeTargets: edgeTargets)
        guard walk.revisited == nil, walk.order.count == states else { return nil }
        var newOf = [Int32](repeating: -1, count: states)
        for (new, old) in walk.order.enumerated() { newOf[Int(old)] = Int32(new) }
        return .renumbered(newOf)
    }

    /// The states in breadth-first order from state 0, children in slot
    /// order; the walk stops at the first edge to a state already reached or
    /// out of range (`revisited`: its target), which a trie does not have.
    /// `edgeStart` must have `states + 1` entries.
    static func breadthFirstOrder(states: Int, edgeStart: [Int32], edgeTargets: [Int32]) -> (order: [Int32], revisited: Int?) {
        var reached = [Bool](repeating: false, count: states)
        var order: [Int32] = states > 0 ? [0] : []
        order.reserveCapacity(states)
        if states > 0 { reached[0] = true }
        var head = 0
        while head < order.count {
            let u = Int(order[head])
            head += 1
            for slot in Int(edgeStart[u]) ..< Int(edgeStart[u + 1]) {
                let v = Int(edgeTargets[slot])
                guard v >= 0, v < states, !reached[v] else { return (order, v) }
                reached[v] = true
                order.append(Int32(v))
            }
        }
        return (order, nil)
    }

    /// The number of patterns.
    var patternCount: Int { patternLengths.count }

    /// The number of states.
    var stateCount: Int { rows.count - 1 }

    /// The tables column by column, as the archive stores them.
    var columns: (edgeStart: [Int32], edgeSymbols: [UInt16], edgeTargets: [Int32], fail: [Int32], terminal: [Int32], outputLink: [Int32]) {
        let states = rows.dropLast()
        let real = edges.dropLast()
        return (rows.map(\.edgeStart), real.map(\.symbol), real.indices.map { Int32($0 + 1) }, states.map(\.fail), states.map(\.terminal), states.map(\.outputLink))
    }

    @inline(__always)
    func symbol(_ unit: UInt16) -> Int {
        alphabet[unit]
    }

    /// The transition from `state` on `symbol`, or -1 (goto function, no failure).
    func transition(_ state: Int, _ symbol: Int) -> Int {
        withTables { $0.transition(state, symbol) }
    }

    /// Calls `body(pattern, start, end)` for every occurrence of every pattern
    /// in `units`, in order of end position (code-unit offsets, end exclusive).
    func forEachMatch(in units: UnsafeBufferPointer<UInt16>, _ body: (Int, Int, Int) -> Void) {
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

    /// The scan loop of ``forEachMatch(in:_:)``, reading symbols from `symbols`.
    @inline(__always)
    private static func scan<Symbols: UnitSymbols>(
        _ units: UnsafeBufferPointer<UInt16>, _ t: Tables, _ symbols: Symbols, _ body: (Int, Int, Int) -> Void
    ) {
        // The current state and the range of its edges.
        var state = 0
        var lo = 0
        var hi = 0
        for i in 0 ..< units.count {
            let sym = symbols[units[i]]
            if sym == 0 {
                state = 0
                continue
            }
            // The slot of the edge taken, or -1 (stay at the root).
            var slot = -1
            while true {
                if state == 0 {
                    slot = Int(t.rootNext[sym]) - 1
                    break
                }
                let found = t.search(sym, lo, hi)
                if found >= 0 {
                    slot = found
                    break
                }
                state = Int(t.rows[state].fail)
                lo = Int(t.rows[state].edgeStart)
                hi = Int(t.rows[state + 1].edgeStart)
            }
            guard slot >= 0 else { continue }
            state = slot + 1
            let edge = t.edges[slot]
            lo = Int(edge.childStart)
            hi = Int(t.edges[slot + 1].childStart)
            guard edge.reports != 0 else { continue }
            let row = t.rows[state]
            var s = row.terminal >= 0 ? state : Int(row.outputLink)
            while s >= 0 {
                let r = t.rows[s]
                let pattern = Int(r.terminal)
                body(pattern, i + 1 - Int(t.patternLengths[pattern]), i + 1)
                s = Int(r.outputLink)
            }
        }
    }

    /// Runs `body` with raw views of the tables, so the scan loop does no
    /// bounds checks and no reference counting (all indices it uses come
    /// from the tables the builder made consistent).
    @inline(__always)
    private func withTables<R>(_ body: (Tables) -> R) -> R {
        rootNext.withUnsafeBufferPointer { rootNext in
            rows.withUnsafeBufferPointer { rows in
                edges.withUnsafeBufferPointer { edges in
                    patternLengths.withUnsafeBufferPointer { patternLengths in
                        body(Tables(rootNext: rootNext, rows: rows, edges: edges, patternLengths: patternLengths))
                    }
                }
            }
        }
    }

    /// Unchecked views of the automaton's tables for the scan loop.
    private struct Tables {
        let rootNext: UnsafeBufferPointer<Int32>
        let rows: UnsafeBufferPointer<StateRow>
        let edges: UnsafeBufferPointer<Edge>
        let patternLengths: UnsafeBufferPointer<Int32>

        /// The transition from `state` on `symbol`, or -1 (goto function, no failure).
        @inline(__always)
        func transition(_ state: Int, _ symbol: Int) -> Int {
            if state == 0 { return symbol == 0 ? -1 : (rootNext[symbol] == 0 ? -1 : Int(rootNext[symbol])) }
            let slot = search(symbol, Int(rows[state].edgeStart), Int(rows[state + 1].edgeStart))
            return slot >= 0 ? slot + 1 : -1
        }

        /// The slot in `lo ..< hi` of the edge on `symbol`, or -1.
        @inline(__always)
        func search(_ symbol: Int, _ lo: Int, _ hi: Int) -> Int {
            var lo = lo
            var hi = hi
            let s = UInt16(truncatingIfNeeded: symbol)
            // Most states have a few edges, in one or two cache lines: a
            // plain scan of them beats the dependent loads of a bisection.
            if hi - lo <= 8 {
                while lo < hi {
                    let m = edges[lo].symbol
                    if m >= s { return m == s ? lo : -1 }
                    lo += 1
                }
                return -1
            }
            while lo < hi {
                let mid = (lo + hi) >> 1
                let m = edges[mid].symbol
                if m == s { return mid }
                if m < s { lo = mid + 1 } else { hi = mid }
            }
            return -1
        }
    }

    /// Calls `body(pattern, end)` for every pattern that starts exactly at
    /// `start`, shortest first (an anchored walk from the root).
    func forEachPrefixMatch(in units: UnsafeBufferPointer<UInt16>, from start: Int, _ body: (Int, Int) -> Void) {
        var state = 0
        var i = start
        while i < units.count {
            let sym = symbol(units[i])
            guard sym != 0 else { return }
            let next = transition(state, sym)
            guard next >= 0 else { return }
            state = next
            i += 1
            if rows[state].terminal >= 0 { body(Int(rows[state].terminal), i) }
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
            let sym = symbol(units[i])
            guard sym != 0 else { return nil }
            let next = transition(state, sym)
            guard next >= 0 else { return nil }
            state = next
        }
        return rows[state].terminal >= 0 ? Int(rows[state].terminal) : nil
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
