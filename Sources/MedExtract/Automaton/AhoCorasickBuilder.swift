/// Builds an ``AhoCorasick`` automaton from a list of patterns.
///
/// Patterns are UTF-16 code-unit sequences; a pattern's id is its index in the
/// list. Empty patterns are ignored. Duplicate patterns keep the first id.
struct AhoCorasickBuilder: Sendable {
    private var patterns: [[UInt16]] = []

    /// Creates an empty builder.
    public init() {}

    /// Adds a pattern and returns its id.
    @discardableResult
    public mutating func add(_ pattern: [UInt16]) -> Int {
        patterns.append(pattern)
        return patterns.count - 1
    }

    /// Adds a string pattern (its UTF-16 code units) and returns its id.
    @discardableResult
    public mutating func add(_ pattern: String) -> Int {
        add(Array(pattern.utf16))
    }

    /// The number of patterns added.
    public var count: Int { patterns.count }

    /// Compiles the automaton, in four steps: a dense alphabet, the trie,
    /// its transitions in compressed-row form, then failure and output links.
    public func build() -> AhoCorasick {
        let (alphabet, symbolCount) = denseAlphabet()
        let trie = buildTrie(alphabet)
        let rows = TransitionRows(trie, symbolCount: symbolCount)
        var lengths = [Int32](repeating: 0, count: patterns.count)
        for (i, p) in patterns.enumerated() { lengths[i] = Int32(p.count) }
        let (fail, outputLink) = failureLinks(rows, terminal: trie.terminal)
        return AhoCorasick(
            alphabet: alphabet, rootNext: rows.rootNext, edgeStart: rows.edgeStart, edgeSymbols: rows.symbols,
            edgeTargets: rows.targets, fail: fail, terminal: trie.terminal, outputLink: outputLink, patternLengths: lengths
        )
    }

    /// Code unit → symbol, ascending by code unit so that sorted patterns give
    /// sorted transitions; symbol 0 is "in no pattern".
    private func denseAlphabet() -> (alphabet: [UInt16], symbolCount: Int) {
        var alphabet = [UInt16](repeating: 0, count: 65536)
        // Mark the units used, then number them in ascending order: by
        // sorting them when they are few (a document's aliases), else by one
        // sweep over all code units.
        var used: [UInt16] = []
        for p in patterns {
            for u in p where alphabet[Int(u)] == 0 {
                alphabet[Int(u)] = 1
                used.append(u)
            }
        }
        var symbolCount = 0
        if used.count < 4096 {
            for u in used.sorted() {
                symbolCount += 1
                alphabet[Int(u)] = UInt16(truncatingIfNeeded: symbolCount)
            }
        } else {
            for u in 0 ..< 65536 where alphabet[u] != 0 {
                symbolCount += 1
                alphabet[u] = UInt16(truncatingIfNeeded: symbolCount)
            }
        }
        return (alphabet, symbolCount)
    }

    /// The trie as a list of edges (parent, symbol, child) in creation order,
    /// and the pattern each state ends (the lowest id among duplicates).
    private struct Trie {
        var edgeParent: [Int32] = []
        var edgeSymbol: [UInt16] = []
        var edgeChild: [Int32] = []
        var terminal: [Int32] = [-1]
        var stateCount: Int { terminal.count }
    }

    /// Inserts the patterns in lexicographic order: each shares the path of
    /// its predecessor up to their common prefix, so the trie is built without
    /// per-node dictionaries.
    private func buildTrie(_ alphabet: [UInt16]) -> Trie {
        // All patterns in one pool, compared through one buffer: sorting
        // arrays of arrays would retain and release both at every comparison.
        var pool: [UInt16] = []
        pool.reserveCapacity(patterns.reduce(0) { $0 + $1.count })
        var starts: [Int] = [0]
        starts.reserveCapacity(patterns.count + 1)
        for p in patterns {
            pool.append(contentsOf: p)
            starts.append(pool.count)
        }
        var trie = Trie()
        pool.withUnsafeBufferPointer { pool in
            func units(_ id: Int) -> UnsafeBufferPointer<UInt16> { UnsafeBufferPointer(rebasing: pool[starts[id] ..< starts[id + 1]]) }
            let order = patterns.indices.filter { starts[$0 + 1] > starts[$0] }.sorted {
                units($0).lexicographicallyPrecedes(units($1))
            }
            var path: [Int32] = [0] // path[k] = state after k units of the previous pattern
            var previous = UnsafeBufferPointer<UInt16>(start: nil, count: 0)
            for id in order {
                let p = units(id)
                var lcp = 0
                while lcp < p.count && lcp < previous.count && p[lcp] == previous[lcp] { lcp += 1 }
                path.removeSubrange((lcp + 1)...)
                var state = path[lcp]
                for k in lcp ..< p.count {
                    let child = Int32(trie.terminal.count)
                    trie.terminal.append(-1)
                    trie.edgeParent.append(state)
                    trie.edgeSymbol.append(alphabet[Int(p[k])])
                    trie.edgeChild.append(child)
                    state = child
                    path.append(state)
                }
                if trie.terminal[Int(state)] < 0 || Int32(id) < trie.terminal[Int(state)] { trie.terminal[Int(state)] = Int32(id) }
                previous = p
            }
        }
        return trie
    }

    /// Transitions in compressed-row form, grouped by parent (stable: symbols
    /// stay sorted), plus the root's dense table.
    private struct TransitionRows {
        var edgeStart: [Int32]
        var symbols: [UInt16]
        var targets: [Int32]
        var rootNext: [Int32]

        init(_ trie: Trie, symbolCount: Int) {
            let stateCount = trie.stateCount
            edgeStart = [Int32](repeating: 0, count: stateCount + 1)
            for parent in trie.edgeParent { edgeStart[Int(parent) + 1] += 1 }
            for s in 0 ..< stateCount { edgeStart[s + 1] += edgeStart[s] }
            var fill = edgeStart
            symbols = [UInt16](repeating: 0, count: trie.edgeParent.count)
            targets = [Int32](repeating: 0, count: trie.edgeParent.count)
            for e in trie.edgeParent.indices {
                let parent = Int(trie.edgeParent[e])
                let slot = Int(fill[parent])
                fill[parent] += 1
                symbols[slot] = trie.edgeSymbol[e]
                targets[slot] = trie.edgeChild[e]
            }
            rootNext = [Int32](repeating: 0, count: symbolCount + 1)
            for slot in Int(edgeStart[0]) ..< Int(edgeStart[1]) {
                rootNext[Int(symbols[slot])] = targets[slot]
            }
        }

        /// The goto function: the child of `state` on `symbol`, or -1.
        func transition(_ state: Int, _ symbol: Int) -> Int {
            if state == 0 { return rootNext[symbol] == 0 ? -1 : Int(rootNext[symbol]) }
            var lo = Int(edgeStart[state])
            var hi = Int(edgeStart[state + 1])
            let s = UInt16(truncatingIfNeeded: symbol)
            while lo < hi {
                let mid = (lo + hi) >> 1
                if symbols[mid] == s { return Int(targets[mid]) }
                if symbols[mid] < s { lo = mid + 1 } else { hi = mid }
            }
            return -1
        }
    }

    /// Failure and output links, breadth first, over the goto function of `rows`.
    private func failureLinks(_ rows: TransitionRows, terminal: [Int32]) -> (fail: [Int32], outputLink: [Int32]) {
        let stateCount = terminal.count
        var fail = [Int32](repeating: 0, count: stateCount)
        var outputLink = [Int32](repeating: -1, count: stateCount)
        var queue: [Int32] = []
        queue.reserveCapacity(stateCount)
        for slot in Int(rows.edgeStart[0]) ..< Int(rows.edgeStart[1]) { queue.append(rows.targets[slot]) }
        var head = 0
        while head < queue.count {
            let u = Int(queue[head])
            head += 1
            for slot in Int(rows.edgeStart[u]) ..< Int(rows.edgeStart[u + 1]) {
                let v = Int(rows.targets[slot])
                let sym = Int(rows.symbols[slot])
                var f = Int(fail[u])
                var link = -1
                while true {
                    let t = rows.transition(f, sym)
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
        return (fail, outputLink)
    }
}
