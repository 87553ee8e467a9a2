import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

/// Property tests of the layout repair (the text has no hyphen between two
/// letters: one at a wrap cannot be told from typesetting hyphenation, see
/// `docs/LAYOUT.md`): text re-laid as PDF extraction lays
/// it (wraps at random widths inside words, letter-spaced lines, full-width
/// ASCII) normalises to the same text as the original, every unit maps back
/// to the scalar it came from, and the extractor finds the same entities at
/// the same (moved) places.
@Suite("Layout repair properties")
struct LayoutPropertyTests {
    static let extractor: MedExtractor? = try? MedExtractor()

    /// Paragraphs with entities of every label, written for this test.
    static let article = [
        "北京协和医院心内科的专家团队昨天为一位七十二岁的患者成功实施了经皮冠状动脉介入治疗，手术用时两个半小时。",
        "据统计，该院去年共完成腹腔镜胆囊切除术1156例，门诊量超过35万人次，较前年增长12.5%。",
        "2015年5月，四川大学华西医院骨科与麻醉科联合开展了首例机器人辅助膝关节置换手术。",
        "患者术后第三天复查CT和MRI，各项指标正常，于上午9:30顺利出院，住院费用约3万元。",
        "中南大学湘雅医院神经外科主任表示，今后将每月派出5名医生到基层开展义诊和健康讲座。",
        "此外，该院放射科新引进的PET设备已投入使用，每天可完成检查40余例，时间为2023-05-20至2023-06-30。",
    ].joined(separator: "\n")

    /// The units of a normalised text without the breaks kept after a
    /// sentence end (a wrap right after `。` keeps one; the original has none).
    static func withoutSentenceBreaks(_ n: NormalizedText) -> [UInt16] {
        var out: [UInt16] = []
        for (i, u) in n.units.enumerated() where !(u == 0x0A && i > 0 && n.units[i - 1] == 0x3002) { out.append(u) }
        return out
    }

    @Test(arguments: 0 ..< 60)
    func relaidTextNormalisesAndExtractsLikeTheOriginal(_ seed: Int) throws {
        let extractor = try #require(Self.extractor)
        var random = SplitMix(state: UInt64(seed) &* 7919 &+ 17)
        let width = Int.random(in: 14 ... 24, using: &random)
        let fullWidth = Int.random(in: 0 ..< 10, using: &random) < 4
        var doubles: [Bool] = []
        for _ in 0 ..< 200 { doubles.append(Bool.random(using: &random)) }
        var spacedLines: [Bool] = []
        for _ in 0 ..< 10 { spacedLines.append(Int.random(in: 0 ..< 100, using: &random) < 20) }
        let relaid = LayoutTestText(Self.article, width: width, fullWidth: fullWidth,
                                    doubleBreaks: { doubles[$0 % doubles.count] }, spaced: { spacedLines[$0 % spacedLines.count] })
        let context = "width \(width), full width \(fullWidth), text \(relaid.text.debugDescription)"

        // The same normalised text, and every unit maps back to its own scalar.
        let normalizer = TextNormalizer()
        let clean = normalizer.normalize(Self.article)
        let laid = normalizer.normalize(relaid.text)
        #expect(Self.withoutSentenceBreaks(laid) == Self.withoutSentenceBreaks(clean), "\(context)\n\(laid.string.debugDescription)")
        let laidScalars = Array(relaid.text.unicodeScalars)
        for (i, unit) in laid.units.enumerated() where unit != 0x0A && unit != 0x20 && !(0xD800 ... 0xDFFF).contains(unit) {
            let origin = laidScalars[Int(laid.origins[i])]
            #expect(CodeUnitClass.fold(origin.value) == UInt32(unit), "\(context) unit \(i)")
        }

        // The same entities, at the moved offsets.
        let before = extractor.extract(from: Self.article)
        let after = extractor.extract(from: relaid.text)
        EntityInvariants.check(after, in: relaid.text)
        #expect(before.count >= 20)
        let found = Set(after.map { "\($0.label) \($0.scalarOffsets)" })
        for entity in before {
            let moved = relaid.span(entity.scalarOffsets)
            #expect(found.contains("\(entity.label) \(moved)"), "\(entity.label) \(entity.text) lost; \(context)")
        }
        for entity in after {
            let range = try #require(entity.range(in: relaid.text))
            let first = relaid.text.unicodeScalars[range].first
            let last = relaid.text.unicodeScalars[range].last
            #expect(first.map { !$0.properties.isWhitespace } ?? false, "span starts on whitespace")
            #expect(last.map { !$0.properties.isWhitespace } ?? false, "span ends on whitespace")
        }
    }

    @Test(arguments: 0 ..< 40)
    func randomTextKeepsItsOffsetMap(_ seed: Int) {
        // Any mix of ideographs, digits, Latin, spaces and breaks: origins
        // are monotonic, in bounds, and each unit is its scalar folded (or a
        // separator standing on whitespace).
        var random = SplitMix(state: UInt64(seed) &+ 99)
        let alphabet = Array("医院科术检查12３４ABｃd- 　\n\n，。".unicodeScalars)
        var view = String.UnicodeScalarView()
        for _ in 0 ..< Int.random(in: 0 ... 400, using: &random) {
            view.append(alphabet[Int.random(in: 0 ..< alphabet.count, using: &random)])
        }
        let text = String(view)
        let scalars = Array(text.unicodeScalars)
        let n = TextNormalizer().normalize(text)
        #expect(n.units.count == n.origins.count)
        #expect(zip(n.origins, n.origins.dropFirst()).allSatisfy { $0 < $1 })
        for (i, unit) in n.units.enumerated() {
            let origin = scalars[Int(n.origins[i])]
            if unit == 0x0A || unit == 0x20 {
                #expect(origin.properties.isWhitespace || CodeUnitClass.fold(origin.value) == UInt32(unit))
            } else {
                #expect(CodeUnitClass.fold(origin.value) == UInt32(unit))
            }
        }
    }
}
/// Re-lays text the way PDF extraction does, for the layout tests: hard wraps
/// at a fixed width inside words, letter-spaced lines, full-width ASCII. Keeps
/// the map from every original scalar to its new offset.
struct LayoutTestText {
    /// The re-laid text.
    var text: String
    /// For each scalar of the original, its offset in ``text``.
    var newOffset: [Int]

    /// Wraps every line of `original` at `width` scalars (a break is `\n` or,
    /// when `doubleBreaks` says so, `\n\n`); lines for which `spaced` is true
    /// are letter-spaced; `fullWidth` turns ASCII into full-width forms.
    init(_ original: String, width: Int, fullWidth: Bool = false,
         doubleBreaks: (Int) -> Bool = { _ in false }, spaced: (Int) -> Bool = { _ in false }) {
        var out = String.UnicodeScalarView()
        var map: [Int] = []
        var count = 0
        var column = 0
        var lineNumber = 0
        var breaks = 0
        var spacedLine = spaced(0)
        func put(_ s: Unicode.Scalar) {
            out.append(s)
            count += 1
        }
        for scalar in original.unicodeScalars {
            if scalar == "\n" {
                lineNumber += 1
                column = 0
                spacedLine = spaced(lineNumber)
                map.append(count)
                put(scalar)
                continue
            }
            let isSpace = scalar.properties.isWhitespace
            if column >= width && !isSpace {
                put("\n")
                if doubleBreaks(breaks) { put("\n") }
                breaks += 1
                column = 0
            }
            var c = scalar
            if fullWidth, scalar.value >= 0x21, scalar.value <= 0x7E, let wide = Unicode.Scalar(scalar.value + 0xFEE0) { c = wide }
            if spacedLine && column > 0 && !isSpace { put(" ") }
            map.append(count)
            put(c)
            column += 1
        }
        text = String(out)
        newOffset = map
    }

    /// The span `range` of the original, in the re-laid text.
    func span(_ range: Range<Int>) -> Range<Int> {
        newOffset[range.lowerBound] ..< newOffset[range.upperBound - 1] + 1
    }
}
