/// What the normaliser knows about the physical lines of a text before it
/// rewrites them: which line breaks are wraps of a full line (to be joined)
/// and which are real breaks (headings, list items, paragraph ends, page
/// furniture), which lines are letter-spaced, and on which lines a space
/// between two ideographs is a separator rather than layout.
///
/// The model is built in one pass over the scalars (see ``LayoutModel/init(_:)``)
/// and costs one small record per line. See `docs/LAYOUT.md`.
struct LayoutModel {
    /// One physical line: the scalars between two line breaks.
    struct Line {
        /// Non-whitespace, non-ignorable scalars.
        var visible: Int32 = 0
        /// Visible scalars that are two display columns wide (CJK, full-width forms).
        var wide: Int32 = 0
        /// Whitespace runs between two visible scalars made of exactly one
        /// space (or ideographic space) / of more than one.
        var singleGaps: Int32 = 0
        var multiGaps: Int32 = 0
        /// Whitespace runs between two ideographs.
        var ideographGaps: Int32 = 0
        /// Whitespace before the first visible scalar, in scalars and columns.
        var leading: Int32 = 0
        var leadingColumns: Int32 = 0
        /// The line is letter-spaced: most visible scalars are separated by a
        /// single space (`吕 梁 市`, `２ ０ １ ５ 年`); those spaces are removed.
        var letterSpaced = false
        /// Spaces between ideographs on this line are layout (a re-flowed
        /// column joined with spaces: many gaps, long pieces between them),
        /// so they are removed; otherwise such a space separates two words.
        var spacesAreLayout = false
        /// The break after this line is a wrap of a full line: it is joined.
        var joinsNext = false
        /// The line is as long as the typical wrapped line (within one scalar
        /// or two columns): a wrap inside a number or a Latin word is joined
        /// only after such a line, so a short dateline (`2022-04-14 13:06`)
        /// is not glued to a number starting the next line.
        var fillsWidth = false
        /// The text has too few lines to estimate a layout (a snippet): the
        /// break after this line follows the character rule instead (joined
        /// next to CJK, a space between two words, kept after punctuation).
        var unknownLayout = false

        /// The line's length in scalars (letter spacing not counted).
        var length: Int32 { leading + visible + (letterSpaced ? multiGaps : singleGaps + multiGaps) }
        /// The line's length in display columns (CJK and full-width count 2).
        var columns: Int32 { leadingColumns + visible + wide + (letterSpaced ? multiGaps : singleGaps + multiGaps) }
    }

    /// What the normaliser reads of one line, once the model is built: its
    /// flags only (the counts are needed while building, and a text of a
    /// million lines keeps a few bytes a line, not dozens).
    struct Flags {
        var letterSpaced: Bool
        var spacesAreLayout: Bool
        var joinsNext: Bool
        var fillsWidth: Bool
        var unknownLayout: Bool

        init(_ line: Line) {
            letterSpaced = line.letterSpaced
            spacesAreLayout = line.spacesAreLayout
            joinsNext = line.joinsNext
            fillsWidth = line.fillsWidth
            unknownLayout = line.unknownLayout
        }
    }

    /// The lines, in order, blank lines included (a `\r\n` pair is one break).
    private(set) var lines: [Flags] = []
    /// The scalar offset where each line starts (after the break before it).
    private(set) var lineStarts: [Int] = [0]

    /// The index of the line holding scalar offset `offset`.
    func line(containing offset: Int) -> Int {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Lines shorter than this (in scalars) do not vote for the typical
    /// wrapped length: no column of running text is that narrow.
    static let minimumWrapLength: Int32 = 10
    /// Lines at least this long (in scalars) are never headings or list
    /// items: a break after one is a wrap unless a sentence ends there.
    static let longLineLength: Int32 = 40
    /// Lengths above this are paragraphs on one line, not wrapped lines.
    static let maximumWrapLength = 400
    /// A wrapped line is at least this fraction (in percent) of the block's
    /// typical wrapped-line length.
    static let fullPercent: Int32 = 40
    /// How many nonblank lines on each side a line is compared with.
    static let neighbourhood = 2
    /// Texts with fewer lines of ``minimumWrapLength`` or more than this
    /// (snippets, a few short lines) have no layout to estimate.
    static let minimumLines = 3
    /// A line shorter than this (in scalars) is never full.
    static let minimumFullLength: Int32 = 6

    /// At most this many lines are reserved up front (``init(_:)``); a
    /// longer text grows its arrays.
    static let reservedLines = 1024

    /// Builds the model of `scalars`.
    init(_ scalars: Substring.UnicodeScalarView) {
        var lines: [Line] = []
        var lineStarts: [Int] = [0]
        ScalarClassTable.bmp.withUnsafeBufferPointer { table in
            ScalarWalk.withUTF8(scalars) { bytes in
                Self.measureLines(bytes, table: table, lines: &lines, lineStarts: &lineStarts)
            }
        }
        Self.decideJoins(&lines)
        self.lineStarts = lineStarts
        self.lines = lines.map(Flags.init)
    }

    /// The counts of every line of `bytes` (valid UTF-8 cut at scalar
    /// boundaries) and where each starts, in one walk. A function of its
    /// own, not a closure in ``init(_:)``: the walk's state is its locals,
    /// which stay in registers, where a closure's captured variables were
    /// read and written through memory for every scalar.
    private static func measureLines(
        _ bytes: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt8>, lines: inout [Line], lineStarts: inout [Int]
    ) {
        var line = Line()
        var gap: Int32 = 0          // length of the current whitespace run inside the line
        var gapSingleSpace = false  // the run is one space or ideographic space
        var seenVisible = false
        var lastWasIdeograph = false
        var previousWasCR = false
        var offset = -1
        // Room for a line every 48 bytes (capped): a short document's
        // arrays are made once instead of growing from empty step by step.
        let expectedLines = min(bytes.count / 48 + 4, Self.reservedLines)
        lines.reserveCapacity(expectedLines)
        lineStarts.reserveCapacity(expectedLines + 1)
        var walk = ScalarWalk(bytes)
        while let v = walk.next() {
            offset &+= 1
            let classes = ScalarClassTable.classes(of: v, in: table)
            if classes & (ScalarClassTable.lineBreak | ScalarClassTable.ignorable | ScalarClassTable.whitespace) != 0 {
                if classes & ScalarClassTable.lineBreak != 0 {
                    if v == 0x0A && previousWasCR {
                        previousWasCR = false
                        lineStarts[lineStarts.count - 1] = offset + 1
                        continue
                    }
                    previousWasCR = v == 0x0D
                    Self.finish(&line)
                    lines.append(line)
                    lineStarts.append(offset + 1)
                    line = Line()
                    gap = 0
                    seenVisible = false
                    lastWasIdeograph = false
                    continue
                }
                previousWasCR = false
                if classes & ScalarClassTable.ignorable != 0 { continue }
                if !seenVisible {
                    line.leading &+= 1
                    line.leadingColumns &+= v == 0x3000 ? 2 : 1
                } else {
                    gap &+= 1
                    gapSingleSpace = gap == 1 && (v == 0x20 || v == 0x3000)
                }
                continue
            }
            previousWasCR = false
            let ideograph = classes & ScalarClassTable.ideograph != 0
            if gap > 0 {
                if gap == 1 && gapSingleSpace { line.singleGaps &+= 1 } else { line.multiGaps &+= 1 }
                if ideograph && lastWasIdeograph { line.ideographGaps &+= 1 }
                gap = 0
            }
            seenVisible = true
            line.visible &+= 1
            if classes & ScalarClassTable.wide != 0 { line.wide &+= 1 }
            lastWasIdeograph = ideograph
            // The unified ideographs that follow: each visible and wide, an
            // ideograph, no gap before it (``ScalarClassTable/unifiedIdeograph``).
            var run: Int32 = 0
            while walk.nextUnifiedIdeograph() != nil { run &+= 1 }
            if run > 0 {
                line.visible &+= run
                line.wide &+= run
                offset &+= Int(run)
                lastWasIdeograph = true
            }
        }
        Self.finish(&line)
        lines.append(line)
    }

    /// Letter spacing and the meaning of spaces, from the line's own counts.
    private static func finish(_ line: inout Line) {
        let pairs = line.visible - 1
        // Letter-spaced: at least three quarters of adjacent visible scalars
        // are one space apart (original spaces show as longer runs).
        line.letterSpaced = line.visible >= 2 && line.singleGaps >= 1 && line.singleGaps * 4 >= pairs * 3
        // Re-flowed: four or more spaces between ideographs, with pieces
        // of eight or more scalars on average between them.
        let gaps = line.ideographGaps
        line.spacesAreLayout = !line.letterSpaced && gaps >= 4 && line.visible >= 8 * (gaps + 1)
    }

    /// Decides for every nonblank line whether the break after it is a wrap.
    ///
    /// A line is full when, in scalars or in display columns, it is at
    /// least ``minimumFullLength`` long and ``fullPercent`` of the text's
    /// typical wrapped length, and no
    /// shorter than most of its ``neighbourhood`` (each neighbour allowing a
    /// fifth of its length of slack, for punctuation and narrow digits); a
    /// line of ``longLineLength`` or more is always full. The typical length is the
    /// most frequent length (±1) of lines of ``minimumWrapLength`` or more,
    /// if at least three lines share it; text without such a length (prose
    /// with one paragraph per line) has no wraps. A text with fewer than
    /// ``minimumLines`` lines of ``minimumWrapLength`` has no layout at all
    /// (``Line/unknownLayout``).
    private static func decideJoins(_ lines: inout [Line]) {
        var nonblank: [Int] = []
        nonblank.reserveCapacity(lines.count)
        for i in lines.indices where lines[i].visible > 0 { nonblank.append(i) }
        var substantial = 0
        for i in nonblank where lines[i].length >= Self.minimumWrapLength { substantial += 1 }
        guard substantial >= Self.minimumLines else {
            for i in lines.indices { lines[i].unknownLayout = true }
            return
        }
        // The nonblank lines' two measures, read once into arrays of their
        // own: each line is compared with up to four neighbours on each.
        let lengths = nonblank.map { lines[$0].length }
        let columns = nonblank.map { lines[$0].columns }
        let typicalLength = Self.typical(lengths)
        let typicalColumns = Self.typical(columns)
        for k in nonblank.indices.dropLast() {
            let lo = max(0, k - Self.neighbourhood)
            let hi = min(nonblank.count - 1, k + Self.neighbourhood)
            let length = lengths[k]
            lines[nonblank[k]].fillsWidth = length >= Self.longLineLength
                || typicalLength.map { length >= $0 - 1 } ?? false
                || typicalColumns.map { columns[k] >= $0 - 2 } ?? false
            lines[nonblank[k]].joinsNext = length >= Self.longLineLength
                || Self.isFull(k, of: lengths, neighbours: lo ... hi, typical: typicalLength, minimum: Self.minimumFullLength)
                || Self.isFull(k, of: columns, neighbours: lo ... hi, typical: typicalColumns, minimum: 2 * Self.minimumFullLength)
        }
    }

    /// Whether nonblank line `k`, of measure `measures[k]` (its length or
    /// its columns), is full: at least `minimum` and ``fullPercent`` of the
    /// `typical` measure, and not shorter (within a fifth, at least 2) than
    /// at least half of its `neighbours` (the lines around it, itself left
    /// out).
    @inline(__always)
    private static func isFull(_ k: Int, of measures: [Int32], neighbours: ClosedRange<Int>, typical: Int32?, minimum: Int32) -> Bool {
        guard let typical else { return false }
        let mine = measures[k]
        guard mine >= minimum, mine * 100 >= typical * Self.fullPercent else { return false }
        var count: Int32 = 0, notShorter: Int32 = 0
        for j in neighbours where j != k {
            let theirs = measures[j]
            count += 1
            if mine >= theirs - max(2, theirs / 5) { notShorter += 1 }
        }
        return notShorter * 2 >= count
    }

    /// The most frequent length (counting lengths ±1 with it) among wrap-sized
    /// lengths, when at least three lines have it; else nil. Of lengths with
    /// as many votes, the one that occurs most itself wins, then the shortest.
    ///
    /// Only lengths next to one that occurs can have votes, so only those are
    /// weighed: a short text costs its few lines, not the whole range of
    /// wrap lengths.
    static func typical(_ lengths: [Int32]) -> Int32? {
        // Fewer than three wrap-sized lines (most short documents) have none.
        var candidates = 0
        for length in lengths where length >= minimumWrapLength && Int(length) <= maximumWrapLength { candidates += 1 }
        guard candidates >= 3 else { return nil }
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: maximumWrapLength + 2) { histogram in
            histogram.initialize(repeating: 0)
            for length in lengths where length >= minimumWrapLength && Int(length) <= maximumWrapLength {
                histogram[Int(length)] += 1
            }
            var best: Int32 = 0
            var bestLength = 0
            for length in lengths where length >= minimumWrapLength && Int(length) <= maximumWrapLength {
                for candidate in Int(length) - 1 ... Int(length) + 1
                where candidate >= Int(minimumWrapLength) && candidate <= maximumWrapLength {
                    let votes = histogram[candidate - 1] + histogram[candidate] + histogram[candidate + 1]
                    let better = votes > best
                        || votes == best && (histogram[candidate] > histogram[bestLength]
                            || histogram[candidate] == histogram[bestLength] && candidate < bestLength)
                    if better {
                        best = votes
                        bestLength = candidate
                    }
                }
            }
            return best >= 3 ? Int32(bestLength) : nil
        }
    }
}
