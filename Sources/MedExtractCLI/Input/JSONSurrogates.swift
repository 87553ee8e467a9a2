/// Finds and repairs `\uD800`–`\uDFFF` escapes that do not form a UTF-16
/// surrogate pair in a JSON text: JSON allows them, but a Swift `String`
/// cannot hold them, so the parser rejects the line. Tools that write JSON
/// from broken text (Python's `json.dumps` with `ensure_ascii`) emit them.
enum JSONSurrogates {
    /// The byte offsets of the lone surrogate escapes (their backslash), in order.
    static func loneEscapes(in bytes: [UInt8]) -> [Int] {
        var lone: [Int] = []
        var i = 0
        var inString = false
        // A high surrogate escape waiting for its low half: its offset.
        var pendingHigh: Int?
        while i < bytes.count {
            let byte = bytes[i]
            if !inString {
                if byte == UInt8(ascii: "\"") { inString = true }
                i += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inString = false
                if let high = pendingHigh { lone.append(high) }
                pendingHigh = nil
                i += 1
                continue
            }
            guard byte == UInt8(ascii: "\\"), i + 1 < bytes.count else {
                if let high = pendingHigh { lone.append(high) }
                pendingHigh = nil
                i += 1
                continue
            }
            if bytes[i + 1] == UInt8(ascii: "u"), let unit = hexUnit(bytes, at: i + 2) {
                switch unit {
                case 0xD800 ... 0xDBFF:
                    if let high = pendingHigh { lone.append(high) }
                    pendingHigh = i
                case 0xDC00 ... 0xDFFF:
                    if pendingHigh == nil { lone.append(i) }
                    pendingHigh = nil
                default:
                    if let high = pendingHigh { lone.append(high) }
                    pendingHigh = nil
                }
                i += 6
            } else {
                // Another escape (`\"`, `\\`, `\n` …): two bytes.
                if let high = pendingHigh { lone.append(high) }
                pendingHigh = nil
                i += 2
            }
        }
        if let high = pendingHigh { lone.append(high) }
        return lone
    }

    /// `bytes` with every lone surrogate escape replaced by `\uFFFD` (same
    /// length, so byte offsets do not move).
    static func repaired(_ bytes: [UInt8], lone: [Int]) -> [UInt8] {
        var out = bytes
        for offset in lone where offset + 6 <= out.count {
            out.replaceSubrange(offset ..< offset + 6, with: Array("\\uFFFD".utf8))
        }
        return out
    }

    /// The UTF-16 unit of the four hex digits at `offset`, or nil.
    private static func hexUnit(_ bytes: [UInt8], at offset: Int) -> UInt16? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt16 = 0
        for byte in bytes[offset ..< offset + 4] {
            let digit: UInt16
            switch byte {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): digit = UInt16(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): digit = UInt16(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): digit = UInt16(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}
