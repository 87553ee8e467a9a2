import Foundation
import Testing
@testable import MedExtract
@testable import MedExtractCLI

@Suite("Links in JSONL output and document names")
struct LinkOutputTests {
    static let extractor = try? MedExtractor()

    @Test func jsonlCarriesLinksAndOmitsUnknownOnes() throws {
        let extractor = try #require(Self.extractor)
        let entities = extractor.extract(from: "太原市中心医院心内科今天开展义诊。专家提醒，出现胸痛应及时就诊。")
        let line = EntityJSON.document(id: "t", entities: entities)
        #expect(line.contains(#""label":"HOSPITAL","text":"太原市中心医院""#))
        #expect(line.contains(#""province":"山西省","city":"太原市","division":"1401""#))
        #expect(line.contains(#""hospital":"太原市中心医院""#))
        let alone = EntityJSON.document(id: "u", entities: extractor.extract(from: "专家提醒，出现胸痛应及时到心内科就诊。"))
        #expect(alone.contains(#""label":"DEPARTMENT""#))
        #expect(!alone.contains("hospital"))
    }

    @Test func longestNameOfTheDocument() {
        let names = LongestNames(["骨科医院", "某市大医院骨科医院", "福医协和医院", "福建医科大学附属协和医院", "不断涌入某县医院", "某县医院"])
        let parent: ([UInt16]) -> Bool = { String(decoding: $0, as: UTF16.self).contains("医院") }
        #expect(names.longest(for: "骨科医院", isParent: parent) == "某市大医院骨科医院")
        #expect(names.longest(for: "福医协和医院", isParent: parent) == "福建医科大学附属协和医院")
        #expect(names.longest(for: "某县医院", isParent: parent) == "某县医院")
    }
}
