extension AhoCorasick {
    /// Appends the automaton's tables to `writer`: the trie's breadth-first
    /// edge tables and links, then the double array's bases, so that
    /// loading lays the cells out without placing them.
    func write(to writer: inout ByteWriter) {
        let c = columns
        alphabet.write(to: &writer)
        writer.writeArray(c.rootNext)
        writer.writeArray(c.edgeStart)
        writer.writeArray(c.edgeSymbols)
        writer.writeArray(c.edgeTargets)
        writer.writeArray(c.fail)
        writer.writeArray(c.terminal)
        writer.writeArray(c.outputLink)
        writer.writeArray(Array(patternLengths))
        writer.writeArray(bases)
    }

    /// The tables ``write(to:)`` writes, as read: not checked, not laid out.
    /// Reading them is copying; checking them and laying out the cells
    /// (``init(archived:)``) is most of the work of loading, which a caller
    /// can do on another thread while it reads what follows them.
    struct ArchivedTables: Sendable {
        var alphabet: Alphabet
        var rootNext: [Int32]
        var edgeStart: [Int32]
        var edgeSymbols: [UInt16]
        var edgeTargets: [Int32]
        var fail: [Int32]
        var terminal: [Int32]
        var outputLink: [Int32]
        var patternLengths: [Int32]
        var bases: [Int32]

        /// The number of patterns the tables claim (checked by ``AhoCorasick/init(archived:)``).
        var patternCount: Int { patternLengths.count }

        /// Reads tables written by ``AhoCorasick/write(to:)``.
        init(reading reader: inout ByteReader) throws(ArchiveError) {
            alphabet = try Alphabet(reading: &reader)
            rootNext = try reader.readArray()
            edgeStart = try reader.readArray()
            edgeSymbols = try reader.readArray()
            edgeTargets = try reader.readArray()
            fail = try reader.readArray()
            terminal = try reader.readArray()
            outputLink = try reader.readArray()
            patternLengths = try reader.readArray()
            bases = try reader.readArray()
        }
    }

    /// Reads tables written by ``write(to:)`` and checks that they are
    /// consistent (``init(archived:)``).
    init(reading reader: inout ByteReader) throws(ArchiveError) {
        try self.init(archived: try ArchivedTables(reading: &reader))
    }

    /// The automaton of tables read from an archive, checked first, since
    /// the scan loop reads them without bounds checks: every state, symbol
    /// and pattern index must be in range, and the bases (none: placed at
    /// load) must put every state in a cell of its own.
    init(archived t: ArchivedTables) throws(ArchiveError) {
        try Self.validate(
            alphabet: t.alphabet, rootNext: t.rootNext, edgeStart: t.edgeStart, edgeSymbols: t.edgeSymbols,
            edgeTargets: t.edgeTargets, fail: t.fail, terminal: t.terminal, outputLink: t.outputLink,
            patternLengths: t.patternLengths
        )
        // The root's transitions are checked, not read: the cells come
        // from the edges, which hold them too.
        self.init(
            alphabet: t.alphabet, edgeStart: t.edgeStart, edgeSymbols: t.edgeSymbols,
            edgeTargets: t.edgeTargets, fail: t.fail, terminal: t.terminal, outputLink: t.outputLink,
            patternLengths: t.patternLengths, bases: t.bases.isEmpty ? nil : t.bases
        )
        // Bases that put two states in one cell, or two edges of one state
        // on the same symbol, leave the automaton empty.
        if stateCount != t.fail.count { throw ArchiveError(description: "inconsistent automaton: states that share a cell") }
    }

    private static func validate(
        alphabet: Alphabet, rootNext: [Int32], edgeStart: [Int32], edgeSymbols: [UInt16],
        edgeTargets: [Int32], fail: [Int32], terminal: [Int32], outputLink: [Int32], patternLengths: [Int32]
    ) throws(ArchiveError) {
        func check(_ condition: Bool, _ what: @autoclosure () -> String) throws(ArchiveError) {
            if !condition { throw ArchiveError(description: "inconsistent automaton: \(what())") }
        }
        let states = fail.count
        let symbols = rootNext.count // symbol count + 1
        try check(states >= 1 && terminal.count == states && outputLink.count == states, "state tables")
        try check(edgeStart.count == states + 1 && edgeStart.first == 0 && Int(edgeStart[states]) == edgeSymbols.count, "edge index")
        try check(edgeTargets.count == edgeSymbols.count, "edge tables")
        try check(alphabet.symbolCount < symbols, "alphabet symbols")
        try check(rootNext.allSatisfy { $0 >= 0 && Int($0) < states }, "root transitions")
        for s in 0 ..< states where edgeStart[s] > edgeStart[s + 1] {
            try check(false, "edge index of state \(s)")
        }
        try check(edgeSymbols.allSatisfy { $0 > 0 && Int($0) < symbols }, "edge symbols")
        try check(patternLengths.allSatisfy { $0 >= 0 }, "pattern lengths")
        try check(terminal[0] == -1 && outputLink[0] == -1 && fail[0] >= 0 && Int(fail[0]) < states, "the root ends no pattern")
        // The edges form a tree rooted at state 0 (every other state reached
        // exactly once); links point strictly shallower, so the failure and
        // output walks end; a pattern's length is the depth of its state, so
        // no match starts before the text.
        let depth = try depths(states: states, edgeStart: edgeStart, edgeTargets: edgeTargets)
        if let v = firstStateWithBadLinks(depth: depth, fail: fail, terminal: terminal, outputLink: outputLink, patternLengths: patternLengths) {
            let f = Int(fail[v]), o = Int(outputLink[v])
            let what = !(f >= 0 && f < states && depth[f] < depth[v]) ? "failure link"
                : !(o >= -1 && o < states && (o < 0 || depth[o] < depth[v] && terminal[o] >= 0)) ? "output link" : "pattern"
            throw ArchiveError(description: "inconsistent automaton: \(what) of state \(v)")
        }
    }

    /// The first state (from 1) whose failure link or output link does not
    /// point to a shallower state (an output link: to one that ends a
    /// pattern), or whose pattern is out of range or not as long as the
    /// state is deep; nil when every state is consistent. One pass through
    /// raw buffers: this runs on every load of the built-in dictionaries.
    private static func firstStateWithBadLinks(
        depth: [Int32], fail: [Int32], terminal: [Int32], outputLink: [Int32], patternLengths: [Int32]
    ) -> Int? {
        let states = fail.count, patterns = patternLengths.count
        guard depth.count == states, terminal.count == states, outputLink.count == states else { return 0 }
        return depth.withUnsafeBufferPointer { depth in
            fail.withUnsafeBufferPointer { fail in
                terminal.withUnsafeBufferPointer { terminal in
                    outputLink.withUnsafeBufferPointer { outputLink in
                        patternLengths.withUnsafeBufferPointer { lengths in
                            for v in 1 ..< max(states, 1) {
                                let f = Int(fail[v]), o = Int(outputLink[v]), t = Int(terminal[v])
                                let d = depth[v]
                                guard f >= 0, f < states, depth[f] < d else { return v }
                                if o >= 0 {
                                    guard o < states, depth[o] < d, terminal[o] >= 0 else { return v }
                                } else if o != -1 {
                                    return v
                                }
                                if t >= 0 {
                                    guard t < patterns, lengths[t] == d else { return v }
                                } else if t != -1 {
                                    return v
                                }
                            }
                            return nil
                        }
                    }
                }
            }
        }
    }

    /// The depth of every state, checking that the edges form a tree rooted
    /// at state 0.
    ///
    /// An archive's states are numbered breadth first, so edge slot `k`
    /// leads to state `k + 1` and comes from a lower state: then each state
    /// but the root has one parent, numbered before it, and one sweep gives
    /// the depths. Other numberings take a breadth-first walk.
    private static func depths(states: Int, edgeStart: [Int32], edgeTargets: [Int32]) throws(ArchiveError) -> [Int32] {
        var depth = [Int32](repeating: 0, count: states)
        if edgeTargets.count + 1 == states, edgeStart.count == states + 1 {
            // Raw buffers: the edge index is checked monotonic and within
            // the edge tables before this runs, so every slot is in range.
            let ordered = depth.withUnsafeMutableBufferPointer { depth in
                edgeStart.withUnsafeBufferPointer { edgeStart in
                    edgeTargets.withUnsafeBufferPointer { edgeTargets in
                        for u in 0 ..< states {
                            let from = Int(edgeStart[u]), to = Int(edgeStart[u + 1])
                            guard from >= 0, from <= to, to <= edgeTargets.count else { return false }
                            let next = depth[u] + 1
                            for slot in from ..< to {
                                guard Int(edgeTargets[slot]) == slot + 1, slot + 1 > u else { return false }
                                depth[slot + 1] = next
                            }
                        }
                        return true
                    }
                }
            }
            if ordered { return depth }
            depth = [Int32](repeating: 0, count: states)
        }
        let walk = breadthFirstOrder(states: states, edgeStart: edgeStart, edgeTargets: edgeTargets)
        if let v = walk.revisited { throw ArchiveError(description: "inconsistent automaton: state \(v) reached twice") }
        guard walk.order.count == states else { throw ArchiveError(description: "inconsistent automaton: unreachable states") }
        for u in walk.order {
            for slot in Int(edgeStart[Int(u)]) ..< Int(edgeStart[Int(u) + 1]) {
                depth[Int(edgeTargets[slot])] = depth[Int(u)] + 1
            }
        }
        return depth
    }
}
