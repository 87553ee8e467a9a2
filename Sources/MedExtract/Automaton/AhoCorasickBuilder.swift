/// Builds an ``AhoCorasick`` automaton from a list of patterns.
///
/// Patterns are UTF-16 code-unit sequences; a pattern's id is its index in the
/// list. Empty patterns are ignored. Duplicate patterns keep the first id.
struct AhoCorasickBuilder: Sendable {
    /// Every pattern's code units, pattern after pattern (one array, not an
    /// array per pattern).
    private var pool: [UInt16] = []
    /// `pool[starts[id] ..< starts[id + 1]]` is pattern `id`.
    private var starts: [Int] = [0]

    /// Creates an empty builder.
    public init() {}

    /// Adds a pattern and returns its id.
    @discardableResult
    public mutating func add(_ pattern: some Collection<UInt16>) -> Int {
        pool.append(contentsOf: pattern)
        starts.append(pool.count)
        return starts.count - 2
    }

    /// Adds a string pattern (its UTF-16 code units) and returns its id.
    @discardableResult
    public mutating func add(_ pattern: String) -> Int {
        add(pattern.utf16)
    }

    /// The number of patterns added.
    public var count: Int { starts.count - 1 }

    /// Compiles the automaton, in four steps: a dense alphabet, the patterns
    /// sorted, the trie built depth by depth (so its states come out in
    /// breadth-first order, as the automaton keeps them), then failure and
    /// output links.
    public func build() -> AhoCorasick {
        let alphabet = Alphabet(numbering: pool)
        let symbolCount = alphabet.symbolCount
        let sorted = SortedPatterns(pool: pool, starts: starts, alphabet: alphabet, symbolCount: symbolCount)
        let trie = Trie(sorted)
        let rows = TransitionRows(trie, symbolCount: symbolCount)
        let lengths = (0 ..< count).map { Int32(starts[$0 + 1] - starts[$0]) }
        let (fail, outputLink) = failureLinks(rows, trie: trie)
        return AhoCorasick(
            alphabet: alphabet, edgeStart: rows.edgeStart, edgeSymbols: rows.symbols,
            edgeTargets: rows.targets, fail: fail, terminal: trie.terminal, outputLink: outputLink, patternLengths: lengths
        )
    }

    /// The non-empty patterns as symbols in one pool, in lexicographic order,
    /// with the length of the prefix each shares with the one before it.
    private struct SortedPatterns {
        /// Every pattern's symbols, pattern after pattern (in id order).
        var pool: [UInt16]
        /// `pool[starts[id] ..< starts[id + 1]]` is pattern `id`.
        var starts: [Int]
        /// The ids of the non-empty patterns, sorted by their symbols.
        var order: [Int32] = []
        /// `lcp[k]`: the common prefix of `order[k - 1]` and `order[k]` (0 for k = 0).
        var lcp: [Int32] = []

        /// Sorts the patterns of `pool` (code units) cut at `starts`.
        init(pool units: [UInt16], starts: [Int], alphabet: Alphabet, symbolCount: Int) {
            pool = units.map { UInt16(truncatingIfNeeded: alphabet[$0]) }
            self.starts = starts
            let nonEmpty = (0 ..< starts.count - 1).compactMap { starts[$0 + 1] > starts[$0] ? Int32($0) : nil }
            order = Self.sorted(nonEmpty, pool: pool, starts: starts, symbolCount: symbolCount)
            lcp = [Int32](repeating: 0, count: order.count)
            pool.withUnsafeBufferPointer { pool in
                for k in order.indices.dropFirst() {
                    let a = symbols(pool, order[k - 1]), b = symbols(pool, order[k])
                    var n = 0
                    while n < a.count && n < b.count && a[n] == b[n] { n += 1 }
                    lcp[k] = Int32(n)
                }
            }
        }

        /// Pattern `id`'s symbols.
        func symbols(_ pool: UnsafeBufferPointer<UInt16>, _ id: Int32) -> UnsafeBufferPointer<UInt16> {
            Self.symbols(pool, starts, id)
        }

        /// Pattern `id`'s symbols in `pool`.
        static func symbols(_ pool: UnsafeBufferPointer<UInt16>, _ starts: [Int], _ id: Int32) -> UnsafeBufferPointer<UInt16> {
            UnsafeBufferPointer(rebasing: pool[starts[Int(id)] ..< starts[Int(id) + 1]])
        }

        /// How many leading symbols the radix passes sort by.
        static let radixDepth = 4

        /// `order` sorted: a stable counting sort on each of the first
        /// ``radixDepth`` symbols (last first; 0 past a pattern's end, which
        /// no symbol is, so a prefix sorts first), then a comparison sort of
        /// each run that agrees on all of them and has longer patterns.
        /// Linear in the patterns' total length but for those runs, which
        /// natural vocabulary keeps short.
        static func sorted(_ order: [Int32], pool: [UInt16], starts: [Int], symbolCount: Int) -> [Int32] {
            guard order.count > 1 else { return order }
            var order = order
            var scratch = [Int32](repeating: 0, count: order.count)
            var counts = [Int](repeating: 0, count: symbolCount + 2)
            pool.withUnsafeBufferPointer { pool in
                func symbol(_ id: Int32, _ k: Int) -> Int {
                    let at = starts[Int(id)] + k
                    return at < starts[Int(id) + 1] ? Int(pool[at]) : 0
                }
                for k in (0 ..< Self.radixDepth).reversed() {
                    for i in counts.indices { counts[i] = 0 }
                    for id in order { counts[symbol(id, k) + 1] += 1 }
                    for i in 1 ..< counts.count { counts[i] += counts[i - 1] }
                    for id in order {
                        let s = symbol(id, k)
                        scratch[counts[s]] = id
                        counts[s] += 1
                    }
                    swap(&order, &scratch)
                }
                var runStart = 0
                while runStart < order.count {
                    var runEnd = runStart + 1
                    var longer = starts[Int(order[runStart]) + 1] - starts[Int(order[runStart])] > Self.radixDepth
                    while runEnd < order.count, (0 ..< Self.radixDepth).allSatisfy({ symbol(order[runEnd], $0) == symbol(order[runStart], $0) }) {
                        longer = longer || starts[Int(order[runEnd]) + 1] - starts[Int(order[runEnd])] > Self.radixDepth
                        runEnd += 1
                    }
                    if runEnd - runStart > 1 && longer {
                        order[runStart ..< runEnd].sort { symbols(pool, starts, $0).lexicographicallyPrecedes(symbols(pool, starts, $1)) }
                    }
                    runStart = runEnd
                }
            }
            return order
        }
    }

    /// The trie, its states numbered breadth first (by depth, then by the
    /// order of the prefixes they stand for): state `s > 0` is reached from
    /// `parent[s]` on `symbol[s]`, and the pattern each state ends (the
    /// lowest id among duplicates).
    private struct Trie {
        var parent: [Int32] = [-1]
        var symbol: [UInt16] = [0]
        var terminal: [Int32] = [-1]
        var stateCount: Int { terminal.count }

        /// Builds the trie depth by depth over the sorted patterns: at depth
        /// `d`, a pattern of at least `d` symbols opens a new state unless it
        /// shares `d` symbols with the pattern before it (whose state it
        /// takes; patterns sharing a prefix are contiguous once sorted).
        init(_ sorted: SortedPatterns) {
            let total = sorted.pool.count
            parent.reserveCapacity(total + 1)
            symbol.reserveCapacity(total + 1)
            terminal.reserveCapacity(total + 1)
            // active[k]: a position in sorted.order; state[k]: its state so far.
            var active = Array(sorted.order.indices)
            var state = [Int32](repeating: 0, count: active.count)
            var depth = 1
            sorted.pool.withUnsafeBufferPointer { pool in
                while !active.isEmpty {
                    var kept = 0
                    var last: Int32 = 0
                    for a in active.indices {
                        let position = active[a]
                        let id = sorted.order[position]
                        let units = sorted.symbols(pool, id)
                        let s: Int32
                        if sorted.lcp[position] >= depth {
                            s = last
                        } else {
                            s = Int32(terminal.count)
                            parent.append(state[a])
                            symbol.append(units[depth - 1])
                            terminal.append(-1)
                        }
                        last = s
                        if units.count == depth {
                            if terminal[Int(s)] < 0 || id < terminal[Int(s)] { terminal[Int(s)] = id }
                        } else {
                            active[kept] = position
                            state[kept] = s
                            kept += 1
                        }
                    }
                    active.removeSubrange(kept...)
                    state.removeSubrange(kept...)
                    depth += 1
                }
            }
        }
    }

    /// Transitions in compressed-row form, grouped by parent (stable: symbols
    /// stay sorted), plus the root's dense table.
    private struct TransitionRows {
        var edgeStart: [Int32]
        var symbols: [UInt16]
        var targets: [Int32]
        var rootNext: [Int32]

        /// The trie's states are numbered breadth first, so state `s`'s
        /// edge is slot `s - 1` and each state's edges are contiguous, in
        /// symbol order.
        init(_ trie: Trie, symbolCount: Int) {
            let stateCount = trie.stateCount
            edgeStart = [Int32](repeating: 0, count: stateCount + 1)
            for s in 1 ..< stateCount { edgeStart[Int(trie.parent[s]) + 1] += 1 }
            for s in 0 ..< stateCount { edgeStart[s + 1] += edgeStart[s] }
            symbols = Array(trie.symbol.dropFirst())
            targets = (1 ..< Int32(stateCount)).map { $0 }
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

    /// Failure and output links, state by state: the states are numbered
    /// breadth first, so a state's parent and every shallower state have
    /// theirs already.
    private func failureLinks(_ rows: TransitionRows, trie: Trie) -> (fail: [Int32], outputLink: [Int32]) {
        let stateCount = trie.stateCount
        var fail = [Int32](repeating: 0, count: stateCount)
        var outputLink = [Int32](repeating: -1, count: stateCount)
        let terminal = trie.terminal
        for v in 1 ..< max(stateCount, 1) {
            let u = Int(trie.parent[v])
            guard u != 0 else { continue } // depth 1: fail to the root
            let sym = Int(trie.symbol[v])
            var f = Int(fail[u])
            var link = 0
            while true {
                let t = rows.transition(f, sym)
                if t >= 0 { link = t; break }
                if f == 0 { break }
                f = Int(fail[f])
            }
            fail[v] = Int32(link)
            outputLink[v] = terminal[link] >= 0 ? Int32(link) : outputLink[link]
        }
        return (fail, outputLink)
    }
}
