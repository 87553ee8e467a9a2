import Foundation
import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract
@testable import MedExtractCLI

/// The layout model pinned case by case: which line breaks are wraps, which
/// are real breaks, letter spacing, spaces between names, numbers and Latin
/// words across wraps, and the byte-order mark in JSONL input.
@Suite("Layout repair")
struct LayoutModelTests {
    static let extractor: MedExtractor? = try? MedExtractor()
    let normalizer = TextNormalizer()

    /// A paragraph of running text, written for these tests, long enough to
    /// wrap into several full lines at any width from 14 to 24.
    static let filler = "社区卫生工作者每周都会走访辖区内的老人，了解他们的身体状况和用药情况，并把需要进一步诊治的人员及时转介到上级机构。"

    func entities(_ text: String) throws -> [Entity] {
        let extractor = try #require(Self.extractor)
        let found = extractor.extract(from: text)
        EntityInvariants.check(found, in: text)
        return found
    }

    /// `text` hard-wrapped at `width` scalars with `separator`.
    static func wrap(_ text: String, width: Int, separator: String = "\n\n") -> String {
        var out = ""
        var column = 0
        for scalar in text.unicodeScalars {
            if column == width {
                out += separator
                column = 0
            }
            out.unicodeScalars.append(scalar)
            column += 1
        }
        return out
    }

    /// The width that puts a wrap right before scalar `offset` of `text`'s first line.
    static func width(breakingBefore needle: String, at offset: Int, in text: String) -> Int {
        let scalars = Array(text.unicodeScalars)
        let n = Array(needle.unicodeScalars)
        let start = (0 ... scalars.count - n.count).first { Array(scalars[$0 ..< $0 + n.count]) == n } ?? 0
        return start + offset
    }

    // MARK: Real breaks

    @Test func listOneNamePerLineStaysApart() throws {
        let text = "本院设有以下科室：\n\n骨科\n\n心内科\n\n神经外科\n\n眼科\n\n" + Self.wrap(Self.filler, width: 16)
        let n = normalizer.normalize(text)
        // The colon line is as long as its neighbours allow: joined, the colon is a boundary anyway.
        #expect(n.string.hasPrefix("本院设有以下科室:骨科\n心内科\n神经外科\n眼科\n"))
        let departments = try entities(text).filter { $0.label == .department }.map(\.text)
        #expect(departments == ["骨科", "心内科", "神经外科", "眼科"])
    }

    @Test func headingAndFurnitureLinesDoNotRunIntoTheParagraph() throws {
        let paragraph = "市第四医院神经外科上周为一位七十岁的患者完成了手术，患者术后恢复顺利，已经转入普通病房继续观察治疗。"
        let text = "健康资讯\n\n正文\n\n" + Self.wrap(paragraph, width: 18) + "\n" + Self.wrap(Self.filler, width: 18)
        let n = normalizer.normalize(text)
        #expect(n.string.hasPrefix("健康资讯\n正文\n市第四医院神经外科上周"))
        let found = try entities(text)
        #expect(!found.contains { $0.text.contains("正文") || $0.text.contains("资讯") })
    }

    @Test func lastLineOfAParagraphIsABreak() {
        // A short last line without final punctuation (a caption) stays a break.
        let text = Self.wrap(Self.filler, width: 15) + "\n术后复查的影像\n" + Self.wrap(Self.filler, width: 15)
        #expect(normalizer.normalize(text).string.contains("术后复查的影像\n社区"))
    }

    @Test func snippetFollowsTheCharacterRule() {
        // Fewer than three lines of ten scalars: no layout to estimate.
        #expect(normalizer.normalize("去宣武医\n\n院行CT检查").string == "去宣武医院行CT检查")
        #expect(normalizer.normalize("北京 协和医院").string == "北京协和医院")
        #expect(normalizer.normalize("手术成功。\n医院").string == "手术成功。\n医院")
    }

    @Test func textWithoutWrapsKeepsEveryBreak() {
        // Prose with one paragraph per line has no wrap width: every break is real.
        let text = "医院简介\n我院始建于一九五八年，是一所综合性医院\n设有骨科\n心内科\n现有职工一千二百余人，床位八百张\n每年接诊患者超过六十万人次"
        #expect(normalizer.normalize(text).string == text.replacingOccurrences(of: "，", with: ","))
    }

    @Test func namesSeparatedBySpacesStayApart() throws {
        let line = "参加此次义诊的医院有北京协和医院 四川大学华西医院 中南大学湘雅医院 复旦大学附属中山医院"
        let text = Self.wrap(Self.filler, width: 16) + "\n" + line + "\n" + Self.wrap(Self.filler, width: 16)
        let n = normalizer.normalize(text)
        #expect(n.string.contains(line))
        let hospitals = try entities(text).filter { $0.label == .hospital }
        #expect(hospitals.allSatisfy { !$0.text.contains(" ") })
        #expect(hospitals.map(\.text).suffix(3) == ["四川大学华西医院", "中南大学湘雅医院", "复旦大学附属中山医院"])
    }

    @Test func acronymThenSpaceIsASeparator() throws {
        let text = Self.filler + "\n患者先后接受了PET-CT 胃镜检查\n" + Self.filler
        #expect(normalizer.normalize(text).string.contains("患者先后接受了PET-CT 胃镜检查"))
        let procedures = try entities(text).filter { $0.label == .procedure }
        #expect(procedures.allSatisfy { !$0.text.contains(" ") })
        #expect(procedures.first?.text == "PET-CT")
        // A mixed-case word is not an acronym: an eponym joins its procedure.
        #expect(normalizer.normalize(Self.filler + "\n行Halsted 根治术\n" + Self.filler).string.contains("行Halsted根治术"))
    }

    @Test func spacesOfAReflowedColumnAreLayout() {
        // A line of column pieces joined by spaces (many gaps, long pieces).
        let line = "社区卫生工作者每周都会 走访辖区内的老人了解他 们的身体状况和用药情况 并把需要进一步诊治的人 员及时转介到上级机构"
        #expect(normalizer.normalize(line).string == line.replacingOccurrences(of: " ", with: ""))
    }

    // MARK: Wraps

    @Test func wrappedWordsJoin() {
        let paragraph = "来自首都医科大学宣武医院的专家团队" + Self.filler
        let width = Self.width(breakingBefore: "宣武医院", at: 3, in: paragraph)
        let n = normalizer.normalize(Self.wrap(paragraph, width: width))
        #expect(n.string == normalizer.normalize(paragraph).string)
        #expect(n.originalScalarRange(8 ..< 12) == 8 ..< 14, "宣武医⏎⏎院")
    }

    @Test(arguments: [("2015年", 3), ("1156例", 2), ("17:16:49", 7), ("360度", 1), ("EBUS-TBNA", 4), ("0.5cm", 2)])
    func numbersAndLatinJoinAcrossAWrap(_ figure: String, _ cut: Int) throws {
        let paragraph = "病房记录显示该项目在\(figure)这一数据上" + Self.filler
        let width = Self.width(breakingBefore: figure, at: cut, in: paragraph)
        for separator in ["\n", "\n\n"] {
            let wrapped = Self.wrap(paragraph, width: width, separator: separator)
            #expect(normalizer.normalize(wrapped).string.contains(figure), "\(wrapped.debugDescription)")
        }
    }

    @Test func figureFoundAcrossAWrap() throws {
        let paragraph = "该院心内科今年共完成介入手术1156例，" + Self.filler
        let width = Self.width(breakingBefore: "1156", at: 2, in: paragraph)
        let wrapped = Self.wrap(paragraph, width: width)
        let figure = try #require(try entities(wrapped).first { $0.label == .figure })
        #expect(figure.text == "11\n\n56例")
        #expect(figure.attributes.figure?.value == 1156)
    }

    @Test func fullWidthDigitsAcrossAWrap() throws {
        let paragraph = "该院心内科今年共完成介入手术１１５６例，" + Self.filler
        let width = Self.width(breakingBefore: "１１５６", at: 2, in: paragraph)
        let wrapped = Self.wrap(paragraph, width: width, separator: "\n")
        #expect(normalizer.normalize(wrapped).string.contains("1156例"))
        let figure = try #require(try entities(wrapped).first { $0.label == .figure })
        #expect(figure.text == "１１\n５６例")
    }

    @Test func wrapAfterACommaInsideANumberJoins() {
        let paragraph = "今年门诊总量达到12,500人次以上" + Self.filler
        let width = Self.width(breakingBefore: "12,500", at: 3, in: paragraph)
        #expect(normalizer.normalize(Self.wrap(paragraph, width: width)).string.contains("12,500人次"))
    }

    @Test func sentenceEndBeforeAWrapStaysABreak() {
        let paragraph = "手术非常成功。" + Self.filler
        let n = normalizer.normalize(Self.wrap(paragraph, width: 7) + "\n" + Self.wrap(Self.filler, width: 7))
        #expect(n.string.hasPrefix("手术非常成功。\n"))
    }

    // MARK: Letter spacing

    @Test func letterSpacedLineLosesItsSpaces() throws {
        let text = "今 年 １ ０ ２ 岁 的 王 老 先 生 于 ２ ０ １ ５ 年 做 过 手 术"
        #expect(normalizer.normalize(text).string == "今年102岁的王老先生于2015年做过手术")
        let figures = try entities(text).filter { $0.label == .figure }.map(\.text)
        #expect(figures == ["１ ０ ２ 岁", "２ ０ １ ５ 年"])
    }

    @Test func letterSpacedLineKeepsItsRealSpaces() {
        // Original spaces show as two spaces on a letter-spaced line.
        #expect(normalizer.normalize("P E T  C T 检 查").string == "PET CT检查")
        #expect(normalizer.normalize(Self.filler + "\n" + Self.filler + "\n骨 科  心 内 科\n" + Self.filler).string.contains("\n骨科 心内科\n"))
    }

    @Test func oneSpacedWordOnAnUnspacedLineIsNotLetterSpacing() {
        #expect(normalizer.normalize("门诊量 12 345 人次").string == "门诊量12 345人次")
    }

    // MARK: JSONL input

    @Test func byteOrderMarkInsideAJSONStringIsKept() throws {
        let source = DocumentSource(paths: [])
        let line = Array("{\"id\":\"x\",\"text\":\"\u{FEFF}北京协和医院\"}".utf8)
        guard case .document(let document) = source.parseJSONLine(line, path: "f.jsonl", lineNumber: 1) else {
            Issue.record("not parsed")
            return
        }
        #expect(document.text.unicodeScalars.first == "\u{FEFF}")
        #expect(document.text.unicodeScalars.count == 7)
        let hospital = try #require(try entities(document.text).first)
        #expect(hospital.scalarOffsets == 1 ..< 7)
        // Escaped, and in the middle of a string, the mark is the same scalar.
        let escaped = Array(#"{"id":"x","text":"\ufeff北京"}"#.utf8)
        if case .document(let other) = source.parseJSONLine(escaped, path: "f.jsonl", lineNumber: 2) {
            #expect(other.text == "\u{FEFF}北京")
        } else {
            Issue.record("escaped mark not parsed")
        }
        #expect(JSONByteOrderMarks.escaped(Array(#"{"a":"b"}"#.utf8)) == nil)
        #expect(JSONByteOrderMarks.escaped(Array("{\"a\":\"\\\"\u{FEFF}\"}".utf8)) == Array(#"{"a":"\"\uFEFF"}"#.utf8))
    }

    /// The typical wrapped length weighs only lengths next to one that
    /// occurs; it must pick what weighing every length from the shortest to
    /// the longest picks (the most votes, then the most lines of that very
    /// length, then the shortest).
    @Test func typicalLengthAgreesWithAFullSweep() {
        func sweep(_ lengths: [Int32]) -> Int32? {
            let wrap = lengths.filter { $0 >= LayoutModel.minimumWrapLength && Int($0) <= LayoutModel.maximumWrapLength }
            guard wrap.count >= 3, let shortest = wrap.min(), let longest = wrap.max() else { return nil }
            var histogram = [Int32](repeating: 0, count: LayoutModel.maximumWrapLength + 2)
            for length in wrap { histogram[Int(length)] += 1 }
            var best: Int32 = 0
            var bestLength = 0
            for length in max(Int(LayoutModel.minimumWrapLength), Int(shortest) - 1) ... min(LayoutModel.maximumWrapLength, Int(longest) + 1) {
                let votes = histogram[length - 1] + histogram[length] + histogram[length + 1]
                if votes > best || (votes == best && votes > 0 && histogram[length] > histogram[bestLength]) {
                    best = votes
                    bestLength = length
                }
            }
            return best >= 3 ? Int32(bestLength) : nil
        }
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        for round in 0 ..< 2_000 {
            let count = next(12)
            // Narrow spreads (ties and neighbours) and wide ones, edges included.
            let spread = round % 3 == 0 ? 420 : 6
            let base = next(420)
            let lengths = (0 ..< count).map { _ in Int32(max(0, base - spread / 2 + next(spread + 1))) }
            #expect(LayoutModel.typical(lengths) == sweep(lengths), "\(lengths)")
        }
    }
}
