/// Character classes over UTF-16 code units and Unicode scalar values, used on
/// the hot path instead of `Character` so that no grapheme breaking happens.
enum CodeUnitClass {
    /// A CJK unified ideograph (BMP blocks; astral ideographs are surrogate pairs
    /// and are treated as letters by the recognisers).
    @inline(__always)
    static func isIdeograph(_ u: UInt16) -> Bool {
        (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3400 && u <= 0x4DBF) || (u >= 0xF900 && u <= 0xFAFF) || u == 0x3007
    }

    /// An ideograph scalar, BMP or astral.
    @inline(__always)
    static func isIdeograph(scalar v: UInt32) -> Bool {
        if v <= 0xFFFF { return isIdeograph(UInt16(v)) }
        return v >= 0x20000 && v <= 0x3FFFF
    }

    /// ASCII digit `0`–`9`.
    @inline(__always)
    static func isDigit(_ u: UInt16) -> Bool { u >= 0x30 && u <= 0x39 }

    /// ASCII letter.
    @inline(__always)
    static func isASCIILetter(_ u: UInt16) -> Bool { (u | 0x20) >= 0x61 && (u | 0x20) <= 0x7A }

    /// ASCII letter or digit.
    @inline(__always)
    static func isASCIIAlphanumeric(_ u: UInt16) -> Bool { isDigit(u) || isASCIILetter(u) }

    /// A letter or digit of a non-CJK script (Latin, Greek, Cyrillic …), which
    /// keeps a separating space from its neighbour of the same kind.
    @inline(__always)
    static func isNonCJKWordScalar(_ v: UInt32) -> Bool {
        if v < 0x80 { return isASCIIAlphanumeric(UInt16(v)) }
        return (v >= 0xC0 && v <= 0x24F && v != 0xD7 && v != 0xF7) || (v >= 0x370 && v <= 0x52F)
    }

    /// Whitespace of any kind, including the ideographic space and C0/C1 controls.
    @inline(__always)
    static func isWhitespaceScalar(_ v: UInt32) -> Bool {
        switch v {
        case 0x00...0x20, 0x7F...0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Invisible format characters that carry no text: zero-width spaces and
    /// joiners, the word joiner, the byte-order mark, the soft hyphen.
    @inline(__always)
    static func isIgnorableScalar(_ v: UInt32) -> Bool {
        switch v {
        case 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }

    /// Punctuation that ends a sentence or clause, brackets and quotes: line
    /// breaks after them are kept as a boundary, never joined across.
    @inline(__always)
    static func isBoundaryPunctuation(_ u: UInt16) -> Bool {
        switch u {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF0C, 0x3001, 0xFF1A, // 。！？；，、：
             0x21, 0x3F, 0x3B, 0x2C, 0x3A, 0x2E, // ! ? ; , : .
             0x2026, 0x201C, 0x201D, 0x2018, 0x2019, // … “ ” ‘ ’
             0x300C, 0x300D, 0x300E, 0x300F, 0x300A, 0x300B, 0x3008, 0x3009, // 「」『』《》〈〉
             0x3010, 0x3011, 0x28, 0x29, 0x5B, 0x5D, 0x22, 0x27: // 【】()[]"'
            return true
        default:
            return false
        }
    }

    /// Sentence-final punctuation (`。！？；!?;` and the line break the
    /// normaliser keeps after punctuation): chunks are cut after these.
    @inline(__always)
    static func isSentenceEnd(scalar v: UInt32) -> Bool {
        switch v {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B, 0x0A: return true
        default: return false
        }
    }

    /// Folds one scalar to the form the recognisers see: full-width ASCII to
    /// ASCII, the many dashes to `-`, full-width tilde to `~`.
    @inline(__always)
    static func fold(_ v: UInt32) -> UInt32 {
        switch v {
        case 0xFF01...0xFF5E: return v - 0xFEE0
        case 0x2010...0x2013, 0x2043, 0x2212, 0xFE63, 0xFE58: return 0x2D
        case 0x301C: return 0x7E
        default: return v
        }
    }
    /// A line break: LF, VT, FF, CR, NEL, line and paragraph separators.
    @inline(__always)
    static func isLineBreakScalar(_ v: UInt32) -> Bool {
        (v >= 0x0A && v <= 0x0D) || v == 0x85 || v == 0x2028 || v == 0x2029
    }

    /// A scalar two display columns wide: CJK ideographs, kana, hangul, CJK
    /// and full-width punctuation and forms (and the quotes and dashes CJK
    /// fonts set full width).
    @inline(__always)
    static func isWide(scalar v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2014, 0x2018...0x201D, 0x2026, 0x2E80...0x303E, 0x3041...0x33FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Sentence-final punctuation only (`。！？；!?;`), after folding.
    @inline(__always)
    static func isSentenceFinal(_ v: UInt32) -> Bool {
        switch v {
        case 0x3002, 0x21, 0x3F, 0x3B: return true
        default: return false
        }
    }

    /// An ASCII capital letter.
    @inline(__always)
    static func isASCIIUppercase(_ u: UInt16) -> Bool { u >= 0x41 && u <= 0x5A }
}
