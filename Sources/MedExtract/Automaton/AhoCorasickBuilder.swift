/// Builds an ``AhoCorasick`` automaton from a list of patterns.
///
/// Patterns are UTF-16 code-unit sequences; a pattern's id is its index in the
/// list. Empty patterns are ignored. Duplicate patterns keep the first id.
struct AhoCorasickBuilder: Sendable {
    private var patterns: [[UInt16]] = []

    /// Creates an empty builder.
    init() {}

    /// Adds a pattern and returns its id.
    @discardableResult
    mutating func add(_ pattern: [UInt16]) -> Int {
        patterns.append(pattern)
        return patterns.count - 1
    }

    /// Adds a string pattern (its UTF-16 code units) and returns its id.
    @discardableResult
    mutating func add(_ pattern: String) -> Int {
        add(Array(pattern.utf16))
    }

    /// The number of patterns added.
    var count: Int { patterns.count }

    /// Compiles the automaton.
    func build() -> AhoCorasick {
        // Dense alphabet, ascending by code unit so that sorted patterns give
        // sorted transitions.
        var present = [Bool](repeating: false, count: 65536)
        for p in patterns { for u in p { present[Int(u)] = true } }
        var alphabet = [UInt16](repeating: 0, count: 65536)
        var symbolCount = 0
        for u in 0 ..< 65536 where present[u] {
            symbolCount += 1
            alphabet[u] = UInt16(truncatingIfNeeded: symbolCount)
        }

        // Insert the patterns in lexicographic order: each shares the path of
        // its predecessor up to their common prefix, so the trie is built
        // without per-node dictionaries.
        let order = patterns.indices.filter { !patterns[$0].isEmpty }.sorted {
            patterns[$0].lexicographicallyPrecedes(patterns[$1])
        }
        var edgeParent: [Int32] = []
        var edgeSymbol: [UInt16] = []
        var edgeChild: [Int32] = []
        var terminal: [Int32] = [-1]
        var path: [Int32] = [0] // path[k] = state after k units of the previous pattern
        var previous: [UInt16] = []
        for id in order {
            let p = patterns[id]
            var lcp = 0
            while lcp < p.count && lcp < previous.count && p[lcp] == previous[lcp] { lcp += 1 }
            path.removeSubrange((lcp + 1)...)
            var state = path[lcp]
            for k in lcp ..< p.count {
                let child = Int32(terminal.count)
                terminal.append(-1)
                edgeParent.append(state)
                edgeSymbol.append(alphabet[Int(p[k])])
                edgeChild.append(child)
                state = child
                path.append(state)
            }
            if terminal[Int(state)] < 0 || Int32(id) < terminal[Int(state)] { terminal[Int(state)] = Int32(id) }
            previous = p
        }
        let stateCount = terminal.count

        // Transitions in CSR form, grouped by parent (stable: symbols stay sorted).
        var edgeStart = [Int32](repeating: 0, count: stateCount + 1)
        for parent in edgeParent { edgeStart[Int(parent) + 1] += 1 }
        for s in 0 ..< stateCount { edgeStart[s + 1] += edgeStart[s] }
        var fill = edgeStart
        var symbols = [UInt16](repeating: 0, count: edgeParent.count)
        var targets = [Int32](repeating: 0, count: edgeParent.count)
        for e in edgeParent.indices {
            let parent = Int(edgeParent[e])
            let slot = Int(fill[parent])
            fill[parent] += 1
            symbols[slot] = edgeSymbol[e]
            targets[slot] = edgeChild[e]
        }
        var rootNext = [Int32](repeating: 0, count: symbolCount + 1)
        for slot in Int(edgeStart[0]) ..< Int(edgeStart[1]) {
            rootNext[Int(symbols[slot])] = targets[slot]
        }

        var lengths = [Int32](repeating: 0, count: patterns.count)
        for (i, p) in patterns.enumerated() { lengths[i] = Int32(p.count) }

        var automaton = AhoCorasick(
            alphabet: alphabet, rootNext: rootNext, edgeStart: edgeStart, edgeSymbols: symbols,
            edgeTargets: targets, fail: [Int32](repeating: 0, count: stateCount), terminal: terminal,
            outputLink: [Int32](repeating: -1, count: stateCount), patternLengths: lengths
        )

        // Failure and output links, breadth first.
        var fail = [Int32](repeating: 0, count: stateCount)
        var outputLink = [Int32](repeating: -1, count: stateCount)
        var queue: [Int32] = []
        queue.reserveCapacity(stateCount)
        for slot in Int(edgeStart[0]) ..< Int(edgeStart[1]) { queue.append(targets[slot]) }
        var head = 0
        while head < queue.count {
            let u = Int(queue[head])
            head += 1
            for slot in Int(edgeStart[u]) ..< Int(edgeStart[u + 1]) {
                let v = Int(targets[slot])
                let sym = Int(symbols[slot])
                var f = Int(fail[u])
                var link = -1
                while true {
                    let t = automaton.transition(f, sym)
                    if t >= 0 { link = t; break }
                    if f == 0 { break }
                    f = Int(fail[f])
                }
                let fv = link >= 0 ? link : 0
                fail[v] = Int32(fv)
                outputLink[v] = terminal[fv] >= 0 ? Int32(fv) : outputLink[fv]
                queue.append(Int32(v))
            }
        }
        automaton = AhoCorasick(
            alphabet: alphabet, rootNext: rootNext, edgeStart: edgeStart, edgeSymbols: symbols,
            edgeTargets: targets, fail: fail, terminal: terminal, outputLink: outputLink, patternLengths: lengths
        )
        return automaton
    }
}
