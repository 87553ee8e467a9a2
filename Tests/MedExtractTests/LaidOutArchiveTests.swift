import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

/// The laid-out archive of an automaton (``AhoCorasick/writeLaidOut(to:)``):
/// it loads as the automaton it was written from, and tables that would let
/// the scan read out of bounds, loop or report a match before the text are
/// refused.
@Suite("Aho-Corasick laid-out archive")
struct LaidOutArchiveTests {
    static func automaton(_ patterns: [String]) -> AhoCorasick {
        var builder = AhoCorasickBuilder()
        for p in patterns { builder.add(p) }
        return builder.build()
    }

    static func bytes(of automaton: AhoCorasick) -> [UInt8] {
        var writer = ByteWriter()
        automaton.writeLaidOut(to: &writer)
        return writer.bytes
    }

    /// The automaton the bytes load as, or nil when they are refused.
    static func load(_ bytes: [UInt8]) -> AhoCorasick? {
        var reader = ByteReader(bytes)
        guard let loaded = try? AhoCorasick(readingLaidOut: &reader), reader.isAtEnd else { return nil }
        return loaded
    }

    /// The automaton an archive of `automaton` loads as after `edit` changes
    /// its tables, or nil when it is refused.
    static func loaded(_ automaton: AhoCorasick, editing edit: (inout [AhoCorasick.Cell], inout [AhoCorasick.Output]) -> Void) -> AhoCorasick? {
        var reader = ByteReader(bytes(of: automaton))
        guard var tables = try? AhoCorasick.LaidOutTables(reading: &reader) else { return nil }
        var cells = Array(tables.cells), outputs = Array(tables.outputs)
        edit(&cells, &outputs)
        tables.cells = Table(cells)
        tables.outputs = Table(outputs)
        return try? AhoCorasick(laidOut: tables)
    }

    /// Whether an archive of `automaton` is refused after `edit` changes its tables.
    static func refuses(_ automaton: AhoCorasick, editing edit: (inout [AhoCorasick.Cell], inout [AhoCorasick.Output]) -> Void) -> Bool {
        loaded(automaton, editing: edit) == nil
    }

    static func collect(_ automaton: AhoCorasick, _ text: [UInt16]) -> [[Int]] {
        var found: [[Int]] = []
        text.withUnsafeBufferPointer { buffer in automaton.forEachMatch(in: buffer) { found.append([$0, $1, $2]) } }
        return found
    }

    /// Random pattern sets (shared prefixes, duplicates, empty patterns, a
    /// wide alphabet every other round): the loaded automaton has the same
    /// cells, rows and states, and finds the same matches in random text.
    @Test func roundTripsRandomPatternSets() {
        var random = SplitMix(state: 41)
        let letters: [UInt16] = [0x533B, 0x9662, 0x0041, 0x79D1] // 医 院 A 科
        for round in 0 ..< 120 {
            var builder = AhoCorasickBuilder()
            let count = 1 + Int.random(in: 0 ..< 30, using: &random)
            for _ in 0 ..< count {
                builder.add((0 ..< Int.random(in: 0 ..< 8, using: &random)).map { _ in letters[Int.random(in: 0 ..< 4, using: &random)] })
            }
            if round % 2 == 1 { for high in 1 ... 36 { builder.add([UInt16(high << 8 | 0x21)]) } }
            let automaton = builder.build()
            guard let loaded = Self.load(Self.bytes(of: automaton)) else {
                Issue.record("round \(round): refused")
                continue
            }
            #expect(loaded.stateCount == automaton.stateCount, "round \(round)")
            #expect(loaded.cells.map(\.base) == automaton.cells.map(\.base) && loaded.cells.map(\.check) == automaton.cells.map(\.check))
            #expect(loaded.cells.map(\.fail) == automaton.cells.map(\.fail) && loaded.cells.map(\.output) == automaton.cells.map(\.output))
            #expect(loaded.outputs.map(\.pattern) == automaton.outputs.map(\.pattern) && loaded.outputs.map(\.next) == automaton.outputs.map(\.next))
            #expect(loaded.tags == automaton.tags && loaded.patternLengths == automaton.patternLengths)
            let text = (0 ..< 80).map { _ in Int.random(in: 0 ..< 9, using: &random) == 0 ? 0x0020 : letters[Int.random(in: 0 ..< 4, using: &random)] }
            #expect(Self.collect(loaded, text) == Self.collect(automaton, text), "round \(round)")
        }
    }

    /// An empty automaton (no patterns) round-trips and matches nothing.
    @Test func roundTripsAnEmptyAutomaton() {
        let empty = Self.automaton([])
        let loaded = Self.load(Self.bytes(of: empty))
        #expect(loaded != nil)
        if let loaded { #expect(Self.collect(loaded, Array("医院".utf16)).isEmpty) }
    }

    /// Every cut of the archive short of its end is refused.
    @Test func refusesTruncatedArchives() {
        let bytes = Self.bytes(of: Self.automaton(["医院", "院", "科室"]))
        #expect(Self.load(bytes) != nil)
        for cut in 0 ..< bytes.count { #expect(Self.load(Array(bytes[..<cut])) == nil, "cut at \(cut)") }
    }

    /// Cells whose base leaves no room for a symbol, or whose check, link
    /// or row is out of range, are refused.
    @Test func refusesCellsOutOfRange() {
        let automaton = Self.automaton(["abc", "bc", "c", "abd"])
        let count = Int32(automaton.cells.count)
        #expect(!Self.refuses(automaton) { _, _ in })
        let edits: [(String, (inout [AhoCorasick.Cell]) -> Void)] = [
            ("base past the end", { $0[0].base = count }),
            ("negative base", { $0[1].base = -1 }),
            ("check past the end", { $0[$0.count - 1].check = count }),
            ("check below -1", { $0[1].check = -2 }),
            ("fail past the end", { $0[2].fail = count }),
            ("negative fail", { $0[2].fail = -1 }),
            ("output past the rows", { $0[1].output = Int32(automaton.outputs.count) }),
            ("root with a parent", { $0[0].check = 1 }),
            ("root reporting a pattern", { $0[0].output = 0 }),
        ]
        for (what, edit) in edits {
            #expect(Self.refuses(automaton) { cells, _ in edit(&cells) }, "\(what)")
        }
        #expect(Self.refuses(automaton) { cells, _ in cells = Array(cells.prefix(automaton.alphabet.symbolCount)) }, "fewer cells than symbols")
    }

    /// Parents that loop or lead to a free cell, and failure links that do
    /// not lead to a shallower state, are refused: the scan follows them
    /// without counting.
    @Test func refusesParentCyclesAndDeepFailureLinks() {
        let automaton = Self.automaton(["abc", "bc", "c", "abd"])
        let states = automaton.cells.indices.filter { $0 > 0 && automaton.cells[$0].check >= 0 }
        let deepest = states.max { Self.depth(of: $0, automaton) < Self.depth(of: $1, automaton) } ?? 0
        #expect(deepest > 0 && Self.depth(of: deepest, automaton) == 3)
        // The deepest state its own parent; two states each other's.
        #expect(Self.refuses(automaton) { cells, _ in cells[deepest].check = Int32(deepest) })
        let parent = Int(automaton.cells[deepest].check)
        #expect(parent > 0)
        #expect(Self.refuses(automaton) { cells, _ in cells[parent].check = Int32(deepest) })
        // A free cell added at the end (valid as such) as a parent or a failure link.
        let free = AhoCorasick.Cell(base: 0, check: -1, fail: 0, output: -1)
        #expect(!Self.refuses(automaton) { cells, _ in cells.append(free) })
        #expect(Self.refuses(automaton) { cells, _ in cells.append(free); cells[deepest].check = Int32(cells.count - 1) }, "parent is a free cell")
        #expect(Self.refuses(automaton) { cells, _ in cells.append(free); cells[deepest].fail = Int32(cells.count - 1) }, "failure link to a free cell")
        // A failure link to itself, to a state as deep, to a deeper one.
        for other in states where Self.depth(of: other, automaton) >= Self.depth(of: states[0], automaton) {
            #expect(Self.refuses(automaton) { cells, _ in cells[states[0]].fail = Int32(other) }, "fail to \(other)")
        }
    }

    /// Output rows that name no pattern, are not as long as it, loop, grow
    /// along the chain, or are longer than their state is deep are refused.
    @Test func refusesInconsistentOutputRows() {
        let automaton = Self.automaton(["abc", "bc", "c", "abd"])
        let rows = automaton.outputs.count
        let chained = automaton.outputs.indices.first { automaton.outputs[$0].next >= 0 }
        #expect(rows >= 4 && chained != nil)
        let edits: [(String, (inout [AhoCorasick.Output]) -> Void)] = [
            ("pattern out of range", { $0[0].pattern = Int32(automaton.patternCount) }),
            ("negative pattern", { $0[0].pattern = -1 }),
            ("length not the pattern's", { $0[0].length += 1 }),
            ("next row itself", { $0[rows - 1].next = Int32(rows - 1) }),
            ("next row later", { $0[0].next = Int32(rows - 1) }),
            ("next below -1", { $0[0].next = -2 }),
        ]
        for (what, edit) in edits {
            #expect(Self.refuses(automaton) { _, outputs in edit(&outputs) }, "\(what)")
        }
        // A next row before it but not shorter (a chain that would not end
        // at shorter patterns).
        let pair = automaton.outputs.indices.lazy.flatMap { r in (0 ..< r).lazy.map { (r, $0) } }
            .first { automaton.outputs[$0.1].length >= automaton.outputs[$0.0].length }
        #expect(pair != nil)
        if let (r, q) = pair {
            #expect(Self.refuses(automaton) { _, outputs in outputs[r].next = Int32(q) }, "next row \(q) of row \(r) as long")
        }
        // A state's first row longer than the state is deep: the pattern
        // would start before the text.
        let shallow = automaton.cells.indices.first { $0 > 0 && automaton.cells[$0].check == 0 }
        let longRow = automaton.outputs.indices.first { automaton.outputs[$0].length == 3 }
        if let shallow, let longRow {
            #expect(Self.refuses(automaton) { cells, _ in cells[shallow].output = Int32(longRow) })
        } else {
            Issue.record("no state of depth 1 or no row of length 3")
        }
    }

    /// Random bytes changed in an archive either make it refused or give an
    /// automaton whose scan stays in the text: every match starts at or
    /// after 0, ends after it starts and at most at the text's end, and
    /// names a pattern there is.
    @Test func corruptedArchivesNeverMisbehave() {
        let automaton = Self.automaton(["医院", "医院院", "院", "A医", "AA", "医A院", "院院院", "科", "科室"])
        let bytes = Self.bytes(of: automaton)
        let text = Array("A医院院院医A院AA医院 院院院A科室医".utf16)
        var random = SplitMix(state: 3)
        var accepted = 0, refused = 0
        for _ in 0 ..< 2000 {
            var damaged = bytes
            for _ in 0 ..< Int.random(in: 1 ... 3, using: &random) {
                damaged[Int.random(in: 0 ..< damaged.count, using: &random)] = UInt8.random(in: 0 ... 255, using: &random)
            }
            guard let loaded = Self.load(damaged) else {
                refused += 1
                continue
            }
            accepted += 1
            for match in Self.collect(loaded, text) {
                #expect(match[1] >= 0 && match[1] < match[2] && match[2] <= text.count && match[0] < loaded.patternCount)
            }
        }
        #expect(accepted > 0 && refused > 0)
    }

    /// The depth of the state in cell `cell`: the length of its parent chain.
    static func depth(of cell: Int, _ automaton: AhoCorasick) -> Int {
        var d = 0
        var c = cell
        while c > 0 {
            c = Int(automaton.cells[c].check)
            d += 1
        }
        return d
    }
}
