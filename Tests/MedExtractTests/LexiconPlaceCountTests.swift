import Testing
@_spi(Benchmarks) @testable import MedExtract

/// The linking pass counts a document's places from the lexicon's matches
/// (``DocumentLinker/countPlaces(in:text:window:into:)``) instead of
/// scanning the text a second time: the counts must be those of the scan
/// (``DocumentLinker/scannedPlaces(_:)``), once per mention even where two
/// chunks overlap. All sentences are written for these tests.
@Suite("Document places from the lexicon's matches")
struct LexiconPlaceCountTests {
    static let extractor = try? MedExtractor()
    static let chunked = try? MedExtractor(configuration: ExtractorConfiguration(chunkSize: 64))

    /// The places counted over `text`'s chunks, as the extractor counts them.
    func counted(_ text: String, by extractor: MedExtractor) throws -> DocumentPlaces {
        let linker = try #require(extractor.linker)
        #expect(linker.countsLexiconPlaces, "the extractor's linker counts places from the lexicon's matches")
        let scalars = text.unicodeScalars
        let layout = LayoutModel(scalars[...])
        var places = DocumentPlaces()
        for chunk in extractor.chunks(of: scalars) {
            let normalized = extractor.normalizer.normalize(scalars[chunk.range], layout: layout, startOffset: chunk.offset)
            let matches = normalized.units.withUnsafeBufferPointer { extractor.lexicon.matches(in: $0) }
            matches.withUnsafeBufferPointer {
                linker.countPlaces(in: $0, text: normalized, window: MedExtractor.placeWindow(of: chunk), into: &places)
            }
        }
        return places
    }

    @Test(arguments: [
        "平遥县召开卫生工作会议，晋中市和太原市的专家参加了会议。",
        "北京市、上海市、广州市三地的医院联合开展一项研究。",
        "解放军总医院的专家来到山西省长治市开展义诊。",
        "记者从湖南省卫健委获悉，邵阳县人民医院新院区投入使用。",
        "今天的讲座介绍了高血压的预防。",
        "",
    ])
    func countsEqualTheScanOfTheText(_ text: String) throws {
        let extractor = try #require(Self.extractor)
        let linker = try #require(extractor.linker)
        #expect(linker.countsLexiconPlaces)
        let scanned = linker.scannedPlaces([UInt16](utf16Of: text))
        let fromMatches = try counted(text, by: extractor)
        #expect(fromMatches == scanned)
    }

    @Test func theSentencesMentionTheirPlaces() throws {
        let extractor = try #require(Self.extractor)
        let places = try counted("平遥县召开卫生工作会议，晋中市和太原市的专家参加了会议。", by: extractor)
        #expect(places.count("140728") == 2) // 平遥县, and 平遥 inside it
        #expect(places.count("14") >= 3) // in 山西: 平遥县, 晋中市, 太原市
        #expect(places.dominantChain.first == "14")
    }

    /// A long text without sentence or clause ends is cut hard into chunks
    /// that overlap; a name in the shared part is counted by one chunk.
    @Test func overlappingChunksCountEachMentionOnce() throws {
        let extractor = try #require(Self.chunked)
        let linker = try #require(extractor.linker)
        let text = String(repeating: "平遥县卫生健康局组织专家到祁县开展下乡义诊活动", count: 12) + "。县人民医院骨科"
        let chunks = extractor.chunks(of: text.unicodeScalars)
        #expect(chunks.count > 2)
        #expect(chunks.contains { $0.keepFrom > $0.offset }) // some chunks share scalars
        let fromMatches = try counted(text, by: extractor)
        #expect(fromMatches == linker.scannedPlaces([UInt16](utf16Of: text)))
        #expect(fromMatches.count("140728") == 24) // 平遥县 and 平遥, twelve times
        // And the county hospital takes the county the text mentions most.
        let hospital = try #require(extractor.extract(from: text).last { $0.label == .hospital })
        #expect(hospital.text.hasSuffix("县人民医院"))
        #expect(hospital.attributes.division == "140728")
    }
}
