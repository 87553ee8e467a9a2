extension AhoCorasick {
    /// Appends the automaton as the scan reads it: the alphabet, the double
    /// array's cells, the output rows and the pattern lengths. Loading
    /// (``init(readingLaidOut:)``) reads them in place and checks them in
    /// linear passes, with no placement and no layout.
    func writeLaidOut(to writer: inout ByteWriter) {
        alphabet.write(to: &writer)
        writer.writeTable(cells)
        writer.writeTable(outputs)
        writer.writeTable(patternLengths)
    }

    /// The tables ``writeLaidOut(to:)`` writes, as read: views of the
    /// archive's bytes (on a little-endian machine), not checked. Checking
    /// them (``init(laidOut:)``) is a pass over every cell, which a caller
    /// can run on another thread while it reads what follows them.
    struct LaidOutTables: Sendable {
        var alphabet: Alphabet
        var cells: Table<Cell>
        var outputs: Table<Output>
        var patternLengths: Table<Int32>

        /// The number of patterns the tables claim (checked by ``AhoCorasick/init(laidOut:)``).
        var patternCount: Int { patternLengths.count }

        /// Reads tables written by ``AhoCorasick/writeLaidOut(to:)``.
        init(reading reader: inout ByteReader) throws(ArchiveError) {
            alphabet = try Alphabet(reading: &reader)
            cells = try reader.readTable()
            outputs = try reader.readTable()
            patternLengths = try reader.readTable()
        }
    }

    /// Reads tables written by ``writeLaidOut(to:)`` and checks them
    /// (``init(laidOut:)``).
    init(readingLaidOut reader: inout ByteReader) throws(ArchiveError) {
        try self.init(laidOut: try LaidOutTables(reading: &reader))
    }

    /// The automaton of laid-out tables read from an archive, checked
    /// first, since the scan loop reads them without bounds checks and
    /// follows their links without counting steps:
    ///
    /// - every base plus every symbol of the alphabet is a cell, and every
    ///   check, failure link and output row is in range;
    /// - the parents (checks) of the cells in use lead to the root, so
    ///   every state has a depth;
    /// - every state's failure link is a state less deep, so the failure
    ///   walk ends at the root;
    /// - every output row names a pattern and is as long as that pattern,
    ///   its next row comes before it and is shorter, and a state's first
    ///   row is no longer than the state is deep: the output walk ends, and
    ///   no match starts before the text.
    init(laidOut t: LaidOutTables) throws(ArchiveError) {
        let stateCount = try Self.checkLaidOut(t)
        alphabet = t.alphabet
        cells = t.cells
        outputs = t.outputs
        patternLengths = t.patternLengths
        tags = Table(Self.tags(of: t.cells))
        self.stateCount = stateCount
    }

    /// The number of states of laid-out tables, once they pass every check
    /// of ``init(laidOut:)``. One pass over the cells for ranges, one for
    /// depths (each cell's parent chain is walked once, its depth kept), one
    /// for links, and one over the output rows.
    private static func checkLaidOut(_ t: LaidOutTables) throws(ArchiveError) -> Int {
        func check(_ condition: Bool, _ what: @autoclosure () -> String) throws(ArchiveError) {
            if !condition { throw ArchiveError(description: "inconsistent automaton: \(what())") }
        }
        let cellCount = t.cells.count, rows = t.outputs.count, patterns = t.patternLengths.count
        let symbols = t.alphabet.symbolCount
        try check(cellCount > symbols, "\(cellCount) cells for \(symbols) symbols")
        try check(cellCount < Int(Int32.max), "too many cells")
        let states: Int? = t.cells.withUnsafeBufferPointer { cells in
            t.outputs.withUnsafeBufferPointer { outputs in
                t.patternLengths.withUnsafeBufferPointer { lengths in
                    laidOutStateCount(cells: cells, outputs: outputs, lengths: lengths, symbols: symbols)
                }
            }
        }
        guard let states else {
            throw ArchiveError(description: "inconsistent automaton: laid-out cells (\(cellCount) cells, \(rows) output rows, \(patterns) patterns)")
        }
        return states
    }

    /// The loop of ``checkLaidOut(_:)`` through raw buffers: the number of
    /// states, or nil at the first thing out of place.
    private static func laidOutStateCount(
        cells: UnsafeBufferPointer<Cell>, outputs: UnsafeBufferPointer<Output>, lengths: UnsafeBufferPointer<Int32>, symbols: Int
    ) -> Int? {
        let cellCount = cells.count, rows = outputs.count, patterns = lengths.count
        // Ranges: a base leaves room for every symbol; links and rows exist.
        let maxBase = cellCount - 1 - symbols
        guard cells[0].check == -1 else { return nil }
        for cell in cells {
            guard cell.base >= 0, Int(cell.base) <= maxBase,
                  cell.check >= -1, Int(cell.check) < cellCount,
                  cell.fail >= 0, Int(cell.fail) < cellCount,
                  cell.output >= -1, Int(cell.output) < rows else { return nil }
        }
        // Output rows: a pattern, its length, an earlier and shorter next row.
        for r in 0 ..< rows {
            let row = outputs[r]
            guard row.pattern >= 0, Int(row.pattern) < patterns, row.length >= 1, lengths[Int(row.pattern)] == row.length,
                  row.next >= -1, Int(row.next) < r else { return nil }
            if row.next >= 0, outputs[Int(row.next)].length >= row.length { return nil }
        }
        // Depths along the parent chains (-1: not yet known). A state is a
        // prefix of a pattern, so no chain is longer than the longest
        // pattern: a walk that goes further is a cycle or leads nowhere.
        var maxLength: Int32 = 0
        for length in lengths where length > maxLength { maxLength = length }
        // Two bytes a depth when the patterns allow (all real dictionaries):
        // the link pass reads the depths at random, and a table an eighth of
        // the cells' size stays in cache.
        if maxLength <= Int32(Int16.max) {
            return laidOutStates(cells: cells, outputs: outputs, maxLength: Int16(maxLength))
        }
        return laidOutStates(cells: cells, outputs: outputs, maxLength: maxLength)
    }

    /// The depth and link passes of ``laidOutStateCount(cells:outputs:lengths:symbols:)``
    /// (whose range passes came first), with depths of type `Depth`, which
    /// holds `maxLength`: the number of states, or nil.
    private static func laidOutStates<Depth: FixedWidthInteger & SignedInteger>(
        cells: UnsafeBufferPointer<Cell>, outputs: UnsafeBufferPointer<Output>, maxLength: Depth
    ) -> Int? {
        let cellCount = cells.count
        var depth = [Depth](repeating: -1, count: cellCount)
        var states = 1
        let ok = depth.withUnsafeMutableBufferPointer { depth -> Bool in
            depth[0] = 0
            for t in 1 ..< cellCount where cells[t].check >= 0 {
                states += 1
                guard depth[t] < 0 else { continue }
                // Up to the first state of known depth, counting the steps
                // (a parent that is free, not the root, is no state) ...
                var u = t
                var steps: Depth = 0
                while depth[u] < 0 {
                    let parent = Int(cells[u].check)
                    guard parent >= 0, steps < maxLength else { return false }
                    u = parent
                    steps += 1
                }
                // ... then down the same chain, setting each depth.
                guard depth[u] <= maxLength - steps else { return false }
                var d = depth[u] + steps
                u = t
                while depth[u] < 0 {
                    depth[u] = d
                    d -= 1
                    u = Int(cells[u].check)
                }
            }
            // Links: a failure link to a shallower state, a first row no
            // longer than the state is deep. Only the root and the states
            // have a depth (a chain through a free cell failed above), so
            // the depth alone tells that the link's target is a state,
            // without a read of its cell.
            for t in 1 ..< cellCount where cells[t].check >= 0 {
                let cell = cells[t], f = Int(cell.fail)
                guard depth[f] >= 0, depth[f] < depth[t] else { return false }
                if cell.output >= 0, Int64(outputs[Int(cell.output)].length) > Int64(depth[t]) { return false }
            }
            return cells[0].output == -1
        }
        return ok ? states : nil
    }
}

extension UnsafeRawBufferPointer {
    /// The little-endian `Int32` at byte `offset` (any alignment).
    @inline(__always)
    func int32(_ offset: Int) -> Int32 {
        Int32(littleEndian: loadUnaligned(fromByteOffset: offset, as: Int32.self))
    }
}
