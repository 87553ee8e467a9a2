import CICU
import Foundation

/// Decodes a plain-text input to a `String`: strict UTF-8 by default, UTF-16
/// when the bytes start with a UTF-16 byte-order mark (the mark is dropped),
/// or the charset given with `--encoding`, through ICU's converters. An
/// invalid byte sequence is an error naming its byte offset, unless `lossy`
/// (then it becomes U+FFFD). When bytes that are not UTF-8 read cleanly as
/// GB18030, the error says to use `--encoding gb18030`: `--lossy` would turn
/// the Chinese text into U+FFFD.
enum TextDecoding {
    /// A decoded text or why not.
    enum Decoded {
        case success(String)
        case failure(String)
    }

    static func decode(_ data: Data, encoding: InputEncoding?, lossy: Bool) -> Decoded {
        let bytes = [UInt8](data)
        var chosen = encoding
        var body = bytes[...]
        if chosen == nil || chosen == .utf16 {
            if bytes.starts(with: [0xFF, 0xFE]) {
                chosen = .utf16le
                body = bytes.dropFirst(2)
            } else if bytes.starts(with: [0xFE, 0xFF]) {
                chosen = .utf16be
                body = bytes.dropFirst(2)
            }
        }
        guard let chosen, chosen != .utf8 else {
            if !lossy, let offset = UTF8Validation.firstInvalidOffset(bytes) {
                var reason = "invalid UTF-8 at byte offset \(offset)"
                if encoding == nil, case .success = convert(bytes[...], from: .gb18030, lossy: false) {
                    reason += "; the bytes read as GB18030: use --encoding gb18030 (--lossy would replace the Chinese text with U+FFFD)"
                } else {
                    reason += " (use --lossy to replace invalid bytes with U+FFFD)"
                }
                return .failure(reason)
            }
            return .success(String(decoding: bytes, as: UTF8.self))
        }
        switch convert(body, from: chosen, lossy: lossy) {
        case .success(let text): return .success(text)
        case .failure(let offset, let code):
            let start = body.startIndex
            if let offset {
                return .failure("invalid \(chosen.displayName) at byte offset \(offset + start) (use --lossy to replace invalid bytes with U+FFFD)")
            }
            return .failure("cannot decode \(chosen.displayName) (ICU error \(code))")
        }
    }

    enum Converted {
        case success(String)
        /// The byte offset of the bad sequence (into the slice's bytes), or
        /// nil for another failure, and the ICU error code.
        case failure(Int?, Int32)
    }

    /// Converts bytes through ICU to a String.
    static func convert(_ bytes: ArraySlice<UInt8>, from encoding: InputEncoding, lossy: Bool) -> Converted {
        guard bytes.count < Int(Int32.max) / 2 else { return .failure(nil, 8) } // U_BUFFER_OVERFLOW_ERROR
        if bytes.isEmpty { return .success("") }
        let capacity = bytes.count + 2
        var units = [UInt16](repeating: 0, count: capacity)
        var invalid: Int32 = -1
        var code: Int32 = 0
        let written = bytes.withUnsafeBufferPointer { source in
            units.withUnsafeMutableBufferPointer { dest in
                source.baseAddress?.withMemoryRebound(to: CChar.self, capacity: source.count) { pointer in
                    cicu_convert_to_utf16(encoding.converterName, pointer, Int32(source.count), dest.baseAddress, Int32(capacity), lossy ? 1 : 0, &invalid, &code)
                } ?? -1
            }
        }
        guard written >= 0 else { return .failure(invalid >= 0 ? Int(invalid) : nil, code) }
        return .success(String(decoding: units[0 ..< Int(written)], as: UTF16.self))
    }
}
