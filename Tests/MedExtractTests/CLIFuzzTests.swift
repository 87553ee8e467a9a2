import Foundation
import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract
@testable import MedExtractCLI

/// A randomized fuzz run over the JSONL line parser, the text decoders and
/// the library: random bytes, random JSON lines (with escapes, lone
/// surrogate escapes, controls, emoji, CJK outside the BMP), random Unicode
/// text and huge lines. Nothing may trap or hang, and every entity's offsets
/// must agree with its text. It runs for `MEDEXTRACT_FUZZ_SECONDS` seconds
/// (seed from `MEDEXTRACT_FUZZ_SEED`, default 1) and is skipped when the
/// variable is unset, so `swift test` stays fast:
///
///     MEDEXTRACT_FUZZ_SECONDS=600 swift test --filter CLIFuzzTests
@Suite("Fuzz: JSONL reader, decoders and library (env-gated)")
struct CLIFuzzTests {
    static let seconds = ProcessInfo.processInfo.environment["MEDEXTRACT_FUZZ_SECONDS"].flatMap(Double.init)

    static let pieces: [String] = [
        "医院", "人民医院", "宣武医院", "北京", "第一", "附属", "科", "内科", "心内科", "手术", "腹腔镜", "胆囊切除术",
        "例", "名", "台", "万", "元", "3", "12", "1.5", "%", "。", "，", "；", "！", "？", "\n", "\r\n", "\r", " ",
        "\u{3000}", "\t", "\u{2028}", "😀", "👨‍👩‍👧", "\u{20000}", "\u{2A6D6}", "e\u{301}", "\u{200D}", "\u{FEFF}",
        "\u{FFFD}", "\u{0}", "\u{1F}", "\"", "\\", "א", "ab", "CT", "PCI", "月", "日", "岁", "院", "医",
    ]

    static func randomText<G: RandomNumberGenerator>(_ rng: inout G, maxPieces: Int) -> String {
        var text = ""
        for _ in 0 ..< Int.random(in: 0 ... maxPieces, using: &rng) {
            if Int.random(in: 0 ..< 8, using: &rng) == 0 {
                text.unicodeScalars.append(Unicode.Scalar(UInt32.random(in: 0x20 ... 0xD7FF, using: &rng)) ?? "x")
            } else {
                text += pieces[Int.random(in: 0 ..< pieces.count, using: &rng)]
            }
        }
        return text
    }

    /// A JSON string literal for `text`, with random (valid or lone
    /// surrogate) `\u` escapes.
    static func jsonString<G: RandomNumberGenerator>(_ text: String, _ rng: inout G) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch Int.random(in: 0 ..< 20, using: &rng) {
            case 0:
                for unit in String(scalar).utf16 { out += String(format: "\\u%04x", unit) }
                continue
            case 1:
                out += String(format: "\\u%04x", UInt16.random(in: 0xD800 ... 0xDFFF, using: &rng))
            default: break
            }
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    @Test(.enabled(if: seconds != nil)) func fuzz() throws {
        let seconds = try #require(Self.seconds)
        let seed = ProcessInfo.processInfo.environment["MEDEXTRACT_FUZZ_SEED"].flatMap(UInt64.init) ?? 1
        var rng = SplitMix(state: seed)
        let extractor = try MedExtractor()
        let chunked = try MedExtractor(configuration: ExtractorConfiguration(chunkSize: 64))
        let strict = DocumentSource(paths: [])
        let lossy = DocumentSource(paths: [], lossy: true)
        let deadline = Date().addingTimeInterval(seconds)
        var rounds = 0, documents = 0, entities = 0
        while Date() < deadline {
            rounds += 1
            let kind = rounds % 5
            var lines: [[UInt8]] = []
            switch kind {
            case 0: // random bytes
                lines.append((0 ..< Int.random(in: 0 ... 300, using: &rng)).map { _ in UInt8.random(in: 0 ... 255, using: &rng) })
            case 1, 2: // random JSONL objects
                let text = Self.randomText(&rng, maxPieces: 60)
                var object = "{\"text\":" + Self.jsonString(text, &rng)
                if Bool.random(using: &rng) { object += ",\"id\":" + Self.jsonString(Self.randomText(&rng, maxPieces: 3), &rng) }
                if Int.random(in: 0 ..< 4, using: &rng) == 0 { object += ",\"entities\":[{\"start\":1}]" }
                object += "}"
                var bytes = Array(object.utf8)
                if Int.random(in: 0 ..< 6, using: &rng) == 0, !bytes.isEmpty { // damage it
                    bytes[Int.random(in: 0 ..< bytes.count, using: &rng)] = UInt8.random(in: 0 ... 255, using: &rng)
                }
                lines.append(bytes)
            case 3: // random Unicode text, straight to the library
                let text = Self.randomText(&rng, maxPieces: 200)
                for e in [extractor, chunked] {
                    let found = e.extract(from: text)
                    entities += found.count
                    if let problem = EntityInvariants.firstProblem(found, in: text) {
                        Issue.record("seed \(seed) round \(rounds): \(problem) in \(text.debugDescription)")
                    }
                }
            default: // a huge line every 50 rounds, else a long one
                let count = rounds % 50 == 4 ? 20_000 : 2_000
                let text = (0 ..< count / 10).map { _ in Self.randomText(&rng, maxPieces: 10) }.joined()
                lines.append(Array(("{\"id\":\"h\",\"text\":" + Self.jsonString(text, &rng) + "}").utf8))
            }
            for line in lines {
                for source in [strict, lossy] {
                    guard case .document(let document) = source.parseJSONLine(line, path: "f.jsonl", lineNumber: 1, byteOffset: 0) else { continue }
                    documents += 1
                    let found = extractor.extract(from: document.text)
                    entities += found.count
                    if let problem = EntityInvariants.firstProblem(found, in: document.text) {
                        Issue.record("seed \(seed) round \(rounds): \(problem)")
                    }
                }
                for encoding in InputEncoding.allCases {
                    _ = TextDecoding.decode(Data(line), encoding: encoding, lossy: Bool.random(using: &rng))
                }
                _ = TextDecoding.decode(Data(line), encoding: nil, lossy: false)
            }
        }
        print("fuzz: seed \(seed), \(rounds) rounds, \(documents) documents parsed, \(entities) entities checked in \(seconds) s")
    }
}
