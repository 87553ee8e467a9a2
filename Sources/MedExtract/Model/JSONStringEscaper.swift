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
@_spi(Formatting)
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
        if !needsEscaping(string) { return "\"" + string + "\"" }
        var out = "\""
        out.reserveCapacity(string.utf8.count + 2)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || (mode == .compact && (scalar.value == 0x2028 || scalar.value == 0x2029)) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    /// Whether `quoted` may have to escape anything in `string`: a control
    /// character, `"`, `\`, or a byte 0xE2 (the lead byte of U+2028/U+2029,
    /// checked conservatively in both modes).
    @inline(__always)
    static func needsEscaping(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 { return true }
            return false
        }
    }
}
