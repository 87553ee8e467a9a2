#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A strict, allocation-light reader of the one shape a JSONL document line
/// has: an object whose `"text"` is a string and whose `"id"` is a string or
/// `null`, other members skipped. The text is decoded straight from the line
/// into one `String` (no `Data`, no Foundation object tree), so a huge
/// one-line document is copied once.
///
/// It accepts only what it is sure of: valid JSON (RFC 8259) in valid UTF-8
/// (every string is checked, and the grammar outside strings is ASCII) of that shape,
/// without a `\u0000` or an unpaired surrogate escape, and with `id` and
/// `text` each given at most once. For anything else it returns nil and the
/// caller parses the line with `JSONSerialization`, which reports exactly
/// what is wrong; so the answer is the same as Foundation's wherever this
/// one gives one.
struct JSONLineFields {
    /// The `"id"` member: nil when absent or `null`.
    var id: String?
    /// The `"text"` member.
    var text: String

    /// Reads `bytes`, or nil when the line is not of the simple shape or not
    /// valid UTF-8 (see the type's documentation): the caller validates
    /// only the lines this reader does not accept.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONLineFields? {
        var parser = Parser(bytes: bytes)
        return parser.document()
    }

    /// Whether any of the eight bytes of `word` is a quote, a backslash or below 0x20.
    @inline(__always)
    static func hasSpecialByte(_ word: UInt64) -> Bool {
        specialBytes(word) != 0
    }

    /// The high bit of each byte of `word` (little-endian: byte 0 lowest)
    /// that may be a quote, a backslash or below 0x20; 0 when none is. The
    /// lowest bit set is exact: the tests borrow only from a byte that is
    /// one into the bytes above it, so a byte below the first special byte
    /// is never marked, and `trailingZeroBitCount / 8` is its offset.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        // A zero byte of `quote` or `backslash`; a byte of `word` below 0x20.
        let found = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
        return found & (ones &* 0x80)
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        /// Nesting deeper than this is left to Foundation.
        static let maxDepth = 256

        mutating func document() -> JSONLineFields? {
            skipSpace()
            guard next(0x7B) else { return nil } // {
            var id: String?
            var sawID = false
            var text: String?
            skipSpace()
            if !next(0x7D) {
                while true {
                    skipSpace()
                    guard let key = stringRange(surrogates: false), isValidUTF8(key) else { return nil }
                    skipSpace()
                    guard next(0x3A) else { return nil } // :
                    skipSpace()
                    switch keyKind(key) {
                    case .id:
                        guard !sawID else { return nil }
                        sawID = true
                        if literal("null") {
                            id = nil
                        } else {
                            guard let range = stringRange(surrogates: true), let value = decode(range) else { return nil }
                            id = value
                        }
                    case .text:
                        guard text == nil, let range = stringRange(surrogates: true), let value = decode(range) else { return nil }
                        text = value
                    case .other:
                        guard skipValue(depth: 0) else { return nil }
                    case .unknown:
                        return nil
                    }
                    skipSpace()
                    if next(0x2C) { continue } // ,
                    guard next(0x7D) else { return nil } // }
                    break
                }
            }
            skipSpace()
            guard i == bytes.count, let text else { return nil }
            return JSONLineFields(id: id, text: text)
        }

        // MARK: Tokens

        @inline(__always)
        func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

        @inline(__always)
        mutating func next(_ byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x09, 0x0A, 0x0D: i += 1
                default: return
                }
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard bytes.count - i >= count else { return false }
            let start = word.utf8Start
            for k in 0 ..< count where bytes[i + k] != start[k] { return false }
            i += count
            return true
        }

        /// The bytes between the quotes of the string at `i` (escapes still
        /// in), after checking it: no raw control character, only valid
        /// escapes, surrogate escapes only when `surrogates` (``decode(_:)``
        /// checks their pairing), no `\u0000`; `i` moves past the closing quote.
        mutating func stringRange(surrogates: Bool) -> Range<Int>? {
            guard next(0x22) else { return nil }
            let start = i
            while i < bytes.count {
                // Eight bytes at a time while none of them is a quote, a
                // backslash or a control character (SWAR tests, exact);
                // else straight to the first one that is (not a byte at a
                // time, reading the same word again for each).
                if i + 8 <= bytes.count, let base = bytes.baseAddress {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                    let special = JSONLineFields.specialBytes(word)
                    if special == 0 {
                        i += 8
                        continue
                    }
                    i += special.trailingZeroBitCount &>> 3
                }
                let byte = bytes[i]
                if byte == 0x22 {
                    defer { i += 1 }
                    return start ..< i
                }
                if byte < 0x20 { return nil }
                if byte == 0x5C {
                    guard i + 1 < bytes.count else { return nil }
                    switch bytes[i + 1] {
                    case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: i += 2
                    case 0x75:
                        guard i + 6 <= bytes.count else { return nil }
                        for k in 2 ..< 6 where Self.hexValue(bytes[i + k]) == nil { return nil }
                        let value = Self.hex4(bytes, i + 2)
                        if value == 0 || (!surrogates && value >= 0xD800 && value < 0xE000) { return nil }
                        i += 6
                    default: return nil
                    }
                    continue
                }
                i += 1
            }
            return nil
        }

        enum KeyKind { case id, text, other, unknown }

        /// Which member a key names; keys with escapes are left to Foundation.
        func keyKind(_ range: Range<Int>) -> KeyKind {
            let key = UnsafeBufferPointer(rebasing: bytes[range])
            if key.contains(0x5C) { return .unknown }
            if key.elementsEqual("id".utf8) { return .id }
            if key.elementsEqual("text".utf8) { return .text }
            return .other
        }

        /// The string a checked string body stands for, or nil for a
        /// `\u0000`, an unpaired surrogate escape or ill-formed UTF-8.
        func decode(_ range: Range<Int>) -> String? {
            let body = UnsafeBufferPointer(rebasing: bytes[range])
            guard body.contains(0x5C) else { return Self.validString(body) }
            var failed = false
            // Escapes never decode longer than they are written. They decode
            // to well-formed UTF-8, so checking the result once (making the
            // string) checks the bytes between them.
            let decoded = [UInt8](unsafeUninitializedCapacity: body.count) { out, written in
                var o = 0
                defer { written = o }
                var k = 0
                while k < body.count {
                    guard body[k] == 0x5C else {
                        // The run up to the next escape (found by `memchr`), copied at once.
                        var end = body.count
                        if let source = body.baseAddress, let found = memchr(source + (k + 1), 0x5C, body.count - (k + 1)) {
                            end = UnsafeRawPointer(found) - UnsafeRawPointer(source)
                        }
                        if let source = body.baseAddress, let target = out.baseAddress {
                            (target + o).update(from: source + k, count: end - k)
                        }
                        o += end - k
                        k = end
                        continue
                    }
                    let kind = body[k + 1]
                    k += 2
                    var scalar: UInt32
                    switch kind {
                    case 0x62: scalar = 0x08
                    case 0x66: scalar = 0x0C
                    case 0x6E: scalar = 0x0A
                    case 0x72: scalar = 0x0D
                    case 0x74: scalar = 0x09
                    case 0x75:
                        scalar = Self.hex4(body, k)
                        k += 4
                        if scalar >= 0xD800 && scalar < 0xDC00 {
                            guard k + 6 <= body.count, body[k] == 0x5C, body[k + 1] == 0x75 else { failed = true; return }
                            let low = Self.hex4(body, k + 2)
                            guard low >= 0xDC00 && low < 0xE000 else { failed = true; return }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            k += 6
                        } else if scalar >= 0xDC00 && scalar < 0xE000 || scalar == 0 {
                            failed = true
                            return
                        }
                    default: scalar = UInt32(kind) // " \ /
                    }
                    o += Self.encode(scalar, into: out, at: o)
                }
            }
            return failed ? nil : decoded.withUnsafeBufferPointer { Self.validString($0) }
        }

        /// `String(validating: bytes, as: UTF8.self)`, made with the decoding
        /// initialiser, which is specialised for UTF-8 (the validating one
        /// looks generic metadata up at every call, about a thousand
        /// instructions a string). Decoding repairs ill-formed bytes with
        /// U+FFFD, which no ill-formed sequence is, so the string has exactly
        /// the bytes given when, and only when, they were well-formed.
        static func validString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
            var string = String(decoding: bytes, as: UTF8.self)
            let same = string.withUTF8 { made in
                guard made.count == bytes.count else { return false }
                guard let p = made.baseAddress, let q = bytes.baseAddress else { return true }
                return memcmp(p, q, bytes.count) == 0
            }
            return same ? string : nil
        }

        /// Whether the bytes in `range` are valid UTF-8 (checked where no
        /// `String` is made of them, which would check them itself).
        func isValidUTF8(_ range: Range<Int>) -> Bool {
            UTF8Validation.firstInvalidOffset(UnsafeBufferPointer(rebasing: bytes[range])) == nil
        }

        /// Skips one JSON value, checking its grammar.
        mutating func skipValue(depth: Int) -> Bool {
            guard depth < Self.maxDepth, let byte = peek() else { return false }
            switch byte {
            case 0x22: return stringRange(surrogates: false).map(isValidUTF8) ?? false
            case 0x7B, 0x5B: // { [
                let close: UInt8 = byte == 0x7B ? 0x7D : 0x5D
                i += 1
                skipSpace()
                if next(close) { return true }
                while true {
                    skipSpace()
                    if byte == 0x7B {
                        guard let key = stringRange(surrogates: false), isValidUTF8(key) else { return false }
                        skipSpace()
                        guard next(0x3A) else { return false }
                        skipSpace()
                    }
                    guard skipValue(depth: depth + 1) else { return false }
                    skipSpace()
                    if next(0x2C) { continue }
                    return next(close)
                }
            case 0x74: return literal("true")
            case 0x66: return literal("false")
            case 0x6E: return literal("null")
            default: return number()
            }
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, at most 15 characters: a number
        /// any parser holds exactly (exponents and long ones are left to Foundation).
        mutating func number() -> Bool {
            let start = i
            _ = next(0x2D)
            guard let first = peek(), Self.isDigit(first) else { return false }
            i += 1
            if first != 0x30 { skipDigits() }
            if next(0x2E) {
                guard let d = peek(), Self.isDigit(d) else { return false }
                skipDigits()
            }
            if let e = peek(), e == 0x65 || e == 0x45 { return false }
            return i - start <= 15
        }

        mutating func skipDigits() {
            while let d = peek(), Self.isDigit(d) { i += 1 }
        }

        // MARK: Characters

        @inline(__always)
        static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

        static func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case 0x30 ... 0x39: UInt32(byte - 0x30)
            case 0x41 ... 0x46: UInt32(byte - 0x41 + 10)
            case 0x61 ... 0x66: UInt32(byte - 0x61 + 10)
            default: nil
            }
        }

        /// Four hex digits checked by ``stringRange()``.
        static func hex4(_ body: UnsafeBufferPointer<UInt8>, _ k: Int) -> UInt32 {
            var value: UInt32 = 0
            for j in k ..< k + 4 { value = value << 4 | (hexValue(body[j]) ?? 0) }
            return value
        }

        /// Writes `scalar` as UTF-8 at `o`; returns the number of bytes.
        static func encode(_ scalar: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at o: Int) -> Int {
            switch scalar {
            case 0 ..< 0x80:
                out[o] = UInt8(scalar)
                return 1
            case 0x80 ..< 0x800:
                out[o] = UInt8(0xC0 | scalar >> 6)
                out[o + 1] = UInt8(0x80 | scalar & 0x3F)
                return 2
            case 0x800 ..< 0x10000:
                out[o] = UInt8(0xE0 | scalar >> 12)
                out[o + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
                out[o + 2] = UInt8(0x80 | scalar & 0x3F)
                return 3
            default:
                out[o] = UInt8(0xF0 | scalar >> 18)
                out[o + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
                out[o + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
                out[o + 3] = UInt8(0x80 | scalar & 0x3F)
                return 4
            }
        }
    }
}
