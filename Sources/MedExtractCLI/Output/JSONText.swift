@_spi(Formatting) import MedExtract

/// Writes JSON text by hand: keys in a fixed, readable order and no
/// Foundation round trip on the output path.
struct JSONText {
    private(set) var text = ""

    /// A JSON string literal (compact mode: U+2028/U+2029 escaped too).
    static func quoted(_ string: String) -> String {
        JSONStringEscaper.quoted(string, mode: .compact)
    }

    /// A JSON number for a Double: integers without a fraction.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
