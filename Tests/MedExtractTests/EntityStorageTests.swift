import Foundation
import Testing
@_spi(Benchmarks) @testable import MedExtract

/// Entities keep their figure and links out of line and their source in a
/// byte; these tests pin that the value semantics did not change with it.
@Suite("Entity storage")
struct EntityStorageTests {
    static let figure = Figure(kind: .count, value: 3, unit: "台")

    @Test func attributesReadBackWhatWasSet() {
        var a = EntityAttributes(canonical: "某市第一医院", source: "rule")
        #expect(a.figure == nil && a.hospital == nil && a.province == nil && a.city == nil && a.division == nil)
        a.figure = Self.figure
        a.province = "山西省"
        a.city = "太原市"
        a.division = "1401"
        a.hospital = "某市第一医院"
        #expect(a.figure == Self.figure)
        #expect(a.province == "山西省" && a.city == "太原市" && a.division == "1401" && a.hospital == "某市第一医院")
        a.province = nil
        a.city = nil
        a.division = nil
        a.hospital = nil
        a.figure = nil
        #expect(a == EntityAttributes(canonical: "某市第一医院", source: "rule"))
    }

    @Test func copiesDoNotShareChanges() {
        let original = EntityAttributes(figure: Self.figure, hospital: "某县人民医院")
        var copy = original
        copy.hospital = "某市中医院"
        copy.figure?.value = 4
        #expect(original.hospital == "某县人民医院" && original.figure?.value == 3)
        #expect(copy.hospital == "某市中医院" && copy.figure?.value == 4)
        copy.setPlace(division: "1401", province: "山西省", city: "太原市")
        #expect(original.division == nil && copy.division == "1401" && copy.hospital == "某市中医院")
    }

    @Test func equalityAndHashingReadTheFields() {
        // Built two ways: at once, and field by field (different boxes).
        let a = EntityAttributes(canonical: "骨科", figure: Self.figure, source: "dictionary", hospital: "某市第一医院")
        var b = EntityAttributes(canonical: "骨科", source: "dictionary")
        b.hospital = "某市第一医院"
        b.figure = Self.figure
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        var c = b
        c.province = "山西省"
        #expect(c != b)
        var d = b
        d.source = "custom"
        #expect(d != b)
        // An emptied link set equals one never set.
        var e = EntityAttributes(canonical: "骨科")
        e.city = "太原市"
        e.city = nil
        #expect(e == EntityAttributes(canonical: "骨科"))
        #expect(Set([e, EntityAttributes(canonical: "骨科")]).count == 1)
    }

    @Test func everySourceNameSurvives() {
        for name in ["dictionary", "user-dictionary", "rule", "alias", "custom", "my-recogniser", ""] {
            #expect(EntityAttributes(source: name).source == name)
        }
        #expect(EntityAttributes().source == nil)
    }

    @Test func codingKeepsTheKeysAndRoundTrips() throws {
        let a = EntityAttributes(canonical: "骨科", code: "A04", figure: Self.figure, source: "rule", hospital: "某市第一医院",
                                 province: "山西省", city: "太原市", division: "1401")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try #require(String(data: try encoder.encode(a), encoding: .utf8))
        for key in ["canonical", "code", "figure", "source", "hospital", "province", "city", "division"] {
            #expect(json.contains("\"\(key)\""))
        }
        #expect(try JSONDecoder().decode(EntityAttributes.self, from: Data(json.utf8)) == a)
        let empty = try JSONDecoder().decode(EntityAttributes.self, from: Data("{}".utf8))
        #expect(empty == EntityAttributes())
        #expect(String(data: try encoder.encode(EntityAttributes()), encoding: .utf8) == "{}")
    }

    @Test func anEntityIsSmall() {
        // Hundreds of thousands of entities in one document: the figure and
        // the links out of line keep each at most 96 bytes (232 before).
        #expect(MemoryLayout<Entity>.stride <= 96)
    }
}

@Suite("Linker text walks")
struct LinkerTextWalkTests {
    @Test func sentenceNumbersCountEndsBeforeEachPosition() {
        let units = Array("一。二！三？四；五".utf16)
        // Positions 0 … 8: sentence 0 up to the first end, then one more after each.
        let positions = Array(0 ..< units.count)
        #expect(SentenceIndex.sentences(of: positions, in: units) == [0, 0, 1, 1, 2, 2, 3, 3, 4])
        // An end that is the text's last unit starts nothing.
        let ending = Array("甲。".utf16)
        #expect(SentenceIndex.sentences(of: [0, 1, 2], in: ending) == [0, 0, 0])
        #expect(SentenceIndex.sentences(of: [], in: units).isEmpty)
        #expect(SentenceIndex.sentences(of: [0, 3], in: []) == [0, 0])
    }

    /// The branch-free sentence-end bit the linker's walk adds, against the
    /// definition, for every UTF-16 code unit.
    @Test func sentenceEndBitAgreesWithTheDefinitionOnEveryUnit() {
        var disagreements: [UInt16] = []
        for value in 0 ... 0xFFFF {
            let u = UInt16(value)
            if SentenceIndex.sentenceEndBit(u) != (SentenceIndex.isSentenceEnd(u) ? 1 : 0) { disagreements.append(u) }
        }
        #expect(disagreements.isEmpty)
        // Each kind of end once, and units that share their low bits with one.
        #expect([0x21, 0x3B, 0x3F, 0x3002, 0xFF01, 0xFF1F, 0xFF1B].map { SentenceIndex.sentenceEndBit($0) } == [1, 1, 1, 1, 1, 1, 1])
        #expect([0x61, 0x7B, 0x7F, 0x3003, 0x20, 0x2E].map { SentenceIndex.sentenceEndBit($0) } == [0, 0, 0, 0, 0, 0])
    }

    /// The branch-free surrogate test and sentence-end count of the walk's
    /// fast path, against their definitions, for every UTF-16 code unit.
    @Test func surrogateTestAndEndCountAgreeWithTheDefinitionsOnEveryUnit() {
        var wrong: [UInt16] = []
        for value in 0 ... 0xFFFF {
            let u = UInt16(value)
            let one = [u, 0x533B]
            let surrogate = one.withUnsafeBufferPointer { DocumentLinker.hasSurrogate($0) }
            let ends = one.withUnsafeBufferPointer { DocumentLinker.sentenceEnds(in: $0) }
            if surrogate != (0xD800 ... 0xDFFF).contains(u) || ends != (SentenceIndex.isSentenceEnd(u) ? 1 : 0) { wrong.append(u) }
        }
        #expect(wrong.isEmpty)
        // Every unit in each lane of the eight-unit steps: the units in
        // order, shifted by one to seven places, counted in one call.
        let all = (0 ... 0xFFFF).map { UInt16($0) }
        let expected = all.filter { SentenceIndex.isSentenceEnd($0) }.count
        for shift in 0 ..< 8 {
            let shifted = Array(all[shift...]) + Array(all[..<shift])
            #expect(shifted.withUnsafeBufferPointer { DocumentLinker.sentenceEnds(in: $0) } == expected)
            #expect(shifted.withUnsafeBufferPointer { DocumentLinker.hasSurrogate($0) })
        }
        // More ends than a lane holds between two sums (8 × 4,096 steps).
        let ends = [UInt16](repeating: 0x3002, count: 8 * 4096 * 3 + 5)
        #expect(ends.withUnsafeBufferPointer { DocumentLinker.sentenceEnds(in: $0) } == ends.count)
        let text = Array("甲。乙！丙？丁；戊".utf16)
        #expect(text.withUnsafeBufferPointer { DocumentLinker.sentenceEnds(in: $0) } == 4)
        #expect(text.withUnsafeBufferPointer { DocumentLinker.hasSurrogate($0) } == false)
        #expect(Array("甲𠀀".utf16).withUnsafeBufferPointer { DocumentLinker.hasSurrogate($0) })
    }

    /// The word before a position (spaces skipped, stopping at punctuation,
    /// at most `limit` units) against a walk that collects it back to front
    /// and reverses it, on random texts, positions and limits.
    @Test func wordBeforeAgreesWithABackwardWalkOnRandomTexts() {
        let alphabet: [UInt16] = [0x533B, 0x9662, 0x20, 0x3000, 0x0A, 0xFF0C, 0x3002, 0x2C, 0x61, 0x7684]
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 500 {
            let units = (0 ..< Int.random(in: 0 ... 30, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            let position = Int.random(in: 0 ... units.count, using: &generator)
            let limit = Int.random(in: 0 ... 12, using: &generator)
            var expected: [UInt16] = []
            var p = position
            while p > 0 && expected.count < limit {
                let u = units[p - 1]
                p -= 1
                if DocumentLinker.isSpace(u) { continue }
                if CodeUnitClass.isBoundaryPunctuation(u) { break }
                expected.append(u)
            }
            #expect(DocumentLinker.wordBefore(units, position, limit: limit) == Array(expected.reversed()), "\(units) \(position) \(limit)")
        }
    }

    /// The sentence ends the normaliser reports are the units of the text
    /// that end a sentence, and counting them gives the walk's sentence
    /// numbers: random texts of ideographs, every kind of end, spaces, line
    /// breaks, letters and astral scalars.
    @Test func sentenceEndsFromTheNormaliserAgreeWithTheText() throws {
        let pieces = ["医", "院", "。", "！", "？", "；", "!", "?", ";", " ", "\n", "a", "3", "😀", "，", "\u{3000}"]
        var generator = SystemRandomNumberGenerator()
        let normalizer = TextNormalizer()
        for _ in 0 ..< 300 {
            let text = (0 ..< Int.random(in: 0 ... 40, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let scalars = text.unicodeScalars
            let original = normalizer.normalizeKeepingUnits(scalars[...], layout: LayoutModel(scalars[...]), startOffset: 0).original
            let units = Array(text.utf16)
            #expect(original.units == units, "\(text)")
            #expect(original.sentenceEnds.map(Int.init) == units.indices.filter { SentenceIndex.isSentenceEnd(units[$0]) }, "\(text)")
            // Ranges in order over the scalars: the same spans and numbers
            // with the reported ends as with the units counted.
            var bounds = (0 ..< Int.random(in: 0 ... 8, using: &generator)).map { _ in Int.random(in: 0 ... scalars.count + 1, using: &generator) }.sorted()
            if bounds.count % 2 == 1 { bounds.removeLast() }
            let ranges = stride(from: 0, to: bounds.count, by: 2).map { bounds[$0] ..< bounds[$0 + 1] }
            let counted = try #require(DocumentLinker.utf16SpansAndSentences(of: ranges, in: units))
            let given = try #require(DocumentLinker.utf16SpansAndSentences(of: ranges, in: units, sentenceEnds: original.sentenceEnds))
            #expect(given.spans == counted.spans && given.sentences == counted.sentences, "\(text) \(ranges)")
        }
    }

    @Test func scalarRangesBecomeUTF16RangesAcrossSurrogatePairs() throws {
        // 𠀀 is one scalar and two UTF-16 units.
        let text = "𠀀医院骨科𠀀心内科"
        let units = Array(text.utf16)
        let spans = try #require(DocumentLinker.utf16SpansAndSentences(of: [1 ..< 3, 3 ..< 5, 6 ..< 9], in: units)?.spans)
        #expect(spans == [2 ..< 4, 4 ..< 6, 8 ..< 11])
        for (scalarRange, unitRange) in zip([1 ..< 3, 3 ..< 5, 6 ..< 9], spans) {
            let scalars = text.unicodeScalars
            let expected = String(scalars[scalars.index(scalars.startIndex, offsetBy: scalarRange.lowerBound) ..< scalars.index(scalars.startIndex, offsetBy: scalarRange.upperBound)])
            #expect(String(decoding: units[unitRange], as: UTF16.self) == expected)
        }
        // Out of order: nil, so the caller takes the general path.
        #expect(DocumentLinker.utf16SpansAndSentences(of: [3 ..< 5, 1 ..< 3], in: units) == nil)
        // Past the end: clamped to the text.
        #expect(DocumentLinker.utf16SpansAndSentences(of: [8 ..< 20], in: units)?.spans == [10 ..< 11])
    }

    /// The walk against a plain walk a unit at a time, on random texts of
    /// ideographs, sentence ends, surrogate pairs and lone surrogates, and
    /// on texts without surrogates (where no walk is made: scalar offsets
    /// are unit offsets), with random ranges in order.
    @Test(arguments: [true, false])
    func spansAndSentencesAgreeWithAUnitByUnitWalkOnRandomTexts(withSurrogates: Bool) throws {
        let surrogates: [[UInt16]] = [[0xD840, 0xDC00], [0xD840], [0xDC00], [0xDBFF, 0xDFFF]]
        let alphabet: [[UInt16]] = [
            [0x533B], [0x9662], [0x3002], [0x21], [0x20], [0xD7FF], [0xE000],
            [0x3F], [0x3B], [0xFF01], [0xFF1F], [0xFF1B], [0x61], [0x7F],
        ] + (withSurrogates ? surrogates : [])
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 300 {
            var units: [UInt16] = []
            for _ in 0 ..< Int.random(in: 0 ... 40, using: &generator) { units += alphabet.randomElement(using: &generator) ?? [] }
            var bounds = (0 ..< Int.random(in: 0 ... 8, using: &generator)).map { _ in Int.random(in: 0 ... units.count + 2, using: &generator) }.sorted()
            if bounds.count % 2 == 1 { bounds.removeLast() }
            let ranges = stride(from: 0, to: bounds.count, by: 2).map { bounds[$0] ..< bounds[$0 + 1] }
            let walked = try #require(DocumentLinker.utf16SpansAndSentences(of: ranges, in: units))
            // The plain walk: a scalar at a time from the start.
            var expectedSpans: [Range<Int>] = [], expectedSentences: [Int] = []
            for r in ranges {
                var scalar = 0, unit = 0, ends = 0
                func step() {
                    let u = units[unit]
                    if unit < units.count - 1, SentenceIndex.isSentenceEnd(u) { ends += 1 }
                    unit += u & 0xFC00 == 0xD800 && unit + 1 < units.count && units[unit + 1] & 0xFC00 == 0xDC00 ? 2 : 1
                    scalar += 1
                }
                while scalar < r.lowerBound && unit < units.count { step() }
                let lower = unit
                expectedSentences.append(ends)
                while scalar < r.upperBound && unit < units.count { step() }
                expectedSpans.append(lower ..< unit)
            }
            #expect(walked.spans == expectedSpans, "\(units) \(ranges)")
            #expect(walked.sentences == expectedSentences, "\(units) \(ranges)")
        }
    }

    @Test func spansAndSentencesInOneWalkAgreeWithTheSentenceWalk() throws {
        // Surrogate pairs, sentence ends inside and between the ranges, one at the end.
        let text = "𠀀市医院。骨科！𠀀心内科？外科；𠀀肝胆科。"
        let units = Array(text.utf16)
        let ranges = [1 ..< 4, 5 ..< 7, 8 ..< 12, 13 ..< 15, 16 ..< 20, 20 ..< 21]
        let walked = try #require(DocumentLinker.utf16SpansAndSentences(of: ranges, in: units))
        // 𠀀 (a surrogate pair) starts the text and the third and fifth ranges.
        #expect(walked.spans == [2 ..< 5, 6 ..< 8, 9 ..< 14, 15 ..< 17, 18 ..< 23, 23 ..< 24])
        #expect(walked.sentences == SentenceIndex.sentences(of: walked.spans.map(\.lowerBound), in: units))
        #expect(walked.sentences == [0, 1, 2, 3, 4, 4])
        #expect(DocumentLinker.utf16SpansAndSentences(of: [5 ..< 7, 1 ..< 4], in: units) == nil)
    }

    /// A document's units take their own size, not one unit a byte.
    @Test func documentUnitsAreExactlyTheText() {
        for text in ["", "abc", "某市第一医院", "𠀀医院𠀁", "é\u{301}医院\n", String(repeating: "某市第一医院𠀀", count: 200)] {
            let units = [UInt16](utf16Of: text)
            #expect(units == Array(text.utf16))
            if text.utf8.count > UTF8Transcoding.countedAbove { #expect(units.capacity < units.count + 64) }
        }
    }
}
