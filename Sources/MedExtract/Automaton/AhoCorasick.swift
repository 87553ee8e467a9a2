/// A compiled Aho-Corasick automaton over UTF-16 code units.
///
/// Build it once with ``AhoCorasickBuilder`` and share it: it is an immutable
/// value, safe to search from many threads. Searching scans code units one at a
/// time and allocates nothing; every occurrence of every pattern is reported,
/// overlapping ones included, so the caller decides which to keep.
///
/// Layout: code units are mapped to a dense alphabet (0 = not in any pattern);
/// the root has a dense transition table, other states keep their transitions
/// sorted in one flat array (binary-searched), with failure links and output
/// links precomputed.
struct AhoCorasick: Sendable {
    /// Code unit → alphabet symbol (0 when the unit occurs in no pattern).
    let alphabet: [UInt16]
    /// Root transitions indexed by symbol (0 = stay at root).
    let rootNext: [Int32]
    /// Start of each state's transitions in `edgeSymbols`/`edgeTargets` (count + 1 entries).
    let edgeStart: [Int32]
    let edgeSymbols: [UInt16]
    let edgeTargets: [Int32]
    /// Failure link of each state.
    let fail: [Int32]
    /// The pattern that ends at each state, or -1.
    let terminal: [Int32]
    /// The nearest state along the failure chain that ends a pattern, or -1.
    let outputLink: [Int32]
    /// Length in code units of each pattern.
    let patternLengths: [Int32]

    /// The number of patterns.
    var patternCount: Int { patternLengths.count }

    /// The number of states.
    var stateCount: Int { fail.count }

    @inline(__always)
    func symbol(_ unit: UInt16) -> Int {
        Int(alphabet[Int(unit)])
    }

    /// The transition from `state` on `symbol`, or -1 (goto function, no failure).
    func transition(_ state: Int, _ symbol: Int) -> Int {
        withTables { $0.transition(state, symbol) }
    }

    /// Calls `body(pattern, start, end)` for every occurrence of every pattern
    /// in `units`, in order of end position (code-unit offsets, end exclusive).
    func forEachMatch(in units: UnsafeBufferPointer<UInt16>, _ body: (Int, Int, Int) -> Void) {
        withTables { t in
            var state = 0
            for i in 0 ..< units.count {
                let sym = Int(t.alphabet[Int(units[i])])
                if sym == 0 {
                    state = 0
                    continue
                }
                while true {
                    let next = t.transition(state, sym)
                    if next >= 0 {
                        state = next
                        break
                    }
                    if state == 0 { break }
                    state = Int(t.fail[state])
                }
                var s = t.terminal[state] >= 0 ? state : Int(t.outputLink[state])
                while s >= 0 {
                    let pattern = Int(t.terminal[s])
                    body(pattern, i + 1 - Int(t.patternLengths[pattern]), i + 1)
                    s = Int(t.outputLink[s])
                }
            }
        }
    }

    /// Runs `body` with raw views of the tables, so the scan loop does no
    /// bounds checks and no reference counting (all indices it uses come
    /// from the tables the builder made consistent).
    @inline(__always)
    private func withTables<R>(_ body: (Tables) -> R) -> R {
        alphabet.withUnsafeBufferPointer { alphabet in
            rootNext.withUnsafeBufferPointer { rootNext in
                edgeStart.withUnsafeBufferPointer { edgeStart in
                    edgeSymbols.withUnsafeBufferPointer { edgeSymbols in
                        edgeTargets.withUnsafeBufferPointer { edgeTargets in
                            fail.withUnsafeBufferPointer { fail in
                                terminal.withUnsafeBufferPointer { terminal in
                                    outputLink.withUnsafeBufferPointer { outputLink in
                                        patternLengths.withUnsafeBufferPointer { patternLengths in
                                            body(Tables(
                                                alphabet: alphabet, rootNext: rootNext, edgeStart: edgeStart,
                                                edgeSymbols: edgeSymbols, edgeTargets: edgeTargets, fail: fail,
                                                terminal: terminal, outputLink: outputLink, patternLengths: patternLengths
                                            ))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Unchecked views of the automaton's tables for the scan loop.
    private struct Tables {
        let alphabet: UnsafeBufferPointer<UInt16>
        let rootNext: UnsafeBufferPointer<Int32>
        let edgeStart: UnsafeBufferPointer<Int32>
        let edgeSymbols: UnsafeBufferPointer<UInt16>
        let edgeTargets: UnsafeBufferPointer<Int32>
        let fail: UnsafeBufferPointer<Int32>
        let terminal: UnsafeBufferPointer<Int32>
        let outputLink: UnsafeBufferPointer<Int32>
        let patternLengths: UnsafeBufferPointer<Int32>

        /// The transition from `state` on `symbol`, or -1 (goto function, no failure).
        @inline(__always)
        func transition(_ state: Int, _ symbol: Int) -> Int {
            if state == 0 { return symbol == 0 ? -1 : (rootNext[symbol] == 0 ? -1 : Int(rootNext[symbol])) }
            var lo = Int(edgeStart[state])
            var hi = Int(edgeStart[state + 1])
            let s = UInt16(truncatingIfNeeded: symbol)
            while lo < hi {
                let mid = (lo + hi) >> 1
                let m = edgeSymbols[mid]
                if m == s { return Int(edgeTargets[mid]) }
                if m < s { lo = mid + 1 } else { hi = mid }
            }
            return -1
        }
    }

    /// Calls `body(pattern, end)` for every pattern that starts exactly at
    /// `start`, shortest first (an anchored walk from the root).
    func forEachPrefixMatch(in units: UnsafeBufferPointer<UInt16>, from start: Int, _ body: (Int, Int) -> Void) {
        var state = 0
        var i = start
        while i < units.count {
            let sym = symbol(units[i])
            guard sym != 0 else { return }
            let next = transition(state, sym)
            guard next >= 0 else { return }
            state = next
            i += 1
            if terminal[state] >= 0 { body(Int(terminal[state]), i) }
        }
    }

    /// The id of the pattern equal to `units`, if there is one.
    func exactPattern(_ units: [UInt16]) -> Int? {
        units.withUnsafeBufferPointer { exactPattern(in: $0, 0 ..< $0.count) }
    }

    /// The id of the pattern equal to `units[range]`, if there is one.
    func exactPattern(in units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= units.count else { return nil }
        var state = 0
        for i in range {
            let sym = symbol(units[i])
            guard sym != 0 else { return nil }
            let next = transition(state, sym)
            guard next >= 0 else { return nil }
            state = next
        }
        return terminal[state] >= 0 ? Int(terminal[state]) : nil
    }

    /// The longest pattern starting exactly at `start`: its id and end, or nil.
    func longestPrefixMatch(in units: UnsafeBufferPointer<UInt16>, from start: Int) -> (pattern: Int, end: Int)? {
        var best: (pattern: Int, end: Int)?
        forEachPrefixMatch(in: units, from: start) { best = ($0, $1) }
        return best
    }
}
