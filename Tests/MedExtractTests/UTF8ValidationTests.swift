import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract
@testable import MedExtractCLI

/// The input path's fast UTF-8 check reports exactly what the library's
/// reference decoder-based check reports.
@Suite("Fast UTF-8 validation")
struct UTF8ValidationTests {
    @Test("edge cases")
    func edgeCases() {
        let cases: [[UInt8]] = [
            [], Array("plain ASCII text, longer than a word".utf8), Array("晋城大医院".utf8), Array("😀𠀀".utf8),
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], Array("abcdefgh".utf8) + [0xE6, 0x99], Array("abcdefg".utf8) + [0xE6, 0x99, 0x8B, 0xFE],
        ]
        for bytes in cases {
            #expect(UTF8Validation.firstInvalidOffset(bytes) == TextFile.firstInvalidUTF8Offset(bytes), "\(bytes)")
        }
    }

    @Test("same offset as the reference on random byte strings", arguments: 0 ..< 4)
    func randomBytes(seed: UInt64) {
        var random = SplitMix(state: seed)
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array("医院".utf8), Array("😀".utf8), Array("12345678".utf8), [0x80], [0xC2], [0xE0, 0xA0], [0xED, 0xA0],
            [0xF0, 0x90], [0xF4, 0x90], [0xBF], [0xFF], [0xC0, 0xAF], [0xE2, 0x80, 0xA8],
        ]
        for _ in 0 ..< 2000 {
            var bytes: [UInt8] = []
            for _ in 0 ..< Int.random(in: 0 ... 12, using: &random) {
                bytes += pieces.randomElement(using: &random) ?? []
            }
            #expect(UTF8Validation.firstInvalidOffset(bytes) == TextFile.firstInvalidUTF8Offset(bytes), "\(bytes)")
        }
    }
}
