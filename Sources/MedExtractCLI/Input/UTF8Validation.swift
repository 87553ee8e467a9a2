/// Strict UTF-8 validation over contiguous bytes, a fast replacement for
/// ``MedExtract/TextFile/firstInvalidUTF8Offset(_:)`` on the input path: it
/// skips ASCII eight bytes at a time and checks multi-byte sequences against
/// the well-formed ranges of the Unicode Standard (table 3-7), so it reports
/// the same offset: the start of the first ill-formed sequence.
enum UTF8Validation {
    /// The byte offset of the first invalid UTF-8 sequence, or nil when valid.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidOffset($0) }
    }

    /// The byte offset of the first invalid UTF-8 sequence, or nil when valid.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var i = 0
        while i < count {
            // ASCII fast path, a word at a time.
            if i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let b0 = base[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            // Lead byte: sequence length and the allowed range of the second byte.
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch b0 {
            case 0xC2 ... 0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1 ... 0xEC, 0xEE ... 0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1 ... 0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + 1 < count, base[i + 1] >= low, base[i + 1] <= high else { return i }
            var k = 2
            while k < length {
                guard i + k < count, base[i + k] & 0xC0 == 0x80 else { return i }
                k += 1
            }
            i += length
        }
        return nil
    }
}
