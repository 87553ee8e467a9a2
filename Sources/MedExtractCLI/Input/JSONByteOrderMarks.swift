/// Keeps U+FEFF written raw (UTF-8 `EF BB BF`) inside a JSON string.
///
/// Foundation's `JSONSerialization` drops a raw byte-order mark at the start
/// of a string value, so `{"text":"<BOM>北京"}` would yield `北京` and every
/// offset of the document would be one short. The escape `\uFEFF` survives,
/// so raw marks inside strings are rewritten as that escape before parsing.
enum JSONByteOrderMarks {
    /// `bytes` with every raw U+FEFF inside a JSON string replaced by the
    /// escape `\uFEFF` (the same scalar); bytes outside strings are untouched.
    /// Returns nil when there is nothing to replace.
    static func escaped(_ bytes: [UInt8]) -> [UInt8]? {
        guard containsMark(bytes) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var inString = false
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if inString, byte == UInt8(ascii: "\\"), i + 1 < bytes.count {
                out.append(byte)
                out.append(bytes[i + 1])
                i += 2
                continue
            }
            if byte == UInt8(ascii: "\"") { inString.toggle() }
            if inString, byte == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF {
                out.append(contentsOf: [0x5C, 0x75, 0x46, 0x45, 0x46, 0x46]) // \uFEFF
                i += 3
                continue
            }
            out.append(byte)
            i += 1
        }
        return out
    }

    private static func containsMark(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i + 2 < bytes.count {
            if bytes[i] == 0xEF, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { return true }
            i += 1
        }
        return false
    }
}
