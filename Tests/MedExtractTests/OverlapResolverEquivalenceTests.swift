import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

/// The optimised resolver keeps exactly the candidates the straightforward
/// formulation of its policy keeps (the reference below is the resolver as it
/// was before it sorted indices instead of candidates).
@Suite("Overlap resolver equivalence")
struct OverlapResolverEquivalenceTests {
    static func reference(_ candidates: [Candidate], length: Int) -> [Candidate] {
        var entities: [Candidate] = []
        var ignores: [Candidate] = []
        for candidate in candidates where candidate.start >= 0 && candidate.end <= length && candidate.start < candidate.end {
            if case .entity = candidate.label { entities.append(candidate) } else { ignores.append(candidate) }
        }
        if !ignores.isEmpty {
            entities.sort { $0.start < $1.start }
            var removed = [Bool](repeating: false, count: entities.count)
            for ignore in ignores {
                for (i, e) in entities.enumerated() where e.start >= ignore.start && e.start < ignore.end {
                    if e.end <= ignore.end && (e.length < ignore.length || e.priority <= ignore.priority) { removed[i] = true }
                }
            }
            entities = entities.indices.filter { !removed[$0] }.map { entities[$0] }
        }
        let ranked = entities.sorted { a, b in
            if a.length != b.length { return a.length > b.length }
            if a.priority != b.priority { return a.priority > b.priority }
            if a.start != b.start { return a.start < b.start }
            return a.label.description < b.label.description
        }
        var taken = [Bool](repeating: false, count: length)
        var kept: [Candidate] = []
        for candidate in ranked {
            if (candidate.start ..< candidate.end).contains(where: { taken[$0] }) { continue }
            for i in candidate.start ..< candidate.end { taken[i] = true }
            kept.append(candidate)
        }
        return kept.sorted { $0.start < $1.start }
    }

    @Test("same result as the reference on random candidate sets", arguments: 0 ..< 8)
    func randomCandidates(seed: UInt64) {
        var random = SplitMix(state: seed)
        let labels: [DictionaryLabel] = [.entity(.hospital), .entity(.department), .entity(.procedure), .entity(.figure), .ignore]
        for _ in 0 ..< 300 {
            let length = Int.random(in: 0 ... 40, using: &random)
            let count = Int.random(in: 0 ... 30, using: &random)
            var candidates: [Candidate] = []
            for n in 0 ..< count {
                // Some out-of-range and empty spans too; few distinct
                // priorities so that ties are common; the canonical tells
                // otherwise identical candidates apart.
                let start = Int.random(in: -2 ... length + 1, using: &random)
                let end = start + Int.random(in: -1 ... 8, using: &random)
                candidates.append(Candidate(
                    start: start, end: end, label: labels.randomElement(using: &random) ?? .ignore,
                    attributes: EntityAttributes(canonical: "c\(n)"),
                    priority: [10, 30, 40].randomElement(using: &random) ?? 10
                ))
            }
            let expected = Self.reference(candidates, length: max(length, 0))
            #expect(OverlapResolver().resolve(candidates, length: max(length, 0)) == expected)
            // Moving the kept candidates out gives the same entities, and
            // putting them back restores the input exactly.
            var pool = candidates
            let (kept, indices) = OverlapResolver().take(from: &pool, length: max(length, 0))
            #expect(kept == expected)
            #expect(indices.allSatisfy { pool[$0] == OverlapResolver.placeholder })
            OverlapResolver().restore(kept, at: indices, into: &pool)
            #expect(pool == candidates)
        }
    }

    /// Spans longer than 255 units and priorities outside −128…127 do not
    /// fit the resolver's one-integer sort key: a set with one of them is
    /// ranked field by field, and must keep what the reference keeps.
    @Test("same result as the reference when a key does not fit one integer", arguments: 0 ..< 4)
    func wideCandidates(seed: UInt64) {
        var random = SplitMix(state: seed)
        let labels: [DictionaryLabel] = [.entity(.hospital), .entity(.procedure), .entity(.figure), .ignore]
        for _ in 0 ..< 100 {
            let length = Int.random(in: 300 ... 700, using: &random)
            var candidates: [Candidate] = []
            for n in 0 ..< Int.random(in: 1 ... 40, using: &random) {
                let start = Int.random(in: 0 ..< length, using: &random)
                // Mostly short spans; now and then one of hundreds of units.
                let span = Int.random(in: 0 ..< 10, using: &random) == 0 ? Int.random(in: 200 ... 400, using: &random) : Int.random(in: 1 ... 6, using: &random)
                candidates.append(Candidate(
                    start: start, end: min(length, start + span), label: labels.randomElement(using: &random) ?? .ignore,
                    attributes: EntityAttributes(canonical: "w\(n)"),
                    priority: [10, 40, -500, 1000].randomElement(using: &random) ?? 10
                ))
            }
            #expect(OverlapResolver().resolve(candidates, length: length) == Self.reference(candidates, length: length))
        }
    }
}
