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
    /// with the lowest id among equal patterns, every state in a cell of its
    /// own (the builder's tables are breadth first, or nothing would match).
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
            #expect(automaton.cells.filter { $0.check >= 0 }.count == automaton.stateCount - 1, "round \(round)")
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
            // Longest first: the first pattern offered at each end is the
            // longest ending there; refusing it offers the next longest.
            var longest: [[Int]] = [], secondLongest: [[Int]] = []
            text.withUnsafeBufferPointer { buffer in
                automaton.forEachLongestMatch(in: buffer) { id, start, end in
                    longest.append([id, start, end])
                    return true
                }
                var offered = 0, lastEnd = -1
                automaton.forEachLongestMatch(in: buffer) { id, start, end in
                    if end != lastEnd { offered = 0; lastEnd = end }
                    offered += 1
                    if offered == 2 { secondLongest.append([id, start, end]) }
                    return offered == 2
                }
            }
            let byEnd = Dictionary(grouping: expected, by: { $0[2] }).mapValues { $0.sorted { $0[1] < $1[1] } }
            #expect(longest == byEnd.keys.sorted().compactMap { byEnd[$0]?.first }, "round \(round)")
            #expect(secondLongest == byEnd.keys.sorted().compactMap { byEnd[$0].flatMap { $0.count > 1 ? $0[1] : nil } }, "round \(round)")
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
    /// has no room for is refused.
    @Test func archiveRefusesInconsistentAlphabets() {
        var builder = AhoCorasickBuilder()
        for p in ["医院", "科室", "AB"] { builder.add(p) }
        let automaton = builder.build()
        func loads(blocks: [UInt16]? = nil, symbols: [UInt16]? = nil) -> Bool {
            var writer = ByteWriter()
            writer.writeArray(blocks ?? automaton.alphabet.blocks)
            writer.writeArray(symbols ?? automaton.alphabet.symbols)
            writer.writeTable(automaton.cells)
            writer.writeTable(automaton.outputs)
            writer.writeTable(automaton.patternLengths)
            var reader = ByteReader(writer.bytes)
            return (try? AhoCorasick(readingLaidOut: &reader)) != nil
        }
        let blocks = automaton.alphabet.blocks, symbols = automaton.alphabet.symbols
        #expect(loads())
        #expect(!loads(blocks: Array(blocks.dropLast())))
        #expect(!loads(blocks: blocks.map { $0 == 0 ? 0 : UInt16(symbols.count / 256) }))
        #expect(!loads(symbols: [1] + symbols.dropFirst()))
        #expect(!loads(symbols: Array(symbols.dropLast())))
        #expect(!loads(symbols: symbols.map { $0 == 0 ? 0 : $0 + UInt16(automaton.cells.count) }))
    }
}
