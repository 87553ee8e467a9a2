import Foundation
import Testing
@testable import MedExtractCLI
@_spi(Tooling) import MedExtract

/// JSONL line parsing in process: every malformed line is a failure with its
/// line, never a crash.
@Suite("JSONL line parsing")
struct JSONLineParsingTests {
    static func lone(_ json: String) -> [Int] { JSONSurrogates.loneEscapes(in: Array(json.utf8)) }

    @Test func loneSurrogateEscapesAreFound() {
        #expect(Self.lone(#"{"t":"\ud800"}"#) == [6])
        #expect(Self.lone(#"{"t":"\udc00"}"#) == [6])
        #expect(Self.lone(#"{"t":"\ud83d\ude00"}"#) == [])
        #expect(Self.lone(#"{"t":"\ud83d\ud83d\ude00"}"#) == [6])
        #expect(Self.lone(#"{"t":"\\ud800"}"#) == [], "an escaped backslash, not an escape")
        #expect(Self.lone(#"{"t":"\ud800x","u":"\udfff"}"#) == [6, 20])
        #expect(Self.lone(#"{"t":"\ud800"#) == [6], "unterminated")
        #expect(Self.lone(#"{"t":"\u12"}"#) == [], "truncated escape")
        #expect(Self.lone(#"{"\ud800":"x"}"#) == [2], "keys too")
        #expect(Self.lone("") == [])
    }

    @Test func repairKeepsLengthAndParses() throws {
        let bytes = Array(#"{"id":"x","text":"a\ud800b\udc00"}"#.utf8)
        let lone = JSONSurrogates.loneEscapes(in: bytes)
        let repaired = JSONSurrogates.repaired(bytes, lone: lone)
        #expect(repaired.count == bytes.count)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(repaired)) as? [String: Any])
        #expect(object["text"] as? String == "a\u{FFFD}b\u{FFFD}")
    }

    @Test func failuresNameTheLine() {
        let source = DocumentSource(paths: [])
        func reason(_ line: String, byteOffset: Int? = nil) -> String? {
            if case .failure(let failure) = source.parseJSONLine(Array(line.utf8), path: "f.jsonl", lineNumber: 7, byteOffset: byteOffset) {
                #expect(failure.line == 7)
                #expect(failure.description.hasPrefix("f.jsonl:7: "))
                return failure.reason
            }
            return nil
        }
        #expect(reason("{") != nil)
        #expect(reason("null") == "expected a JSON object")
        #expect(reason(#"{"text":1}"#) == "\"text\" is not a string")
        #expect(reason(#"{"text":"a","id":1.5}"#) == "\"id\" is not a string")
        #expect(reason(#"{"text":"a","id":true}"#) == "\"id\" is not a string")
        #expect(reason(#"{"id":"a"}"#) == "missing \"text\"")
        #expect(reason(#"{"text":"\ud800"}"#)?.hasPrefix("unpaired UTF-16 surrogate escape at byte offset 9 of the line") == true)
        #expect(reason(#"{"text":"\ud800"}"#, byteOffset: 100)?.hasPrefix("unpaired UTF-16 surrogate escape at byte offset 109 (offset 9 in the line") == true)
        #expect(reason(#"{"text":"ok","id":null}"#) == nil, "a null id falls back to file:line")
        #expect(reason(String(repeating: "{\"a\":", count: 50_000)) != nil, "deep nesting is an error, not a stack overflow")
    }

    /// The Foundation-free reader gives exactly what `JSONSerialization`
    /// gives wherever it answers, and leaves everything unusual to it.
    @Test func fastReaderAgreesWithFoundation() throws {
        let lines = [
            #"{"id":"a","text":"北京协和医院"}"#,
            #" { "text" : "x\ny\t\"q\" \\ \/ \b\f\r" , "id" : null } "#,
            #"{"text":"\u5317\u4eac \ud83d\ude00 \u00e9","id":"\u0041"}"#,
            #"{"gold":[{"start":0,"end":2,"label":"H","x":[1,-2.5,0,true,false,null,{}],"y":[]}],"text":"t"}"#,
            #"{"n":-0.125,"m":{"a":{"b":["c"]}},"text":"","id":""}"#,
            "{\"text\":\"\u{FEFF}开头\"}",
            #"{"text":"a","text":"b"}"#, #"{"id":"a","id":"b","text":"c"}"#,
            #"{"te\u0078t":"a"}"#, #"{"text":"\u0000"}"#, #"{"text":"\ud800"}"#, #"{"x":"\udc00","text":"a"}"#,
            #"{"x":1e5,"text":"a"}"#, #"{"x":12345678901234567890,"text":"a"}"#, #"{"x":01,"text":"a"}"#,
            #"{"text":"a",}"#, #"{"text":"a"} x"#, #"["text"]"#, #"{"text":"a\x"}"#, #"{"text":"a"#, "{\"text\":\"a\tb\"}",
        ]
        for line in lines {
            let bytes = Array(line.utf8)
            guard let fast = bytes.withUnsafeBufferPointer(JSONLineFields.read) else { continue }
            // As the CLI calls Foundation: raw byte-order marks in strings escaped first.
            let foundationBytes = JSONByteOrderMarks.escaped(bytes) ?? bytes
            let object = try #require(try JSONSerialization.jsonObject(with: Data(foundationBytes), options: [.fragmentsAllowed]) as? [String: Any], "\(line)")
            #expect(fast.text == object["text"] as? String, "\(line)")
            #expect(fast.text.unicodeScalars.elementsEqual((object["text"] as? String ?? "").unicodeScalars), "\(line)")
            #expect(fast.id == object["id"] as? String, "\(line)")
        }
        func reads(_ line: String) -> Bool { Array(line.utf8).withUnsafeBufferPointer(JSONLineFields.read) != nil }
        #expect(reads(lines[0]) && reads(lines[1]) && reads(lines[2]) && reads(lines[3]) && reads(lines[4]) && reads(lines[5]))
        for line in lines[6...] { #expect(!reads(line), "left to Foundation: \(line)") }
    }

    /// The reader runs before any validation of the line: a line with an
    /// ill-formed UTF-8 sequence anywhere (the text, the id, a key, a skipped
    /// member, its keys) is never read, so the caller reports the offset.
    @Test func fastReaderRefusesInvalidUTF8Anywhere() {
        let valid = Array(#"{"id":"甲","k":{"键":["值"]},"text":"北京医院"}"#.utf8)
        #expect(valid.withUnsafeBufferPointer(JSONLineFields.read) != nil)
        // Every non-ASCII byte in turn replaced by ill-formed bytes: a stray
        // continuation, a surrogate's encoding, an overlong lead, a byte never in UTF-8.
        var invalid = 0
        for i in valid.indices where valid[i] >= 0x80 {
            for bad: [UInt8] in [[0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF8]] {
                var line = valid
                line.replaceSubrange(i ... i, with: bad)
                // Some replacements are still well-formed (a continuation byte for another).
                guard String(validating: line, as: UTF8.self) == nil else { continue }
                invalid += 1
                #expect(line.withUnsafeBufferPointer(JSONLineFields.read) == nil, "byte \(i) as \(bad)")
            }
        }
        #expect(invalid >= 30)
        // The same in a text with an escape (decoded by hand, not by String).
        var escaped = Array(#"{"text":"\n医院"}"#.utf8)
        #expect(escaped.withUnsafeBufferPointer(JSONLineFields.read)?.text == "\n医院")
        escaped[escaped.count - 4] = 0xFF
        #expect(escaped.withUnsafeBufferPointer(JSONLineFields.read) == nil)
        // A truncated four-byte sequence before an ASCII byte is repaired to
        // one U+FFFD of the same three bytes' length: refused all the same,
        // with and without an escape in the text.
        let truncated: [UInt8] = [0xF0, 0x90, 0x80]
        for head in [#"{"text":"医院"#, #"{"text":"\n医院"#] {
            let line = Array(head.utf8) + truncated + Array(#"a"}"#.utf8)
            #expect(line.withUnsafeBufferPointer(JSONLineFields.read) == nil, "\(head)")
        }
    }

    /// The eight-byte test for the bytes a JSON string scan stops at is
    /// exact: it agrees with testing each byte, on random words and on
    /// words holding each special byte in each position.
    @Test func specialByteTestIsExact() {
        func slow(_ word: UInt64) -> Bool {
            (0 ..< 8).contains { k in
                let byte = UInt8(truncatingIfNeeded: word >> (8 * UInt64(k)))
                return byte == 0x22 || byte == 0x5C || byte < 0x20
            }
        }
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        var words: [UInt64] = []
        for _ in 0 ..< 20_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            words.append(seed)
            // Mostly bytes a text has (0x20 and up), with one special byte.
            let plain = (seed | 0x2020_2020_2020_2020) & 0x7F7F_7F7F_7F7F_7F7F | 0x4040_4040_4040_4040
            words.append(plain)
            for special: UInt64 in [0x22, 0x5C, 0x00, 0x1F, 0x0A, 0x21, 0x23, 0x5B, 0x5D, 0x20, 0x80, 0xA2, 0xDC] {
                let k = UInt64(seed >> 61) * 8
                words.append(plain & ~(0xFF << k) | special << k)
            }
        }
        var mismatches = 0
        for word in words where JSONLineFields.hasSpecialByte(word) != slow(word) { mismatches += 1 }
        #expect(mismatches == 0)
        #expect(words.contains { JSONLineFields.hasSpecialByte($0) } && words.contains { !JSONLineFields.hasSpecialByte($0) })
        // The lowest marked byte is the first special one (the scan jumps there).
        func firstSpecial(_ word: UInt64) -> Int? {
            (0 ..< 8).first { k in
                let byte = UInt8(truncatingIfNeeded: word >> (8 * UInt64(k)))
                return byte == 0x22 || byte == 0x5C || byte < 0x20
            }
        }
        var wrongOffsets = 0
        for word in words {
            let marked = JSONLineFields.specialBytes(word)
            let offset = marked == 0 ? nil : marked.trailingZeroBitCount / 8
            if offset != firstSpecial(word) { wrongOffsets += 1 }
        }
        #expect(wrongOffsets == 0)
        // Two special bytes next to each other, the borrow of the lower one
        // reaching the upper: the offset is still the lower one's.
        #expect(JSONLineFields.specialBytes(0x4141_4141_4120_1F41).trailingZeroBitCount / 8 == 1)
    }

    /// The writer's eight-byte test for bytes the escaper may rewrite agrees
    /// with testing each byte, for every special byte at every offset of
    /// strings of 0 to 24 bytes; what it writes is the escaper's literal.
    @Test func writerEscapeTestIsExact() {
        func slow(_ bytes: [UInt8]) -> Bool { bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 } }
        for length in 0 ... 24 {
            let plain = Array(String(repeating: "医a", count: 8).utf8.prefix(length))
            var samples = [plain]
            for offset in 0 ..< length {
                for special: UInt8 in [0x00, 0x1F, 0x0A, 0x22, 0x5C, 0xE2, 0x20, 0x21, 0x5B, 0xE1, 0xE3, 0x7F] {
                    var bytes = plain
                    bytes[offset] = special
                    samples.append(bytes)
                }
            }
            for bytes in samples {
                #expect(bytes.withUnsafeBufferPointer(EntityJSON.mayNeedEscaping) == slow(bytes), "\(bytes)")
            }
        }
        // The exact test: a string needs escaping when, and only when, the
        // escaper's literal is not the string in quotes (0xE2 leads `“”—…`
        // as well as U+2028 and U+2029).
        let texts = ["", "某医院", "a\"b", "\\", "x\u{2028}y", "x\u{2029}", "\u{2027}\u{202A}", "“某医院”", "—…•", "tab\there",
                     String(repeating: "医院", count: 9) + "\n", "长“引号”里的医院名称—破折号\u{2028}"]
        for text in texts {
            let exact = Array(text.utf8).withUnsafeBufferPointer(EntityJSON.needsEscaping)
            #expect(exact == (Self.referenceQuoted(text, compact: true) != "\"" + text + "\""), "\(text)")
        }
        for text in texts {
            var out: [UInt8] = []
            EntityJSON.appendQuoted(text, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == Self.referenceQuoted(text, compact: true), "\(text)")
        }
    }

    /// JSON's escapes (RFC 8259) scalar by scalar, the definition the
    /// byte-level escaper is held to: `"` and `\\`, the short forms of
    /// five controls, `\\u00XX` for the others, and in compact mode
    /// `\\u2028` and `\\u2029`.
    static func referenceQuoted(_ string: String, compact: Bool) -> String {
        var out = "\""
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
                if scalar.value < 0x20 || compact && (scalar.value == 0x2028 || scalar.value == 0x2029) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// The byte-level escaper writes JSON's escapes, for every ASCII
    /// character alone and among ideographs, U+2028 and U+2029, and the
    /// other characters led by 0xE2, in both modes; both of the CLI's
    /// writers (the stack buffer's and the appending one) write the same.
    @Test func byteEscaperWritesJSONEscapes() {
        var texts = (0 ..< 0x80).map { String(UnicodeScalar(UInt8($0))) }
        texts += (0 ..< 0x80).map { "医" + String(UnicodeScalar(UInt8($0))) + "院\u{2028}" }
        texts += ["\u{2028}", "\u{2029}", "a\u{2029}b", "“”—…\u{2027}\u{202A}", "\n\n长治\r\n", "\u{7F}\u{1F}\u{0}", ""]
        for text in texts {
            let compact = Self.referenceQuoted(text, compact: true)
            #expect(JSONStringEscaper.quoted(text, mode: .compact) == compact, "\(Array(text.unicodeScalars))")
            #expect(JSONStringEscaper.quoted(text, mode: .pythonCompatible) == Self.referenceQuoted(text, compact: false), "\(Array(text.unicodeScalars))")
            var appended: [UInt8] = []
            EntityJSON.appendQuoted(text, to: &appended)
            #expect(String(decoding: appended, as: UTF8.self) == compact, "\(Array(text.unicodeScalars))")
            let scratch: [UInt8]? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { buffer in
                guard var writer = ScratchWriter(buffer) else { return nil }
                writer.quoted(text)
                return writer.failed ? nil : Array(writer.written)
            }
            #expect(scratch == appended, "\(Array(text.unicodeScalars))")
        }
    }

    /// Strings longer than one eight-byte step, with the special bytes at
    /// every offset, read as Foundation reads them.
    @Test func longStringsWithEscapesAtEveryOffset() throws {
        for offset in 0 ..< 20 {
            let head = String(repeating: "医", count: offset / 3) + String(repeating: "a", count: offset % 3)
            for escape in [#"\n"#, #"\""#, #"\\"#, #"\u533b"#] {
                let line = #"{"id":"x","text":""# + head + escape + "院abcdefghij" + escape + #""}"#
                let bytes = Array(line.utf8)
                let fast = try #require(bytes.withUnsafeBufferPointer(JSONLineFields.read), "\(line)")
                let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
                #expect(fast.text == object["text"] as? String, "\(line)")
            }
            // A raw control character anywhere is refused.
            let bad = Array((#"{"text":""# + head + "\u{01}" + "abcdefghijklmnop" + #""}"#).utf8)
            #expect(bad.withUnsafeBufferPointer(JSONLineFields.read) == nil)
        }
    }
}
