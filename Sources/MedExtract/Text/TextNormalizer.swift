/// Turns raw text from newspaper PDFs and web pages into the text the
/// recognisers see, remembering where every unit came from.
///
/// What it does, in one pass over Unicode scalars:
/// - folds full-width ASCII (`ＣＴ`, `１２`, `（`) to ASCII and the many dash
///   characters (`‐ – ⁃ −`) to `-`;
/// - drops invisible format characters (zero-width space, BOM, soft hyphen);
/// - drops layout whitespace (spaces, ideographic spaces, line breaks) next to
///   a CJK character, so `宣武医⏎⏎院`, `吕 梁 市` and `6 月 22 日` become
///   `宣武医院`, `吕梁市`, `6月22日`;
/// - rejoins Latin words hyphenated across lines (`EBUS-TB-⏎⏎NA` → `EBUS-TBNA`);
/// - keeps one space between two Latin words or numbers (`PET CT`);
/// - keeps a line break (`\n`) where a line ends after punctuation, so nothing
///   is joined across `。⏎⏎`.
public struct TextNormalizer: Sendable {
    /// Creates a normaliser.
    public init() {}

    /// Normalises a whole string.
    public func normalize(_ text: String) -> NormalizedText {
        normalize(text.unicodeScalars[...])
    }

    /// Normalises a slice of a string's scalars; origins count from the
    /// slice's first scalar (offset 0).
    public func normalize(_ scalars: Substring.UnicodeScalarView) -> NormalizedText {
        var units: [UInt16] = []
        var origins: [Int32] = []
        let capacity = Self.scalarCount(scalars) &+ 16
        units.reserveCapacity(capacity)
        origins.reserveCapacity(capacity)

        var offset: Int32 = 0
        // The pending whitespace run: where it started and whether it held a line break.
        var pendingStart: Int32 = -1
        var pendingNewline = false
        // Whether the last emitted unit was a non-CJK word scalar, and the scalar value.
        var lastScalar: UInt32 = 0
        var haveLast = false

        for scalar in scalars {
            let raw = scalar.value
            defer { offset &+= 1 }
            if CodeUnitClass.isIgnorableScalar(raw) { continue }
            if CodeUnitClass.isWhitespaceScalar(raw) {
                if pendingStart < 0 { pendingStart = offset }
                if raw == 0x0A || raw == 0x0D || raw == 0x2028 || raw == 0x2029 || raw == 0x85 { pendingNewline = true }
                continue
            }
            let value = CodeUnitClass.fold(raw)
            if pendingStart >= 0 {
                if haveLast {
                    if pendingNewline, lastScalar == 0x2D, CodeUnitClass.isNonCJKWordScalar(value),
                       units.count >= 2, CodeUnitClass.isASCIIAlphanumeric(units[units.count - 2]) {
                        // A Latin word hyphenated across a line break: drop the hyphen too.
                        units.removeLast()
                        origins.removeLast()
                    } else if lastScalar <= 0xFFFF, CodeUnitClass.isBoundaryPunctuation(UInt16(lastScalar)) {
                        if pendingNewline {
                            units.append(0x0A)
                            origins.append(pendingStart)
                        }
                    } else if CodeUnitClass.isNonCJKWordScalar(lastScalar) && CodeUnitClass.isNonCJKWordScalar(value) {
                        units.append(0x20)
                        origins.append(pendingStart)
                    }
                }
                pendingStart = -1
                pendingNewline = false
            }
            if value <= 0xFFFF {
                units.append(UInt16(value))
                origins.append(offset)
            } else {
                let v = value - 0x10000
                units.append(UInt16(0xD800 + (v >> 10)))
                units.append(UInt16(0xDC00 + (v & 0x3FF)))
                origins.append(offset)
                origins.append(offset)
            }
            lastScalar = value
            haveLast = true
        }
        return NormalizedText(units: units, origins: origins)
    }

    /// The number of scalars, counted over contiguous UTF-8 (bytes that do not
    /// continue a sequence) instead of decoding scalar by scalar.
    @inline(__always)
    static func scalarCount(_ scalars: Substring.UnicodeScalarView) -> Int {
        Substring(scalars).utf8.withContiguousStorageIfAvailable { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count &+= 1 }
            return count
        } ?? scalars.count
    }
}
