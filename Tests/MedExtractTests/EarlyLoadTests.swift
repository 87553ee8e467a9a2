import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

/// The built-in lexicon loaded ahead of the extractor that takes it
/// (``MedExtractor/beginLoadingBuiltinDictionaries()``, which the command
/// line calls before parsing its arguments).
@Suite("Early load of the built-in dictionaries")
struct EarlyLoadTests {
    static let sentence = "某省人民医院心内科昨日为一名患者完成冠状动脉搭桥术，术后三天出院。"

    @Test func aLoadIsStartedOnceAndTakenOnce() {
        let early = EarlyLexiconLoad()
        #expect(!early.isPending)
        #expect(early.take() == nil)
        early.begin()
        early.begin()
        #expect(early.isPending)
        #expect(early.take() != nil)
        #expect(!early.isPending)
        #expect(early.take() == nil)
    }

    @Test func theLexiconTakenIsTheOneLoadedOtherwise() throws {
        let early = EarlyLexiconLoad()
        early.begin()
        let taken = try LexiconLoader.lexicon(for: ExtractorConfiguration(), early: early)
        #expect(!early.isPending)
        let loaded = try LexiconLoader.lexicon(for: ExtractorConfiguration(), early: EarlyLexiconLoad())
        #expect(taken.entries.count == loaded.entries.count)
        #expect(taken.base.automaton.patternCount == loaded.base.automaton.patternCount)
        let units = TextNormalizer().normalize(Self.sentence).units
        let matches = units.withUnsafeBufferPointer { (taken.matches(in: $0), loaded.matches(in: $0)) }
        #expect(!matches.0.isEmpty)
        #expect(matches.0 == matches.1)
    }

    @Test func anExtractorWithoutTheBuiltinDictionariesLeavesTheLoad() throws {
        let early = EarlyLexiconLoad()
        early.begin()
        var configuration = ExtractorConfiguration()
        configuration.includeBuiltinDictionaries = false
        _ = try LexiconLoader.lexicon(for: configuration, early: early)
        #expect(early.isPending)
    }

    @Test func anExtractorAfterAnEarlyLoadFindsTheSameEntities() throws {
        MedExtractor.beginLoadingBuiltinDictionaries()
        let afterEarly = try MedExtractor()
        let plain = try MedExtractor()
        let found = afterEarly.extract(from: Self.sentence)
        #expect(found.contains { $0.label == .hospital } && found.contains { $0.label == .procedure })
        #expect(found == plain.extract(from: Self.sentence))
    }
}
