import Foundation
import Testing
@testable import MedExtractCLI

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
}
