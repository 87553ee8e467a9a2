import Foundation
import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

/// Strict UTF-8 reading: the first invalid byte's offset, for every kind of
/// invalid sequence.
@Suite("Strict UTF-8 decoding")
struct TextFileTests {
    @Test(arguments: [
        ([0x61, 0x62], nil),
        ([], nil),
        ([0xEF, 0xBB, 0xBF, 0x61], nil),            // BOM
        ([0xF0, 0x9F, 0x98, 0x80], nil),            // 😀
        ([0x61, 0xFF], 1),                          // never valid
        ([0x61, 0x80], 1),                          // lone continuation byte
        ([0xC0, 0x80], 0),                          // overlong NUL
        ([0xE0, 0x80, 0x80], 0),                    // overlong
        ([0xED, 0xA0, 0x80], 0),                    // UTF-8-encoded surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),              // above U+10FFFF
        ([0x61, 0xE5, 0xAE], 1),                    // truncated at the end
        ([0xE5, 0xAE, 0x61], 0),                    // truncated before ASCII
        ([0xE5, 0xAE, 0xA3, 0xF0, 0x9F, 0x98], 3),  // 宣 then a truncated emoji
    ] as [([UInt8], Int?)])
    func firstInvalidOffset(bytes: [UInt8], expected: Int?) throws {
        #expect(TextFile.firstInvalidUTF8Offset(bytes) == expected)
        if let expected {
            #expect(throws: MedExtractError.invalidUTF8(path: "x", byteOffset: expected)) {
                _ = try TextFile.decode(Data(bytes), path: "x")
            }
        } else {
            #expect(try TextFile.decode(Data(bytes), path: "x") == String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func unreadablePathsSayWhy() {
        #expect(throws: MedExtractError.unreadableFile(path: "/nonexistent/file.tsv", reason: "no such file")) {
            _ = try TextFile.read("/nonexistent/file.tsv")
        }
        #expect(throws: MedExtractError.unreadableFile(path: "/", reason: "is a directory")) {
            _ = try TextFile.read("/")
        }
    }
}
