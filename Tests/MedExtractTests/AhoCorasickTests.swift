import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

@Suite("Aho-Corasick automaton")
struct AhoCorasickTests {
    func matches(_ patterns: [String], in text: String) -> [String] {
        var builder = AhoCorasickBuilder()
        for p in patterns { builder.add(p) }
        let automaton = builder.build()
        let units = Array(text.utf16)
        var found: [String] = []
        units.withUnsafeBufferPointer { buffer in
            automaton.forEachMatch(in: buffer) { pattern, start, end in
                found.append("\(patterns[pattern])@\(start)-\(end)")
            }
        }
        return found.sorted()
    }

    /// Every match of `automaton` in `text` as [pattern, start, end], in scan order.
    static func matchTriples(_ automaton: AhoCorasick, in text: [UInt16]) -> [[Int]] {
        var found: [[Int]] = []
        text.withUnsafeBufferPointer { buffer in automaton.forEachMatch(in: buffer) { found.append([$0, $1, $2]) } }
        return found
    }

    /// Whether an archive of `automaton`'s tables loads, with the tables
    /// given here in place of its own (in the order ``AhoCorasick/write(to:)`` writes them).
    func archiveLoads(
        _ automaton: AhoCorasick, blocks: [UInt16]? = nil, symbols: [UInt16]? = nil, rootNext: [Int32]? = nil,
        edgeStart: [Int32]? = nil, edgeSymbols: [UInt16]? = nil, edgeTargets: [Int32]? = nil,
        fail: [Int32]? = nil, terminal: [Int32]? = nil, outputLink: [Int32]? = nil, bases: [Int32]? = nil
    ) -> Bool {
        loaded(
            automaton, blocks: blocks, symbols: symbols, rootNext: rootNext, edgeStart: edgeStart, edgeSymbols: edgeSymbols,
            edgeTargets: edgeTargets, fail: fail, terminal: terminal, outputLink: outputLink, bases: bases
        ) != nil
    }

    /// The automaton an archive of `automaton`'s tables loads as, with the
    /// tables given here in place of its own; nil when it is refused.
    func loaded(
        _ automaton: AhoCorasick, blocks: [UInt16]? = nil, symbols: [UInt16]? = nil, rootNext: [Int32]? = nil,
        edgeStart: [Int32]? = nil, edgeSymbols: [UInt16]? = nil, edgeTargets: [Int32]? = nil,
        fail: [Int32]? = nil, terminal: [Int32]? = nil, outputLink: [Int32]? = nil, bases: [Int32]? = nil
    ) -> AhoCorasick? {
        let c = automaton.columns
        var writer = ByteWriter()
        writer.writeArray(blocks ?? automaton.alphabet.blocks)
        writer.writeArray(symbols ?? automaton.alphabet.symbols)
        writer.writeArray(rootNext ?? c.rootNext)
        writer.writeArray(edgeStart ?? c.edgeStart)
        writer.writeArray(edgeSymbols ?? c.edgeSymbols)
        writer.writeArray(edgeTargets ?? c.edgeTargets)
        writer.writeArray(fail ?? c.fail)
        writer.writeArray(terminal ?? c.terminal)
        writer.writeArray(outputLink ?? c.outputLink)
        writer.writeArray(Array(automaton.patternLengths))
        writer.writeArray(bases ?? automaton.bases)
        var reader = ByteReader(writer.bytes)
        return try? AhoCorasick(reading: &reader)
    }

    @Test func findsOverlappingAndNestedPatterns() {
        let found = matches(["医院", "大医院", "晋城大医院", "骨科", "骨科医院", "院骨"], in: "晋城大医院骨科医院")
        #expect(found == ["医院@3-5", "医院@7-9", "大医院@2-5", "晋城大医院@0-5", "院骨@4-6", "骨科@5-7", "骨科医院@5-9"].sorted())
    }

    @Test func followsFailureLinksAcrossPartialMatches() {
        #expect(matches(["abcd", "bc", "c"], in: "abcabcd") == ["abcd@3-7", "bc@1-3", "bc@4-6", "c@2-3", "c@5-6"].sorted())
    }

    @Test func anchoredPrefixMatches() {
        var builder = AhoCorasickBuilder()
        for p in ["毫", "毫升", "毫米", "米"] { builder.add(p) }
        let automaton = builder.build()
        let units = Array("10毫升".utf16)
        let longest = units.withUnsafeBufferPointer { automaton.longestPrefixMatch(in: $0, from: 2) }
        #expect(longest?.pattern == 1)
        #expect(longest?.end == 4)
        #expect(units.withUnsafeBufferPointer { automaton.longestPrefixMatch(in: $0, from: 0) } == nil)
    }

    @Test func emptyAutomatonAndEmptyText() {
        #expect(matches([], in: "医院").isEmpty)
        #expect(matches(["医院"], in: "").isEmpty)
        #expect(matches([""], in: "abc").isEmpty)
    }

    @Test func duplicatePatternsKeepTheFirstId() {
        #expect(matches(["CT", "CT"], in: "CT") == ["CT@0-2"])
    }

    /// Random pattern sets over a three-letter alphabet (long shared
    /// prefixes, runs that agree past the builder's radix passes, duplicates,
    /// empty patterns), checked against a naive search: every occurrence,
    /// with the lowest id among equal patterns, and the breadth-first
    /// numbering the automaton keeps (edge slot k leads to state k + 1).
    /// Every other round adds one-unit patterns in 36 more high bytes, so
    /// that the alphabet keeps its flat table and the other scan loop runs.
    @Test func agreesWithNaiveSearchOnRandomPatternSets() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let letters: [UInt16] = [0x533B, 0x9662, 0x0041] // 医 院 A
        for round in 0 ..< 200 {
            let count = 1 + next(40)
            let wide: [UInt16] = round % 2 == 1 ? (1 ... 36).map { UInt16($0 << 8 | 0x21) } : []
            let patterns: [[UInt16]] = (0 ..< count).map { _ in (0 ..< next(9)).map { _ in letters[next(3)] } } + wide.map { [$0] }
            let text: [UInt16] = (0 ..< 60).map { _ in
                next(10) == 0 ? 0x0020 : !wide.isEmpty && next(8) == 0 ? wide[next(wide.count)] : letters[next(3)]
            }
            var builder = AhoCorasickBuilder()
            for p in patterns { builder.add(p) }
            let automaton = builder.build()
            #expect((automaton.alphabet.flat != nil) == !wide.isEmpty, "round \(round)")
            var found: [[Int]] = []
            text.withUnsafeBufferPointer { buffer in
                automaton.forEachMatch(in: buffer) { found.append([$0, $1, $2]) }
            }
            var expected: [[Int]] = []
            for end in 1 ... text.count {
                for start in 0 ..< end {
                    let window = Array(text[start ..< end])
                    if let id = patterns.firstIndex(of: window), !window.isEmpty { expected.append([id, start, end]) }
                }
            }
            #expect(found.sorted { $0.lexicographicallyPrecedes($1) } == expected.sorted { $0.lexicographicallyPrecedes($1) }, "round \(round)")
            let columns = automaton.columns
            #expect(columns.edgeTargets.indices.allSatisfy { Int(columns.edgeTargets[$0]) == $0 + 1 }, "round \(round)")
        }
    }

    /// An archived automaton whose edges are not a tree rooted at state 0
    /// (in breadth-first order or not) is refused, and one that is loads.
    @Test func archiveRefusesEdgesThatAreNotATree() throws {
        var builder = AhoCorasickBuilder()
        for p in ["ab", "ac", "b", "abc"] { builder.add(p) }
        let automaton = builder.build()
        func loads(editing edit: (inout [Int32], inout [Int32]) -> Void) -> Bool {
            let c = automaton.columns
            var edgeStart = c.edgeStart, targets = c.edgeTargets
            edit(&edgeStart, &targets)
            return archiveLoads(automaton, edgeStart: edgeStart, edgeTargets: targets)
        }
        #expect(loads { _, _ in })
        // Two edges to one state (and one state unreached).
        #expect(!loads { _, targets in targets[1] = targets[0] })
        // An edge back to the root.
        #expect(!loads { _, targets in targets[targets.count - 1] = 0 })
        // A state's edges moved to a later state: slot k still leads to k + 1,
        // but from a state numbered after it (a cycle, the root's part cut off).
        #expect(!loads { edgeStart, _ in for s in 1 ..< edgeStart.count - 1 { edgeStart[s] = 0 } })
    }
    /// The double array: every state in a cell of its own, found again
    /// from the archive's bases; bases that put two states in one cell,
    /// are negative or absurdly large, or are not one per state are refused.
    @Test func archiveRefusesBasesThatPutTwoStatesInOneCell() {
        var builder = AhoCorasickBuilder()
        for p in ["ab", "ac", "b", "abc", "ba", "cab"] { builder.add(p) }
        let automaton = builder.build()
        let bases = automaton.bases
        #expect(bases.count == automaton.stateCount)
        #expect(automaton.cells.filter { $0.check >= 0 }.count == automaton.stateCount - 1)
        #expect(archiveLoads(automaton))
        // Every base 0: the children of `a` land on the root's children.
        #expect(!archiveLoads(automaton, bases: bases.map { _ in 0 }))
        #expect(!archiveLoads(automaton, bases: Array(bases.dropLast())))
        #expect(!archiveLoads(automaton, bases: bases.map { $0 == 0 ? 0 : -1 }))
        #expect(!archiveLoads(automaton, bases: [Int32.max] + bases.dropFirst()))
        // No bases: placed at load, the same tables.
        #expect(archiveLoads(automaton, bases: []))
    }

    /// Any bases an archive is accepted with give the automaton the
    /// builder made: bases moved at random either are refused or still put
    /// every state in a cell of its own, and then find the same matches.
    @Test func acceptedBasesFindTheSameMatches() {
        var builder = AhoCorasickBuilder()
        let patterns = ["医院", "医院院", "院", "A医", "AA", "医A院", "院院院", "A院A", "医医"]
        for p in patterns { builder.add(p) }
        let automaton = builder.build()
        let text = Array("A医院院院医A院AA医院 院院院A医医A院A".utf16)
        func matches(_ a: AhoCorasick) -> [[Int]] { Self.matchTriples(a, in: text) }
        let expected = matches(automaton)
        #expect(expected.count >= 12)
        var random = SplitMix(state: 7)
        var accepted = 0, refused = 0
        for _ in 0 ..< 300 {
            var bases = automaton.bases
            let k = Int.random(in: 0 ..< bases.count, using: &random)
            bases[k] = Int32.random(in: -2 ... 40, using: &random)
            if let loaded = loaded(automaton, bases: bases) {
                accepted += 1
                #expect(matches(loaded) == expected, "base of state \(k): \(bases[k])")
            } else {
                refused += 1
            }
        }
        // Both outcomes occur, so neither branch is vacuous.
        #expect(accepted > 0 && refused > 0)
    }

    /// An archived automaton whose failure or output links do not point to a
    /// shallower state, or whose patterns do not match their states' depths,
    /// is refused (the scan follows those links without checks).
    @Test func archiveRefusesLinksThatDoNotPointShallower() {
        var builder = AhoCorasickBuilder()
        for p in ["abc", "bc", "c", "abd"] { builder.add(p) }
        let automaton = builder.build()
        let c = automaton.columns
        func loads(fail: [Int32]? = nil, terminal: [Int32]? = nil, outputLink: [Int32]? = nil) -> Bool {
            archiveLoads(automaton, fail: fail, terminal: terminal, outputLink: outputLink)
        }
        #expect(loads())
        let deepest = c.fail.count - 1 // states are breadth first: the last is deepest
        // A failure link to itself, to a deeper state, out of range.
        for bad: Int32 in [Int32(deepest), Int32(c.fail.count), -1] {
            var fail = c.fail
            fail[deepest] = bad
            #expect(!loads(fail: fail), "fail \(bad)")
            var shallow = c.fail
            shallow[1] = bad == -1 ? -1 : Int32(deepest)
            #expect(!loads(fail: shallow), "fail of state 1: \(shallow[1])")
        }
        // An output link to a state that ends no pattern, to itself, below -1.
        let plain = c.terminal.indices.first { $0 > 0 && c.terminal[$0] < 0 }
        let ending = c.terminal.indices.last { c.terminal[$0] >= 0 }
        #expect(plain != nil && ending != nil)
        if let plain, let ending {
            for bad in [Int32(plain), Int32(ending), -2, Int32(c.fail.count)] {
                var output = c.outputLink
                output[ending] = bad
                #expect(!loads(outputLink: output), "output link \(bad)")
            }
            // A pattern that does not end at its state's depth, or out of range.
            for bad in [c.terminal[ending] == 0 ? 1 : 0, Int32(automaton.patternLengths.count), -2] where bad != c.terminal[ending] {
                var terminal = c.terminal
                terminal[ending] = bad
                if bad >= 0, bad < automaton.patternLengths.count, automaton.patternLengths[Int(bad)] == automaton.patternLengths[Int(c.terminal[ending])] { continue }
                #expect(!loads(terminal: terminal), "pattern \(bad)")
            }
        }
    }

    /// An archive whose states are numbered in another order than breadth
    /// first (any trie rooted at state 0) loads renumbered and finds the same
    /// matches as the automaton it was written from.
    @Test func archiveInAnotherNumberingFindsTheSameMatches() {
        var builder = AhoCorasickBuilder()
        for p in ["医院", "医院院", "院", "A医", "AA", "医A院", "院院院"] { builder.add(p) }
        let automaton = builder.build()
        let c = automaton.columns
        let states = c.fail.count
        // new = states - old for every state but the root: the reverse order.
        func renamed(_ old: Int32) -> Int32 { old <= 0 ? old : Int32(states) - old }
        var edgeStart: [Int32] = [0]
        var symbols: [UInt16] = []
        var targets: [Int32] = []
        var fail: [Int32] = [], terminal: [Int32] = [], outputLink: [Int32] = []
        for new in 0 ..< states {
            let old = new == 0 ? 0 : states - new
            for slot in Int(c.edgeStart[old]) ..< Int(c.edgeStart[old + 1]) {
                symbols.append(c.edgeSymbols[slot])
                targets.append(renamed(c.edgeTargets[slot]))
            }
            edgeStart.append(Int32(symbols.count))
            fail.append(renamed(c.fail[old]))
            terminal.append(c.terminal[old])
            outputLink.append(renamed(c.outputLink[old]))
        }
        #expect(!targets.indices.allSatisfy { Int(targets[$0]) == $0 + 1 }, "the archive is not breadth first")
        var writer = ByteWriter()
        automaton.alphabet.write(to: &writer)
        writer.writeArray(c.rootNext.map { renamed($0) })
        writer.writeArray(edgeStart)
        writer.writeArray(symbols)
        writer.writeArray(targets)
        writer.writeArray(fail)
        writer.writeArray(terminal)
        writer.writeArray(outputLink)
        writer.writeArray(Array(automaton.patternLengths))
        writer.writeArray([Int32]()) // no bases: placed at load
        var reader = ByteReader(writer.bytes)
        let loaded = try? AhoCorasick(reading: &reader)
        #expect(loaded != nil)
        let text = Array("A医院院院医A院AA医院 院院院A医".utf16)
        func matches(_ a: AhoCorasick) -> [[Int]] { Self.matchTriples(a, in: text) }
        let expected = matches(automaton)
        #expect(expected.count >= 10)
        if let loaded {
            #expect(matches(loaded) == expected)
            let l = loaded.columns
            #expect(l.edgeStart == c.edgeStart && l.edgeSymbols == c.edgeSymbols && l.fail == c.fail && l.terminal == c.terminal && l.outputLink == c.outputLink)
        }
    }

    /// The two-level alphabet numbers the units of the patterns from 1 in
    /// ascending order, gives 0 to every other unit, and keeps blocks only
    /// for the high bytes in use; checked against a flat table on random
    /// unit sets, from a few units to thousands across the whole range.
    @Test func alphabetNumbersUnitsInAscendingOrder() {
        var random = SplitMix(state: 16)
        for size in [0, 1, 2, 7, 300, 5000] {
            var units = (0 ..< size).map { _ in UInt16.random(in: 0 ... UInt16.max, using: &random) }
            units += [0x533B, 0x9662, 0x0041] // 医 院 A
            let alphabet = Alphabet(numbering: units)
            let used = Array(Set(units)).sorted()
            var flatReference = [UInt16](repeating: 0, count: 65536)
            for (k, u) in used.enumerated() { flatReference[Int(u)] = UInt16(k + 1) }
            #expect(alphabet.symbolCount == used.count)
            #expect((0 ... 0xFFFF).allSatisfy { alphabet[UInt16($0)] == Int(flatReference[$0]) })
            #expect(alphabet.symbols.count == 256 * (1 + Set(units.map { $0 >> 8 }).count))
            let blocksInUse = alphabet.symbols.count / 256 - 1
            #expect((alphabet.flat != nil) == (blocksInUse >= Alphabet.flatFromBlocks))
            if let flat = alphabet.flat { #expect(flat == flatReference) }
        }
        #expect((0 ... 0xFFFF).allSatisfy { Alphabet.empty[UInt16($0)] == 0 } && Alphabet.empty.symbolCount == 0)
    }

    /// An archived alphabet with a block index out of range, a block 0 that
    /// is not all zeros, tables of the wrong size or a symbol the automaton
    /// has no transition for is refused.
    @Test func archiveRefusesInconsistentAlphabets() {
        var builder = AhoCorasickBuilder()
        for p in ["医院", "科室", "AB"] { builder.add(p) }
        let automaton = builder.build()
        func loads(blocks: [UInt16]? = nil, symbols: [UInt16]? = nil) -> Bool {
            archiveLoads(automaton, blocks: blocks, symbols: symbols)
        }
        let blocks = automaton.alphabet.blocks, symbols = automaton.alphabet.symbols
        #expect(loads())
        #expect(!loads(blocks: Array(blocks.dropLast())))
        #expect(!loads(blocks: blocks.map { $0 == 0 ? 0 : UInt16(symbols.count / 256) }))
        #expect(!loads(symbols: [1] + symbols.dropFirst()))
        #expect(!loads(symbols: Array(symbols.dropLast())))
        #expect(!loads(symbols: symbols.map { $0 == 0 ? 0 : $0 + UInt16(automaton.columns.rootNext.count) }))
    }
}
