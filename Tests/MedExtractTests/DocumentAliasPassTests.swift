@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract
import Testing

/// The document alias pass applied to a text: which occurrences of the
/// document's aliases become candidates.
@Suite("Document alias pass")
struct DocumentAliasPassTests {
    static func state(_ aliases: [String: EntityLabel]) -> DocumentState {
        var state = DocumentState()
        for (alias, label) in aliases { state.aliases[alias] = (label, "全称" + alias) }
        return state
    }

    /// What the pass appends for `state` over `units` (after one candidate
    /// already there, which it must keep).
    static func candidates(_ state: DocumentState, _ units: [UInt16]) -> [Candidate] {
        let before = Candidate(start: 0, end: 1, label: .entity(.figure), priority: CandidatePriority.rule)
        var candidates = [before]
        DocumentAliasPass().apply(state, to: units, into: &candidates)
        #expect(candidates.first == before)
        return Array(candidates.dropFirst())
    }

    /// The direct search for a few aliases finds exactly what the automaton
    /// finds: texts and aliases drawn from a small alphabet (so that aliases
    /// overlap, nest, repeat and sit next to Latin letters and digits).
    @Test("direct search and automaton agree", arguments: 0 ..< 6)
    func directSearchMatchesTheAutomaton(seed: UInt64) {
        var random = SplitMix(state: 0xA11A5 &+ seed)
        let alphabet = Array("医院甲乙AB1".utf16)
        func draw(_ length: Int) -> [UInt16] { (0 ..< length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] } }
        for _ in 0 ..< 40 {
            var aliases = Set<[UInt16]>()
            let wanted = 1 + Int(random.next() % UInt64(DocumentAliasPass.directSearchLimit))
            while aliases.count < wanted { aliases.insert(draw(1 + Int(random.next() % 4))) }
            let sorted = aliases.map { String(utf16Units: $0[...]) }.sorted()
            let text = draw(Int(random.next() % 200))
            let searched = DocumentAliasPass.longestMatchesSearched(sorted.map { [UInt16](utf16Of: $0) }, in: text)
            let scanned = DocumentAliasPass.longestMatchesScanned(sorted, in: text)
            let order = { (a: (start: Int, end: Int, pattern: Int), b: (start: Int, end: Int, pattern: Int)) in a.start < b.start }
            #expect(searched.map { [$0.start, $0.end, $0.pattern] } == scanned.sorted(by: order).map { [$0.start, $0.end, $0.pattern] })
        }
    }

    @Test func everyOccurrenceOfAnAliasIsACandidate() {
        let text = Array("甲乙医院和丙丁医院，甲乙医院".utf16)
        let found = Self.candidates(Self.state(["甲乙医院": .hospital]), text)
        #expect(found.map { $0.start ..< $0.end } == [0 ..< 4, 10 ..< 14])
        #expect(found.allSatisfy { $0.attributes.canonical == "全称甲乙医院" && $0.attributes.source == "alias" })
    }

    /// Aliases inside longer ones at the same start give no candidate of
    /// their own, so a name repeated over and over gives one candidate a
    /// position, not one for every alias that ends there.
    @Test func onlyTheLongestAliasAtEachStart() {
        let aliases: [String: EntityLabel] = ["医院医院医院": .hospital, "医院医院": .hospital, "医院": .hospital]
        let text = Array(String(repeating: "医院", count: 5).utf16)
        let found = Self.candidates(Self.state(aliases), text)
        let starts = found.map(\.start)
        #expect(Set(starts).count == starts.count)
        #expect(found.first { $0.start == 0 }.map { $0.end } == 6)
        #expect(found.first { $0.start == 6 }.map { $0.end } == 10)
        // In the order the matches end.
        #expect(found.map(\.end) == found.map(\.end).sorted())
    }

    /// More aliases than the direct search takes go through the automaton
    /// (scanning from the end): still the longest alias at each start, and
    /// none that cuts a Latin word, whichever is longest.
    @Test func manyAliasesGiveTheLongestAtEachStart() {
        var aliases: [String: EntityLabel] = [:]
        for k in 1 ... 10 { aliases[String(repeating: "医院", count: k)] = .hospital }
        aliases["AB"] = .procedure
        aliases["AB医院"] = .hospital
        #expect(aliases.count > DocumentAliasPass.directSearchLimit)
        let text = Array((String(repeating: "医院", count: 12) + "，XAB医院，AB").utf16)
        let found = Self.candidates(Self.state(aliases), text)
        // Every even position of the repeated name starts an alias: the
        // longest that fits (at most ten repeats).
        for start in stride(from: 0, to: 24, by: 2) {
            let expected = start + 2 * min(10, (24 - start) / 2)
            #expect(found.filter { $0.start == start }.map(\.end) == [expected], "start \(start)")
        }
        #expect(!found.contains { $0.start % 2 == 1 && $0.start < 24 })
        // `AB医院` after `X` cuts `XAB`, and so would `AB`: neither is taken;
        // the last `AB` stands alone.
        #expect(!found.contains { $0.start == 26 })
        #expect(found.filter { $0.start == 31 }.map(\.end) == [33])
        #expect(found.map(\.end) == found.map(\.end).sorted())
    }

    @Test func lettersInsideAWordAreNotAnAlias() {
        let found = Self.candidates(Self.state(["LPD": .procedure]), Array("行LPD术，非XLPD".utf16))
        #expect(found.map { $0.start ..< $0.end } == [1 ..< 4])
    }
}
