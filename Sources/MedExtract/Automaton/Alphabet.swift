/// The dense alphabet of an ``AhoCorasick`` automaton: code unit → symbol,
/// 0 for a unit that occurs in no pattern, the others numbered from 1 in
/// ascending order of code unit (so patterns sorted by symbol are sorted by
/// code unit).
///
/// Two levels: a unit's high byte picks a block of 256 symbols and its low
/// byte the symbol in the block. Block 0 is all zeros and stands for every
/// high byte no pattern uses, so the alphabet takes 512 bytes and 512 more
/// per high byte in use: about 2 KB for a document's few aliases (a flat
/// table of 128 KB was written and zeroed for each of them), about 60 KB in
/// the built-in lexicon's archive. A lookup is two loads, the first from a
/// 512-byte table that stays in cache; an alphabet with many blocks (a
/// dictionary's) also keeps the flat table in memory (``flat``), which the
/// scan reads with one load: the second load cost the lexicon scan about
/// 10 instructions a unit.
struct Alphabet: Sendable, Equatable {
    /// High byte → index of its block in ``symbols`` (256 entries).
    let blocks: [UInt16]
    /// The blocks, 256 symbols each, block 0 all zeros.
    let symbols: [UInt16]
    /// The number of symbols (the largest: they run from 1 without gaps).
    let symbolCount: Int
    /// All 65,536 symbols in one table (128 KB more), kept when at least
    /// ``flatFromBlocks`` blocks are in use (16 KB of blocks or more): the
    /// scan of a large automaton then reads one table instead of two.
    let flat: [UInt16]?

    /// How many blocks in use (block 0 aside) make an alphabet keep ``flat``.
    static let flatFromBlocks = 32

    /// ``flat`` for `blocks` and `symbols`, or nil below ``flatFromBlocks``.
    private static func flatTable(blocks: [UInt16], symbols: [UInt16]) -> [UInt16]? {
        guard symbols.count >> 8 > flatFromBlocks else { return nil }
        // A block's 256 symbols at a time (one copy each): the automata of a
        // few hundred patterns (figure units and words) are built at every
        // start, and a lookup per code unit took about 500 k instructions each.
        return [UInt16](unsafeUninitializedCapacity: 65536) { out, count in
            symbols.withUnsafeBufferPointer { symbols in
                for high in 0 ..< 256 {
                    let block = Int(blocks[high]) << 8
                    guard let source = symbols.baseAddress, let target = out.baseAddress else { continue }
                    (target + high << 8).initialize(from: source + block, count: 256)
                }
            }
            count = 65536
        }
    }

    /// The alphabet of `units`: each distinct unit numbered from 1 in
    /// ascending order. (Only if all 65,536 code units occur does the last,
    /// U+FFFF, keep symbol 0, as a symbol is 16 bits.)
    init(numbering units: some Sequence<UInt16>) {
        // One bit per code unit that occurs (8 KB), then a block per high
        // byte with a bit set, numbered in one ascending sweep.
        var seen = [UInt64](repeating: 0, count: 1024)
        for u in units { seen[Int(u) >> 6] |= 1 << UInt64(u & 63) }
        var blocks = [UInt16](repeating: 0, count: 256)
        var symbols = [UInt16](repeating: 0, count: 256)
        var next: UInt16 = 0
        for high in 0 ..< 256 {
            let words = seen[high * 4 ..< high * 4 + 4]
            guard words.contains(where: { $0 != 0 }) else { continue }
            blocks[high] = UInt16(truncatingIfNeeded: symbols.count >> 8)
            let base = symbols.count
            symbols.append(contentsOf: repeatElement(0, count: 256))
            for (k, word) in words.enumerated() {
                var bits = word
                while bits != 0 {
                    let low = k * 64 + bits.trailingZeroBitCount
                    bits &= bits - 1
                    guard next < UInt16.max else { continue }
                    next += 1
                    symbols[base + low] = next
                }
            }
        }
        self.blocks = blocks
        self.symbols = symbols
        symbolCount = Int(next)
        flat = Self.flatTable(blocks: blocks, symbols: symbols)
    }

    private init(blocks: [UInt16], symbols: [UInt16]) {
        self.blocks = blocks
        self.symbols = symbols
        symbolCount = Int(symbols.max() ?? 0)
        flat = Self.flatTable(blocks: blocks, symbols: symbols)
    }

    /// The alphabet in which no unit has a symbol.
    static let empty = Alphabet(blocks: [UInt16](repeating: 0, count: 256), symbols: [UInt16](repeating: 0, count: 256))

    /// The symbol of `unit` (0 when it occurs in no pattern).
    @inline(__always)
    subscript(unit: UInt16) -> Int {
        let u = Int(unit)
        return Int(symbols[Int(blocks[u &>> 8]) &<< 8 | u & 0xFF])
    }

    /// Appends the two tables to `writer`.
    func write(to writer: inout ByteWriter) {
        writer.writeArray(blocks)
        writer.writeArray(symbols)
    }

    /// Reads tables written by ``write(to:)`` and checks them, since the scan
    /// reads them without bounds checks: 256 block indices, each naming a
    /// block there is, and block 0 all zeros. (The caller checks
    /// ``symbolCount`` against the automaton's transitions.)
    init(reading reader: inout ByteReader) throws(ArchiveError) {
        let blocks: [UInt16] = try reader.readArray()
        let symbols: [UInt16] = try reader.readArray()
        let blockCount = symbols.count >> 8
        func check(_ condition: Bool, _ what: String) throws(ArchiveError) {
            if !condition { throw ArchiveError(description: "inconsistent automaton: \(what)") }
        }
        try check(blocks.count == 256, "alphabet blocks")
        try check(symbols.count & 0xFF == 0 && blockCount >= 1 && blockCount <= 257, "alphabet size")
        try check(blocks.allSatisfy { Int($0) < blockCount }, "alphabet block index")
        try check(symbols[..<256].allSatisfy { $0 == 0 }, "alphabet block 0")
        self.init(blocks: blocks, symbols: symbols)
    }
}
