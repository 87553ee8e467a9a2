import Foundation
import PropertyBased
import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

/// The library never traps on any string, and its offsets are always right.
@Suite("Robustness on arbitrary strings")
struct RobustnessPropertyTests {
    /// The real built-in extractor, built once.
    static let builtin: MedExtractor? = try? MedExtractor()
    /// The same with the smallest chunk size, so random inputs are chunked.
    static let builtinChunked: MedExtractor? = try? MedExtractor(configuration: ExtractorConfiguration(chunkSize: 64))
    /// The built-in extractor plus the seeds' gold surfaces (so the fragments
    /// below do produce entities), unchunked and chunked.
    static let withGold = SeedExtractors.extractor()
    static let withGoldChunked = SeedExtractors.extractor(chunkSize: 64)

    static func extractors() throws -> [MedExtractor] {
        [try #require(builtin), try #require(builtinChunked), try #require(withGold), try #require(withGoldChunked)]
    }

    /// Pieces random inputs are made of: medical vocabulary fragments, digits,
    /// units, punctuation, whitespace, emoji, combining marks, right-to-left
    /// text, controls and U+FFFD.
    static let fragments: [String] = [
        // Vocabulary and fragments of names.
        "医院", "医", "院", "人民医院", "第一", "附属", "大学", "中医院", "妇幼保健院", "宣武医院", "协和",
        "科", "内科", "外科", "心内科", "呼吸与危重症医学科", "急诊科", "ICU", "中心", "病区",
        "手术", "腹腔镜", "胆囊切除术", "PCI", "CT", "MRI", "EBUS-TBNA", "冠状动脉造影", "介入", "治疗", "检查",
        "省", "市", "县", "区", "北京", "山西", "晋城", "大", "小", "晋城大医院", "首都医科大学", "基层医院",
        "患者", "例", "名", "台", "张", "床", "万", "亿", "元", "岁", "年", "月", "日", "次", "余", "近", "约", "超过",
        // Digits, numbers and units.
        "0", "1", "7", "12", "3.5", "1,000", "1，000", "２０２３", "一", "二十", "百", "千", "%", "％", "mg", "ml", "kg", "cm", "℃",
        "~", "～", "-", "—", "至", "/", ".", "·",
        // Punctuation.
        "。", "，", "、", "；", "：", "！", "？", "!", "?", ";", ",", "（", "）", "(", ")", "《", "》", "“", "”", "\"", "'", "【", "】", "…",
        // Whitespace and line ends.
        " ", "  ", "\u{3000}", "\t", "\n", "\n\n", "\r\n", "\r", "\u{2028}", "\u{85}", "\u{A0}",
        // Emoji, including sequences and modifiers.
        "😀", "👍🏽", "👨‍👩‍👧", "🇨🇳", "❤️", "1️⃣",
        // Combining marks and invisible format characters.
        "\u{301}", "e\u{301}", "\u{20DD}", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{AD}", "\u{FE0F}", "\u{2060}",
        // Right-to-left text and controls.
        "مستشفى", "בית חולים", "\u{202E}", "\u{200F}", "\u{061C}",
        // Control characters, U+FFFD, astral ideographs, private use, noncharacters.
        "\u{0}", "\u{1}", "\u{7}", "\u{1B}", "\u{7F}", "\u{9F}", "\u{FFFD}", "𠀀", "𪚥", "\u{E000}", "\u{FFFF}", "\u{10FFFF}",
        // Full-width and compatibility forms.
        "ＣＴ", "Ａ", "㎎", "Ⅲ",
    ]

    static let fragmentText = Gen<String?>.element(of: fragments).array(of: 0 ... 80)
        .map { $0.compactMap { $0 }.joined() }

    /// Any scalars at all (no surrogates: they are not scalars).
    static let anyScalars = Gen<UnicodeScalar>.unicodeScalar(in: "\u{0}" ... "\u{D7FF}").array(of: 0 ... 40)
    static let astralScalars = Gen<UnicodeScalar>.unicodeScalar(in: "\u{E000}" ... "\u{10FFFF}").array(of: 0 ... 40)

    static func interleave(_ text: String, _ a: [UnicodeScalar], _ b: [UnicodeScalar]) -> String {
        var view = String.UnicodeScalarView()
        var extra = (a + b).makeIterator()
        for (i, scalar) in text.unicodeScalars.enumerated() {
            view.append(scalar)
            if i % 3 == 0, let s = extra.next() { view.append(s) }
        }
        while let s = extra.next() { view.append(s) }
        return String(view)
    }

    @Test func vocabularyFragmentsNeverBreakInvariants() async throws {
        let extractors = try Self.extractors()
        let found = Counter()
        await propertyCheck(count: 400, input: Self.fragmentText) { text in
            for extractor in extractors {
                let entities = extractor.extract(from: text)
                found.add(entities.count)
                EntityInvariants.check(entities, in: text)
            }
        }
        #expect(found.value > 100, "the fragments should produce entities")
    }

    @Test func arbitraryScalarsNeverBreakInvariants() async throws {
        let extractors = try Self.extractors()
        await propertyCheck(count: 300, input: Self.fragmentText, Self.anyScalars, Self.astralScalars) { text, a, b in
            let mixed = Self.interleave(text, a, b)
            for extractor in extractors {
                EntityInvariants.check(extractor.extract(from: mixed), in: mixed)
            }
        }
    }

    @Test func normalizerOriginsStayInBounds() async {
        await propertyCheck(count: 300, input: Self.fragmentText, Self.anyScalars) { text, a in
            let mixed = Self.interleave(text, a, [])
            let normalized = TextNormalizer().normalize(mixed)
            let count = mixed.unicodeScalars.count
            #expect(normalized.units.count == normalized.origins.count)
            #expect(normalized.origins.allSatisfy { $0 >= 0 && Int($0) < count })
            #expect(zip(normalized.origins, normalized.origins.dropFirst()).allSatisfy { $0 <= $1 })
        }
    }

    /// Hand-picked hostile inputs, each also chunked.
    static let hostile: [(String, String)] = [
        ("controls", String(String.UnicodeScalarView((0 ..< 0x20).compactMap { UnicodeScalar(UInt32($0)) })) + "宣武医院\u{0}\u{7F}"),
        ("combining marks", "宣武医院\u{301}\u{302}\u{303}" + String(repeating: "\u{301}", count: 5_000) + "医院"),
        ("mark first", "\u{301}医院心内科"),
        ("emoji", String(repeating: "👨‍👩‍👧🇨🇳医院😀", count: 2_000)),
        ("right to left", "\u{202E}北京协和医院\u{202C} مستشفى בית חולים 心内科"),
        ("digits", String(repeating: "1234567890", count: 20_000)),
        ("full-width digits", String(repeating: "１２３４５６７８９０", count: 5_000) + "例"),
        ("hospital run", String(repeating: "医院", count: 100_000)),
        ("department run", String(repeating: "内科", count: 50_000)),
        ("one character", String(repeating: "医", count: 1 << 20)),
        ("replacement characters", String(repeating: "\u{FFFD}", count: 100_000) + "宣武医院"),
        ("whitespace", String(repeating: " \n\t\u{3000}\r\n", count: 50_000)),
        ("line separators", String(repeating: "医\u{2028}院\u{85}", count: 10_000)),
        ("astral", String(repeating: "𠀀𪚥", count: 20_000)),
        ("numbers with separators", String(repeating: "1，000，", count: 20_000)),
        ("punctuation", String(repeating: "。！？；，、", count: 20_000)),
        ("bom and zero width", String(repeating: "\u{FEFF}医\u{200B}院\u{200D}", count: 10_000)),
        ("hyphen runs", String(repeating: "-\n", count: 50_000) + "EBUS-\nTBNA"),
        ("crlf graphemes", String(repeating: "医院\r\n", count: 20_000)),
    ]

    @Test(arguments: 0 ..< hostile.count)
    func hostileInputsDoNotTrap(_ index: Int) throws {
        let (name, text) = Self.hostile[index]
        for extractor in try Self.extractors() {
            let entities = extractor.extract(from: text)
            EntityInvariants.check(entities, in: text, sourceLocation: #_sourceLocation)
        }
        _ = name
    }

    @Test func extractorsAgreeOnHostileInputsWhenChunkedAtSentenceEnds() throws {
        // Default-size chunking cuts these at sentence ends only; the chunked
        // and unchunked results must agree.
        let unchunked = try #require(SeedExtractors.extractor(chunkSize: .max))
        let chunked = try #require(SeedExtractors.extractor(chunkSize: 1_000))
        let text = String(repeating: "晋城大医院呼吸与危重症医学科成功开展2例EBUS-TBNA手术。患者3名，均康复出院！", count: 2_000)
        let expected = unchunked.extract(from: text)
        #expect(chunked.extract(from: text) == expected)
        #expect(expected.count >= 4_000)
        EntityInvariants.check(expected, in: text)
    }
}

/// A thread-safe counter for use inside property bodies.
final class Counter: @unchecked Sendable {
    private var total = 0
    private let lock = NSLock()
    func add(_ n: Int) { lock.withLock { total += n } }
    var value: Int { lock.withLock { total } }
}
