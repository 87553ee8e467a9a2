import Foundation
@_spi(Benchmarks) @_spi(Tooling) import MedExtract
@testable import MedExtractCLI
import Testing

/// The library surface a Swift user adopts: Codable entities with the CLI's
/// JSON, batch and streaming extraction, custom recognisers, printable labels
/// and errors. Sentences written for these tests.
@Suite("Library API")
struct LibraryAPITests {
    static let extractor = try? MedExtractor()
    static let documents = [
        "晋城大医院心内科为患者实施了冠状动脉造影，术后观察24小时。",
        "记者从北京协和医院获悉，该院放射科新增2台CT设备。",
        "",
        "患者年约70岁，在骨科接受了椎体成形术。",
    ]

    /// Entities without the diagnostic `source`, which JSON does not carry.
    static func withoutSource(_ entities: [Entity]) -> [Entity] {
        entities.map { entity in
            var entity = entity
            entity.attributes.source = nil
            return entity
        }
    }

    @Test func entityJSONHasTheCLIFieldNamesAndRoundTrips() throws {
        let extractor = try #require(Self.extractor)
        for text in Self.documents {
            let entities = extractor.extract(from: text)
            for entity in entities {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.withoutEscapingSlashes]
                let data = try encoder.encode(entity)
                // The CLI's JSONL object decodes to the same entity …
                let cli = EntityJSON.object(entity)
                let fromCLI = try JSONDecoder().decode(Entity.self, from: Data(cli.utf8))
                #expect(fromCLI == Self.withoutSource([entity])[0])
                // … and both objects have the same keys and values.
                let a = try #require(JSONSerialization.jsonObject(with: data) as? NSDictionary)
                let b = try #require(JSONSerialization.jsonObject(with: Data(cli.utf8)) as? NSDictionary)
                #expect(a == b, "\(String(decoding: data, as: UTF8.self)) vs \(cli)")
                #expect(try JSONDecoder().decode(Entity.self, from: data) == fromCLI)
            }
        }
    }

    @Test func decodedFigureAndLinksKeepTheirFields() throws {
        let json = #"{"start":3,"end":8,"label":"FIGURE","text":"100余家","kind":"count","value":100,"unit":"家","qualifier":"more-than"}"#
        let figure = try JSONDecoder().decode(Entity.self, from: Data(json.utf8))
        #expect(figure.label == .figure && figure.scalarOffsets == 3 ..< 8)
        #expect(figure.attributes.figure == Figure(kind: .count, value: 100, unit: "家", qualifier: .moreThan))
        let linked = #"{"start":0,"end":4,"label":"HOSPITAL","text":"某市医院","province":"山西省","city":"晋城市","division":"140500"}"#
        let hospital = try JSONDecoder().decode(Entity.self, from: Data(linked.utf8))
        #expect(hospital.attributes.province == "山西省" && hospital.attributes.city == "晋城市" && hospital.attributes.division == "140500")
        let backwards = #"{"start":5,"end":2,"label":"HOSPITAL","text":"x"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Entity.self, from: Data(backwards.utf8)) }
    }

    @Test func rangeAndUTF16OffsetsComeFromTheDocument() throws {
        let extractor = try #require(Self.extractor)
        let text = "😀😀今天晋城大医院开诊。"
        let hospital = try #require(extractor.extract(from: text).first)
        #expect(hospital.scalarOffsets == 4 ..< 9)
        let range = try #require(hospital.range(in: text))
        #expect(String(text.unicodeScalars[range]) == hospital.text)
        #expect(hospital.utf16Offsets(in: text) == 6 ..< 11)
        #expect(hospital.range(in: "短") == nil)
        // A Substring's offsets count from its own start.
        let tail = text.dropFirst(2)
        #expect(extractor.extract(from: tail).first?.scalarOffsets == 2 ..< 7)
    }

    @Test func extractAllEqualsOneByOneInOrder() throws {
        let extractor = try #require(Self.extractor)
        let many = (0 ..< 80).map { Self.documents[$0 % Self.documents.count] + String(repeating: "。", count: $0 % 3) }
        let expected = many.map { extractor.extract(from: $0) }
        #expect(extractor.extractAll(many, jobs: 3) == expected)
        #expect(extractor.extractAll(many, jobs: 1) == expected)
        #expect(extractor.extractAll([String](), jobs: 4).isEmpty)
        // Documents are extracted a few at a time (`documentsPerBatch`, 32):
        // counts that end in a partial batch, more workers than batches, and
        // substrings.
        for count in [1, 7, 9, 17, 31, 33, 65] {
            for jobs in [1, 2, 3] {
                #expect(extractor.extractAll(many.prefix(count), jobs: jobs) == Array(expected.prefix(count)))
            }
        }
        #expect(extractor.extractAll(many.prefix(9).map { $0.dropFirst(2) }, jobs: 2) == many.prefix(9).map { extractor.extract(from: $0.dropFirst(2)) })
    }

    @Test func asyncExtractionIsOrderedAndPassesErrorsOn() async throws {
        let extractor = try #require(Self.extractor)
        let many = (0 ..< 25).map { Self.documents[$0 % Self.documents.count] + String($0) }
        let stream = AsyncStream<String> { continuation in
            for document in many { continuation.yield(document) }
            continuation.finish()
        }
        var results: [[Entity]] = []
        for try await entities in extractor.extract(stream, jobs: 3) { results.append(entities) }
        #expect(results == many.map { extractor.extract(from: $0) })

        struct Broken: Error {}
        let failing = AsyncThrowingStream<String, any Error> { continuation in
            continuation.yield(many[0])
            continuation.yield(many[1])
            continuation.finish(throwing: Broken())
        }
        var delivered = 0
        await #expect(throws: Broken.self) {
            for try await _ in extractor.extract(failing, jobs: 2) { delivered += 1 }
        }
        #expect(delivered == 2)
    }

    /// Ward numbers such as `3号病区` as departments (the docs' example).
    struct WardRecognizer: EntityRecognizer {
        func spans(in text: String) -> [RecognizedSpan] {
            let units = Array(text.utf16)
            let suffix = Array("号病区".utf16)
            var spans: [RecognizedSpan] = []
            var i = 0
            while i < units.count {
                var j = i
                while j < units.count, (0x30 ... 0x39).contains(units[j]) { j += 1 }
                if j > i, units[j...].starts(with: suffix) {
                    spans.append(RecognizedSpan(utf16Offsets: i ..< j + suffix.count, label: .department))
                    i = j + suffix.count
                } else {
                    i = max(j, i + 1)
                }
            }
            return spans
        }
    }

    /// Returns nonsense spans: out of bounds, empty, reversed-free but huge.
    struct HostileRecognizer: EntityRecognizer {
        func spans(in text: String) -> [RecognizedSpan] {
            [RecognizedSpan(utf16Offsets: -3 ..< 2, label: .hospital),
             RecognizedSpan(utf16Offsets: 0 ..< 0, label: .hospital),
             RecognizedSpan(utf16Offsets: 1 ..< Int.max, label: .figure)]
        }
    }

    @Test func customRecognizerAddsItsRule() throws {
        let text = "患者转入12号病区，由医生负责。"
        let plain = try MedExtractor()
        #expect(!plain.extract(from: text).contains { $0.text == "12号病区" })
        let custom = try MedExtractor(configuration: ExtractorConfiguration(recognizers: [WardRecognizer(), HostileRecognizer()]))
        let ward = try #require(custom.extract(from: "患者转入12号\n\n病区，由医生负责。").first { $0.label == .department })
        #expect(ward.text == "12号\n\n病区")            // found in normalised text, mapped back to the original
        #expect(ward.scalarOffsets == 4 ..< 11)
        #expect(ward.attributes.source == "custom")
        let dictionaryOnly = try MedExtractor(configuration: ExtractorConfiguration(useRules: false, recognizers: [WardRecognizer()]))
        #expect(dictionaryOnly.extract(from: text).contains { $0.text == "12号病区" && $0.label == .department })
    }

    @Test func labelsAndErrorsPrintReadably() throws {
        #expect("\(EntityLabel.hospital)" == "HOSPITAL")
        #expect(EntityLabel.allCases.map(\.description) == ["HOSPITAL", "DEPARTMENT", "PROCEDURE", "FIGURE"])
        #expect(EntityLabel.allCases.sorted() == EntityLabel.allCases)
        let error = MedExtractError.malformedDictionaryLine(path: "my.tsv", line: 3, reason: "missing label")
        #expect(error.localizedDescription == "my.tsv:3: missing label")
        #expect("\(error)" == "my.tsv:3: missing label")
    }

    @Test func oneEscaperTwoModes() {
        let s = "a\"b\\c\n\u{01}\u{2028}医"
        #expect(JSONStringEscaper.quoted(s, mode: .pythonCompatible) == "\"a\\\"b\\\\c\\n\\u0001\u{2028}医\"")
        #expect(JSONStringEscaper.quoted(s, mode: .compact) == "\"a\\\"b\\\\c\\n\\u0001\\u2028医\"")
        #expect(JSONStringEscaper.quoted("医院", mode: .compact) == "\"医院\"")
    }
}
