import Foundation
import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

@Suite("Extractor offsets into the original string")
struct ExtractorOffsetTests {
    static let extractor: MedExtractor? = try? MedExtractor(configuration: ExtractorConfiguration(
        userEntries: [
            DictionaryEntry(surface: "宣武医院", label: .entity(.hospital), canonical: "首都医科大学宣武医院"),
            DictionaryEntry(surface: "EBUS-TBNA", label: .entity(.procedure)),
        ],
        includeBuiltinDictionaries: false
    ))

    @Test func entityAcrossALineBreakKeepsOriginalOffsets() throws {
        let extractor = try #require(Self.extractor)
        let text = "😀去宣武医\n\n院行EBUS-TB-\n\nNA。"
        let entities = extractor.extract(from: text)
        #expect(entities.map(\.text) == ["宣武医\n\n院", "EBUS-TB-\n\nNA"])
        let hospital = try #require(entities.first)
        #expect(hospital.label == .hospital)
        #expect(hospital.scalarOffsets == 2 ..< 8)
        #expect(hospital.utf16Offsets(in: text) == 3 ..< 9)
        #expect(String(text[try #require(hospital.range(in: text))]) == "宣武医\n\n院")
        #expect(hospital.attributes.canonical == "首都医科大学宣武医院")
        for entity in entities {
            let scalars = Array(text.unicodeScalars)
            #expect(String(String.UnicodeScalarView(scalars[entity.scalarOffsets])) == entity.text)
            let utf16 = Array(text.utf16)
            #expect(String(decoding: utf16[try #require(entity.utf16Offsets(in: text))], as: UTF16.self) == entity.text)
        }
    }

    @Test func emptyTextHasNoEntities() throws {
        let extractor = try #require(Self.extractor)
        #expect(extractor.extract(from: "").isEmpty)
        #expect(extractor.extract(from: "\n\n  ").isEmpty)
    }
}
