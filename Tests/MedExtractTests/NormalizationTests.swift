import Foundation
import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

@Suite("Normalisation with an offset map")
struct NormalizationTests {
    let normalizer = TextNormalizer()

    /// Normalises `raw` and checks the result and where `needle` maps back to.
    func check(_ raw: String, normalized expected: String, needle: String, original: Range<Int>) {
        let n = normalizer.normalize(raw)
        #expect(n.string == expected)
        let units = Array(n.string.utf16)
        let needleUnits = Array(needle.utf16)
        guard let start = (0 ... max(0, units.count - needleUnits.count)).first(where: { Array(units[$0 ..< min(units.count, $0 + needleUnits.count)]) == needleUnits }) else {
            Issue.record("'\(needle)' not found in '\(n.string)'")
            return
        }
        let range = n.originalScalarRange(start ..< start + needleUnits.count)
        #expect(range == original)
    }

    @Test func lineBreakInsideWord() {
        // Wrapped at eleven columns: full lines join, inside words too.
        let wrapped = "来自首都医科大学宣武医\n\n院的专家团队每周都会走\n\n访辖区内的老人了解他们\n\n的身体状况。"
        check(wrapped, normalized: "来自首都医科大学宣武医院的专家团队每周都会走访辖区内的老人了解他们的身体状况。",
              needle: "宣武医院", original: 8 ..< 14)
        // A snippet of fewer than three lines has no layout: the character rule joins it.
        check("首都医科大学宣武医\n\n院", normalized: "首都医科大学宣武医院", needle: "宣武医院", original: 6 ..< 12)
    }

    @Test func spaceBetweenCJKCharacters() {
        // On a line re-flowed from a narrow column (many spaces, long pieces) spaces are layout.
        let reflowed = "今天上午甘肃省酒泉市肃州 区妇幼保健院迎来了一批 来自北京的专家他们将在 这里开展为期一周的义诊 活动并进行业务培训"
        check(reflowed, normalized: reflowed.replacingOccurrences(of: " ", with: ""), needle: "肃州区妇幼保健院", original: 10 ..< 19)
        // On a letter-spaced line too.
        check("在吕 梁 市 医 疗", normalized: "在吕梁市医疗", needle: "吕梁市医疗", original: 1 ..< 10)
        // Elsewhere a space between ideographs separates two words (in text with a layout).
        let paragraph = "社区卫生工作者每周都会走访辖区内的老人。\n"
        check(paragraph + paragraph + paragraph + "通讯员 王海 摄", normalized: String(repeating: paragraph, count: 3) + "通讯员 王海 摄",
              needle: "王海", original: 67 ..< 69)
        // In a snippet (fewer than three lines of ten) the character rule drops it.
        check("肃州 区妇幼保健院", normalized: "肃州区妇幼保健院", needle: "肃州区妇幼保健院", original: 0 ..< 9)
    }

    @Test func latinWordHyphenatedAcrossLines() {
        check("行EBUS-TB-\n\nNA检查", normalized: "行EBUS-TBNA检查", needle: "EBUS-TBNA", original: 1 ..< 13)
        check("PD⁃\nCA循环", normalized: "PDCA循环", needle: "PDCA", original: 0 ..< 6)
        // After a digit a hyphen is a range or a date: it stays.
        check("温度为50-\n70℃", normalized: "温度为50-70℃", needle: "50-70℃", original: 3 ..< 10)
    }

    @Test func fullWidthFormsFold() {
        check("行ＣＴ检查１２例", normalized: "行CT检查12例", needle: "12例", original: 5 ..< 8)
        check("（ＭＲＩ）", normalized: "(MRI)", needle: "MRI", original: 1 ..< 4)
    }

    @Test func ideographicSpaceInASnippetOrLetterSpacing() {
        check("北京\u{3000}协和医院", normalized: "北京协和医院", needle: "协和", original: 3 ..< 5)
        check("北\u{3000}京\u{3000}协\u{3000}和", normalized: "北京协和", needle: "协和", original: 4 ..< 7)
        check("\u{3000}\u{3000}北京协和医院", normalized: "北京协和医院", needle: "协和", original: 4 ..< 6)
    }

    @Test func digitsAndUnitsJoin() {
        check("6 月 22 日上午", normalized: "6月22日上午", needle: "6月22日", original: 0 ..< 8)
        check("北京 301 医院", normalized: "北京301医院", needle: "北京301医院", original: 0 ..< 9)
    }

    @Test func sentenceEndStaysABoundary() {
        let n = normalizer.normalize("手术成功。\n\n医院派出专家")
        #expect(n.string == "手术成功。\n医院派出专家")
        #expect(n.originalScalarRange(5 ..< 6) == 5 ..< 6)
        let m = normalizer.normalize("入院后行CT，\n\n显示正常")
        #expect(m.string == "入院后行CT,\n显示正常")
    }

    @Test func latinWordsKeepOneSpace() {
        #expect(normalizer.normalize("PET   CT and MRI").string == "PET CT and MRI")
        #expect(normalizer.normalize("PET   CT and\nMRI").string == "PET CT and MRI")
        #expect(normalizer.normalize("Halsted 根治术").string == "Halsted根治术")
    }

    @Test func invisibleCharactersAreDropped() {
        let n = normalizer.normalize("\u{FEFF}医\u{200B}院")
        #expect(n.string == "医院")
        #expect(n.originalScalarRange(0 ..< 2) == 1 ..< 4)
    }

    @Test func astralCharactersMapToOneScalar() {
        let n = normalizer.normalize("😀医院𠀀")
        #expect(n.count == 6)
        #expect(n.originalScalarRange(0 ..< 2) == 0 ..< 1)
        #expect(n.originalScalarRange(2 ..< 4) == 1 ..< 3)
        #expect(n.originalScalarRange(4 ..< 6) == 3 ..< 4)
    }

    @Test func emptyAndWhitespaceOnly() {
        #expect(normalizer.normalize("").count == 0)
        #expect(normalizer.normalize(" \n\u{3000}\t").count == 0)
    }

    /// On every seed, each normalised unit maps back to the original scalar it
    /// was made from (the same character, or its full-width/dash form), and
    /// synthesised separators map to whitespace.
    @Test(arguments: SeedCorpus.textFileNames)
    func seedUnitsMapBackToTheSameCharacters(_ name: String) throws {
        let raw = try SeedCorpus.text(name)
        let scalars = Array(raw.unicodeScalars)
        let n = normalizer.normalize(raw)
        var i = 0
        var mismatches = 0
        while i < n.count {
            let origin = Int(n.origins[i])
            let original = scalars[origin]
            let unit = n.units[i]
            if unit == 0x20 || unit == 0x0A {
                if !(original.properties.isWhitespace) { mismatches += 1 }
            } else if (0xD800 ... 0xDBFF).contains(unit) {
                i += 1
            } else if CodeUnitClass.fold(original.value) != UInt32(unit) {
                mismatches += 1
            }
            i += 1
        }
        #expect(mismatches == 0)
        #expect(n.origins == n.origins.sorted(), "origins are monotonic")
        // Nothing is joined across a sentence end followed by a line break.
        for (k, s) in scalars.enumerated() where s == "。" && k + 1 < scalars.count && scalars[k + 1] == "\n" {
            guard let j = n.origins.firstIndex(of: Int32(k)) else { continue }
            #expect(j + 1 >= n.count || n.units[j + 1] == 0x0A)
        }
    }
}

/// The seed documents shipped in `seeds/`.
enum SeedCorpus {
    static let directory: URL = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("seeds")
    }()

    static let textFileNames: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    }()

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static var goldPath: String { directory.appendingPathComponent("gold.jsonl").path }
}

/// The normaliser's walk that also copies the input's UTF-16 units (for the
/// linking pass) gives the same normalised text, and exactly `text.utf16`.
@Suite("Normalisation keeping the original units")
struct NormalizationKeepingUnitsTests {
    static let pieces = [
        "心内科", "医院", " ", "　", "\n", "\r\n", "\n\n", "１２", "ＣＴ", "\u{200B}", "\u{FEFF}", "\u{AD}", "-",
        "PET CT", "2015年", "吕 梁 市", "😀", "𠀀", "é", "e\u{301}", "。", "，", "\t", "a", "9",
    ]

    func check(_ text: String) {
        let normalizer = TextNormalizer()
        let scalars = text.unicodeScalars[...]
        let layout = LayoutModel(scalars)
        let plain = normalizer.normalize(scalars, layout: layout, startOffset: 0)
        let (normalized, original) = normalizer.normalizeKeepingUnits(scalars, layout: layout, startOffset: 0)
        let units = Array(text.utf16)
        #expect(original.units == units)
        #expect(original.sentenceEnds.map(Int.init) == units.indices.filter { SentenceIndex.isSentenceEnd(units[$0]) })
        #expect(normalized.units == plain.units)
        #expect(normalized.origins == plain.origins)
    }

    @Test func emptyAndSingleScalars() {
        check("")
        for piece in Self.pieces { check(piece) }
    }

    @Test func randomTextsOfThePieces() {
        var generator = SplitMix(state: 2026_12_06)
        for _ in 0 ..< 300 {
            let count = Int(generator.next() % 40)
            var text = ""
            for _ in 0 ..< count { text += Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))] }
            check(text)
        }
    }
}
