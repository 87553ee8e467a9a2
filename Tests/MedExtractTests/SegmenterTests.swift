import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

@Suite("ICU word segmentation")
struct SegmenterTests {
    @Test func segmentsChineseIntoWords() throws {
        let segmenter = try WordSegmenter()
        let words = segmenter.words("医院开展手术")
        #expect(words.joined() == "医院开展手术")
        #expect(words.count >= 2 && words.count <= 4)
        #expect(words.contains("医院"))
    }

    @Test func tokensCoverTheTextContiguously() throws {
        let segmenter = try WordSegmenter()
        let units = Array("患者于2023年在北京301医院行CT检查，效果良好。".utf16)
        let tokens = segmenter.tokens(units)
        #expect(tokens.first?.range.lowerBound == 0)
        #expect(tokens.last?.range.upperBound == units.count)
        for (a, b) in zip(tokens, tokens.dropFirst()) { #expect(a.range.upperBound == b.range.lowerBound) }
        #expect(tokens.contains { !$0.isWord })
    }

    @Test func emptyTextHasNoTokens() throws {
        #expect(try WordSegmenter().tokens([]).isEmpty)
    }

    @Test func isSafeToShareAcrossThreads() async throws {
        let segmenter = try WordSegmenter()
        let text = Array("晋城大医院呼吸与危重症医学科成功开展超声支气管镜引导下经支气管针吸活检术。".utf16)
        let expected = segmenter.tokens(text)
        let results = await withTaskGroup(of: [Token].self) { group in
            for _ in 0 ..< 16 { group.addTask { segmenter.tokens(text) } }
            var all: [[Token]] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test func reportsTheICUVersion() {
        #expect(WordSegmenter.icuVersion.split(separator: ".").count >= 2)
    }
}
