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
}
