/// Turns raw text from newspaper PDFs and web pages into the text the
/// recognisers see, remembering where every unit came from.
///
/// A ``LayoutModel`` of the text's lines is built first (one pass); then, in
/// one pass over Unicode scalars (decoded from the UTF-8 in place,
/// ``ScalarWalk``), the normaliser:
/// - folds full-width ASCII (`ＣＴ`, `１２`, `（`) to ASCII and the many dash
///   characters (`‐ – ⁃ −`) to `-`;
/// - drops invisible format characters (zero-width space, BOM, soft hyphen);
/// - joins a line break where the line before it is full (a wrap): with
///   nothing in between, so words, numbers and Latin words broken by the wrap
///   are whole again (`宣武医⏎⏎院`, `201⏎5年`, `17:16:4⏎9`); a hyphen
///   between two letters at the end of a line is typesetting and is dropped
///   (`EBUS-TB-⏎⏎NA` → `EBUS-TBNA`), one after a digit is kept (`50-⏎70℃`);
/// - keeps every other line break (after a short line: headings, list items,
///   paragraph ends, page furniture; and after a sentence end) as `\n`, which
///   every recogniser treats as a boundary;
/// - removes the single spaces of a letter-spaced line, digits and Latin
///   included (`吕 梁 市`, `２ ０ １ ５ 年` → `2015年`);
/// - drops other spaces next to a CJK character (`6 月 22 日` → `6月22日`),
///   except that a space between two ideographs, or after an acronym before
///   an ideograph, on a line whose spaces are not layout stays as one space,
///   a separator (`骨科 心内科`, `PET-CT 胃镜检查`);
/// - keeps one space between two Latin words or numbers (`PET CT`);
/// - in a snippet too short to show a layout (fewer than three lines of ten
///   scalars: dictionary surfaces, one sentence) follows the character rule:
///   breaks and spaces next to CJK are dropped, a break after punctuation kept.
///
/// See `docs/LAYOUT.md`.
@_spi(Benchmarks) public struct TextNormalizer: Sendable {
    /// Creates a normaliser.
    public init() {}

    /// Normalises a whole string.
    public func normalize(_ text: String) -> NormalizedText {
        normalize(text.unicodeScalars[...])
    }

    /// Normalises a slice of a string's scalars; origins count from the
    /// slice's first scalar (offset 0).
    public func normalize(_ scalars: Substring.UnicodeScalarView) -> NormalizedText {
        normalize(scalars, layout: LayoutModel(scalars), startOffset: 0)
    }

    /// Normalises a piece of a longer text whose layout was modelled whole
    /// (so that a chunk is normalised exactly as it would be in its
    /// document); `startOffset` is the scalar offset of the piece in the text
    /// `layout` was built from. Origins count from the piece's first scalar.
    func normalize(_ scalars: Substring.UnicodeScalarView, layout: LayoutModel, startOffset: Int) -> NormalizedText {
        ScalarWalk.withUTF8(scalars) { bytes in
            var none = NoOriginalUnits()
            return normalize(bytes, capacity: UTF8Transcoding.utf16Count(bytes), layout: layout, startOffset: startOffset, original: &none)
        }
    }

    /// ``normalize(_:layout:startOffset:)``, and the UTF-16 code units of
    /// `scalars` themselves (`Array(String(scalars).utf16)`) with where its
    /// sentences end, found in the same walk: the linking pass reads the
    /// original text as UTF-16 and numbers its sentences, and would
    /// otherwise decode it and walk it again.
    func normalizeKeepingUnits(_ scalars: Substring.UnicodeScalarView, layout: LayoutModel, startOffset: Int) -> (normalized: NormalizedText, original: OriginalText) {
        ScalarWalk.withUTF8(scalars) { bytes in
            let capacity = UTF8Transcoding.utf16Count(bytes)
            var normalized = NormalizedText()
            var sentenceEnds: [Int32] = []
            let units = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
                var original = OriginalUnitBuffer(units: buffer)
                // About one end in thirty units of running text.
                original.sentenceEnds.reserveCapacity(capacity / 24 + 4)
                normalized = normalize(bytes, capacity: capacity, layout: layout, startOffset: startOffset, original: &original)
                count = original.count
                sentenceEnds = original.sentenceEnds
            }
            return (normalized, OriginalText(units: units, sentenceEnds: sentenceEnds))
        }
    }

    /// The normalised text of `bytes`, whose UTF-16 length is `capacity`.
    private func normalize<Original: OriginalUnits>(
        _ bytes: UnsafeBufferPointer<UInt8>, capacity: Int, layout: LayoutModel, startOffset: Int, original: inout Original
    ) -> NormalizedText {
        // Every scalar gives at most its UTF-16 length, and a separator
        // stands for at least one removed whitespace scalar: the text
        // never outgrows the UTF-16 length of the input.
        var origins: [Int32] = []
        var written = 0
        let units = [UInt16](unsafeUninitializedCapacity: capacity) { unitBuffer, unitCount in
            origins = [Int32](unsafeUninitializedCapacity: capacity) { originBuffer, originCount in
                var out = Output(units: unitBuffer, origins: originBuffer)
                normalize(bytes, layout: layout, startOffset: startOffset, into: &out, original: &original)
                written = out.count
                originCount = written
            }
            unitCount = written
        }
        return NormalizedText(units: units, origins: origins)
    }

    /// Where the walk copies the input's own UTF-16 units: nowhere
    /// (``NoOriginalUnits``) or into a buffer (``OriginalUnitBuffer``). A
    /// type parameter, not a flag, so the walk that copies nothing has no
    /// test for it.
    protocol OriginalUnits {
        mutating func append(_ scalar: UInt32)
        /// ``append(_:)`` of a CJK Unified Ideograph (one unit, no sentence end).
        mutating func appendIdeograph(_ scalar: UInt32)
    }

    struct NoOriginalUnits: OriginalUnits {
        @inline(__always)
        mutating func append(_ scalar: UInt32) {}
        @inline(__always)
        mutating func appendIdeograph(_ scalar: UInt32) {}
    }

    /// Writes into storage of the input's UTF-16 length.
    struct OriginalUnitBuffer: OriginalUnits {
        let units: UnsafeMutableBufferPointer<UInt16>
        private(set) var count = 0
        /// The offset of every unit that ends a sentence
        /// (``SentenceIndex/isSentenceEnd(_:)``), in order.
        var sentenceEnds: [Int32] = []

        init(units: UnsafeMutableBufferPointer<UInt16>) {
            self.units = units
        }

        @inline(__always)
        mutating func appendIdeograph(_ scalar: UInt32) {
            guard count < units.count else { return }
            units[count] = UInt16(truncatingIfNeeded: scalar)
            count &+= 1
        }

        @inline(__always)
        mutating func append(_ scalar: UInt32) {
            if scalar <= 0xFFFF {
                guard count < units.count else { return }
                let unit = UInt16(truncatingIfNeeded: scalar)
                if SentenceIndex.isSentenceEnd(unit) { sentenceEnds.append(Int32(truncatingIfNeeded: count)) }
                units[count] = unit
                count &+= 1
            } else {
                guard count &+ 1 < units.count else { return }
                let v = scalar &- 0x10000
                units[count] = UInt16(truncatingIfNeeded: 0xD800 &+ (v >> 10))
                units[count &+ 1] = UInt16(truncatingIfNeeded: 0xDC00 | (v & 0x3FF))
                count &+= 2
            }
        }
    }

    /// The normalised units and their origins, written into storage of the
    /// largest size they can take (``UTF8Transcoding/utf16Count(_:)``): no growth checks on
    /// the walk.
    struct Output {
        let units: UnsafeMutableBufferPointer<UInt16>
        let origins: UnsafeMutableBufferPointer<Int32>
        private(set) var count = 0

        init(units: UnsafeMutableBufferPointer<UInt16>, origins: UnsafeMutableBufferPointer<Int32>) {
            self.units = units
            self.origins = origins
        }

        /// (The bound is never reached, see ``normalize(_:layout:startOffset:)``;
        /// the test keeps a mistake in that argument from writing past the storage.)
        @inline(__always)
        mutating func append(_ unit: UInt16, origin: Int32) {
            guard count < units.count else { return }
            units[count] = unit
            origins[count] = origin
            count &+= 1
        }

        @inline(__always)
        mutating func removeLast() { count &-= 1 }

        /// The unit `distance` places before the end (1: the last).
        @inline(__always)
        func unit(fromEnd distance: Int) -> UInt16 { units[count &- distance] }
    }

    private func normalize<Original: OriginalUnits>(
        _ bytes: UnsafeBufferPointer<UInt8>, layout: LayoutModel, startOffset: Int, into out: inout Output, original: inout Original
    ) {
        var offset: Int32 = 0
        // The pending whitespace run: where it started, whether it held a line
        // break, how many scalars it had and whether they were one plain space.
        var pendingStart: Int32 = -1
        var pendingNewline = false
        var pendingLength = 0
        var pendingSingleSpace = false
        var pendingHasSpace = false // whitespace other than line breaks
        // The last emitted scalar and the line it stood on.
        var lastScalar: UInt32 = 0
        var haveLast = false
        var line = layout.line(containing: startOffset)
        var lastLine = line
        var previousWasCR = false
        // Visible scalars since the last whitespace: a one-scalar token before
        // a single space is letter spacing even on a line that is not
        // letter-spaced throughout (`吕 梁 市 人 民 医 院召开…`).
        var tokenLength = 0
        let special = ScalarClassTable.lineBreak | ScalarClassTable.ignorable | ScalarClassTable.whitespace
        // A local copy the loop can keep in registers (written back after it).
        var copied = original
        defer { original = copied }
        ScalarClassTable.bmp.withUnsafeBufferPointer { table in
            var walk = ScalarWalk(bytes)
            while let raw = walk.next() {
                defer { offset &+= 1 }
                copied.append(raw)
                let classes = ScalarClassTable.classes(of: raw, in: table)
                if classes & special != 0 {
                    if classes & ScalarClassTable.lineBreak != 0 {
                        if !(raw == 0x0A && previousWasCR) { line &+= 1 }
                        previousWasCR = raw == 0x0D
                        if pendingStart < 0 { pendingStart = offset }
                        pendingNewline = true
                        pendingLength &+= 1
                        continue
                    }
                    previousWasCR = false
                    if classes & ScalarClassTable.ignorable != 0 { continue }
                    if pendingStart < 0 { pendingStart = offset }
                    pendingLength &+= 1
                    pendingSingleSpace = pendingLength == 1 && (raw == 0x20 || raw == 0x3000)
                    pendingHasSpace = true
                    continue
                }
                previousWasCR = false
                let value = classes & ScalarClassTable.folds != 0 ? CodeUnitClass.fold(raw) : raw
                if pendingStart >= 0 {
                    if haveLast {
                        let separator = pendingNewline
                            ? breakSeparator(layout.lines[lastLine], last: lastScalar, next: value, hasSpace: pendingHasSpace, out: &out)
                            : spaceSeparator(layout.lines[line], last: lastScalar, next: value,
                                             singleSpace: pendingSingleSpace, singleToken: tokenLength == 1, out: out)
                        if let separator {
                            out.append(separator, origin: pendingStart)
                        }
                    }
                    pendingStart = -1
                    pendingNewline = false
                    pendingLength = 0
                    pendingSingleSpace = false
                    pendingHasSpace = false
                    tokenLength = 0
                }
                tokenLength &+= 1
                if value <= 0xFFFF {
                    out.append(UInt16(value), origin: offset)
                } else {
                    let v = value - 0x10000
                    out.append(UInt16(0xD800 + (v >> 10)), origin: offset)
                    out.append(UInt16(0xDC00 + (v & 0x3FF)), origin: offset)
                }
                lastScalar = value
                haveLast = true
                lastLine = line
                // The unified ideographs that follow are copied as they are:
                // not whitespace, not folded (``ScalarClassTable/unifiedIdeograph``),
                // with no whitespace pending before them.
                var next = offset &+ 1
                while let ideograph = walk.nextUnifiedIdeograph() {
                    copied.appendIdeograph(ideograph)
                    out.append(UInt16(truncatingIfNeeded: ideograph), origin: next)
                    lastScalar = ideograph
                    next &+= 1
                }
                tokenLength &+= Int(next &- (offset &+ 1))
                offset = next &- 1
            }
        }
    }

    /// What stands for whitespace holding a line break after `previous`:
    /// nothing or a space for a wrap, `\n` for a real break. A Latin word
    /// hyphenated across the break loses its hyphen (removed from `units`).
    @inline(__always)
    private func breakSeparator(
        _ previous: LayoutModel.Flags, last: UInt32, next: UInt32, hasSpace: Bool, out: inout Output
    ) -> UInt16? {
        if last == 0x2D, next <= 0x7F, CodeUnitClass.isASCIILetter(UInt16(next)),
           out.count >= 2, CodeUnitClass.isASCIILetter(out.unit(fromEnd: 2)) {
            // A Latin word hyphenated across a line break: drop the hyphen too.
            // (Between digits a hyphen is a range or a date: `50-⏎70℃` keeps it.)
            out.removeLast()
            return nil
        }
        if previous.unknownLayout {
            // No layout to go by: the character rule.
            if last <= 0xFFFF, CodeUnitClass.isBoundaryPunctuation(UInt16(last)) { return 0x0A }
            return CodeUnitClass.isNonCJKWordScalar(last) && CodeUnitClass.isNonCJKWordScalar(next) ? 0x20 : nil
        }
        guard previous.joinsNext, !CodeUnitClass.isSentenceFinal(last) else { return 0x0A }
        // A wrap: the two lines are one text. Two words keep a space only
        // where the layout had one next to the break; a number or Latin word
        // is rejoined only after a line that fills the wrap width.
        if CodeUnitClass.isNonCJKWordScalar(last), CodeUnitClass.isNonCJKWordScalar(next) {
            if hasSpace { return 0x20 }
            return previous.fillsWidth ? nil : 0x0A
        }
        return nil
    }

    /// What stands for whitespace inside `line`, between `last` and `next`.
    @inline(__always)
    private func spaceSeparator(
        _ line: LayoutModel.Flags, last: UInt32, next: UInt32, singleSpace: Bool, singleToken: Bool, out: Output
    ) -> UInt16? {
        if line.letterSpaced && singleSpace { return nil }
        if singleSpace && singleToken && (CodeUnitClass.isIdeograph(scalar: last) || (last >= 0x30 && last <= 0x39)) {
            return nil
        }
        if last <= 0xFFFF, CodeUnitClass.isBoundaryPunctuation(UInt16(last)) { return nil }
        if CodeUnitClass.isNonCJKWordScalar(last) && CodeUnitClass.isNonCJKWordScalar(next) { return 0x20 }
        guard !line.spacesAreLayout, !line.unknownLayout, CodeUnitClass.isIdeograph(scalar: next) else { return nil }
        if CodeUnitClass.isIdeograph(scalar: last) || Self.endsWithAcronym(UnsafeBufferPointer(rebasing: out.units[..<out.count])) { return 0x20 }
        return nil
    }

    /// Whether `units` end with an acronym of two or more capitals (`PET-CT`,
    /// `MRI`, `EBUS-TBNA`): a complete name, so a space after it separates.
    @inline(__always)
    static func endsWithAcronym(_ units: UnsafeBufferPointer<UInt16>) -> Bool {
        guard let last = units.last, CodeUnitClass.isASCIIUppercase(last) else { return false }
        var capitals = 0
        var i = units.count - 1
        let limit = max(0, units.count - 24)
        while i >= limit {
            let u = units[i]
            if CodeUnitClass.isASCIIUppercase(u) {
                capitals += 1
            } else if CodeUnitClass.isDigit(u) || u == 0x2D {
                // part of the acronym
            } else {
                return capitals >= 2 && !CodeUnitClass.isASCIILetter(u)
            }
            i -= 1
        }
        return capitals >= 2
    }
}
