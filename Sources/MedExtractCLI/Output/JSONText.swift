/// Writes JSON text by hand: keys in a fixed, readable order and no
/// Foundation round trip on the output path.
struct JSONText {
    private(set) var text = ""

    /// Appends a JSON string literal.
    static func quoted(_ string: String) -> String {
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
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
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

    /// Whether `quoted` must escape anything in `string`: a control
    /// character, `"`, `\\`, or U+2028/U+2029 (lead byte 0xE2, checked
    /// conservatively).
    @inline(__always)
    static func needsEscaping(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 { return true }
            return false
        }
    }

    /// A JSON number for a Double: integers without a fraction.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
