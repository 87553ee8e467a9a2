/// The one JSON string escaper of the package, shared by the command-line
/// tool's JSONL writer and `MedExtractTesting`'s `score.py`-compatible report.
///
/// Both modes write non-ASCII characters as themselves and escape `"`, `\`,
/// and control characters (`\n`, `\r`, `\t`, `\b`, `\f` in short form, the
/// others as `\u00XX`). They differ in one point:
///
/// - ``Mode/pythonCompatible`` is byte-for-byte what Python's
///   `json.dumps(s, ensure_ascii=False)` writes;
/// - ``Mode/compact`` also escapes U+2028 and U+2029 (line and paragraph
///   separators), so that a JSONL line stays one line for JavaScript readers
///   and line-oriented tools.
@_spi(Tooling)
public enum JSONStringEscaper {
    /// Which characters beyond the JSON minimum are escaped.
    public enum Mode: Sendable, Hashable {
        /// Exactly Python's `json.dumps(..., ensure_ascii=False)`.
        case pythonCompatible
        /// Also escapes U+2028 and U+2029 (the CLI's JSONL output).
        case compact
    }

    /// `string` as a JSON string literal, quotes included.
    public static func quoted(_ string: String, mode: Mode) -> String {
        var string = string
        return string.withUTF8 { bytes in
            guard rewritesAny(bytes, mode: mode) else { return "\"" + String(decoding: bytes, as: UTF8.self) + "\"" }
            // At most six bytes for each (`\u001f`), and the quotes.
            return String(unsafeUninitializedCapacity: bytes.count * 6 + 2) { out in
                guard let base = out.baseAddress else { return 0 }
                base[0] = 0x22
                let written = escape(bytes, mode: mode, into: base + 1)
                base[written + 1] = 0x22
                return written + 2
            }
        }
    }

    /// Whether ``quoted(_:mode:)`` rewrites anything in the UTF-8 `bytes`:
    /// a control, `"`, `\`, and in ``Mode/compact`` U+2028 or U+2029.
    public static func rewritesAny(_ bytes: UnsafeBufferPointer<UInt8>, mode: Mode) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x20 || b == 0x22 || b == 0x5C { return true }
            if mode == .compact, isSeparator(bytes, at: i) { return true }
            i &+= 1
        }
        return false
    }

    /// Whether `bytes` hold U+2028 or U+2029 (E2 80 A8, E2 80 A9) at `i`.
    @inline(__always)
    private static func isSeparator(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        bytes[i] == 0xE2 && i &+ 2 < bytes.count && bytes[i &+ 1] == 0x80 && bytes[i &+ 2] & 0xFE == 0xA8
    }

    /// Writes the UTF-8 `bytes` (valid) escaped as ``quoted(_:mode:)``
    /// escapes them, without the quotes, at `target`, which has room for six
    /// bytes for each of `bytes`; returns how many it wrote. `"` and `\`,
    /// and the controls `\b \t \n \f \r`, take a backslash; the other
    /// controls (and in ``Mode/compact`` U+2028, U+2029) a `\u` escape in
    /// lowercase hex; every other byte is copied.
    public static func escape(_ bytes: UnsafeBufferPointer<UInt8>, mode: Mode, into target: UnsafeMutablePointer<UInt8>) -> Int {
        var o = 0
        var i = 0
        func hex(_ digit: UInt32) -> UInt8 {
            UInt8(truncatingIfNeeded: digit < 10 ? 0x30 + digit : 0x57 + digit)
        }
        func unicode(_ value: UInt32) {
            target[o] = 0x5C
            target[o &+ 1] = 0x75 // u
            target[o &+ 2] = hex(value >> 12 & 0xF)
            target[o &+ 3] = hex(value >> 8 & 0xF)
            target[o &+ 4] = hex(value >> 4 & 0xF)
            target[o &+ 5] = hex(value & 0xF)
            o &+= 6
        }
        while i < bytes.count {
            let b = bytes[i]
            if mode == .compact, isSeparator(bytes, at: i) {
                unicode(0x2000 | UInt32(bytes[i &+ 2] & 0x3F))
                i &+= 3
                continue
            }
            switch b {
            case 0x22, 0x5C:
                target[o] = 0x5C
                target[o &+ 1] = b
                o &+= 2
            case 0x08, 0x09, 0x0A, 0x0C, 0x0D:
                target[o] = 0x5C
                target[o &+ 1] = switch b {
                case 0x08: 0x62 // b
                case 0x09: 0x74 // t
                case 0x0A: 0x6E // n
                case 0x0C: 0x66 // f
                default: 0x72 // r
                }
                o &+= 2
            case 0x00 ..< 0x20:
                unicode(UInt32(b))
            default:
                target[o] = b
                o &+= 1
            }
            i &+= 1
        }
        return o
    }
}
