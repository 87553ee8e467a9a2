import Foundation
import PropertyBased
import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

/// Chunked extraction must equal unchunked extraction: no entity lost,
/// duplicated or cut at a join, offsets unchanged.
@Suite("Chunking of long documents")
struct ChunkingTests {
    /// Entry surfaces use ideographs the filler never contains, so entries
    /// never overlap one another or the filler.
    static let entries: [DictionaryEntry] = [
        DictionaryEntry(surface: "宣武医院", label: .entity(.hospital), canonical: "首都医科大学宣武医院"),
        DictionaryEntry(surface: "晋城大医院", label: .entity(.hospital)),
        DictionaryEntry(surface: "呼吸与危重症医学科", label: .entity(.department)),
        DictionaryEntry(surface: "EBUS-TBNA", label: .entity(.procedure)),
        DictionaryEntry(surface: "冠状动脉造影", label: .entity(.procedure)),
    ]
    /// Filler: ideographs, symbols and an emoji, none of them in an entry (no
    /// ASCII letters or digits: `EBUS-TBNA` rightly does not match inside `xEBUS-TBNA1`).
    static let filler: [Character] = Array("今天上午有一名患者来到这里进行了检查和治疗他说感觉很好％·😀é")

    static let chunkSize = 64

    static func extractor(chunkSize: Int, extra: [DictionaryEntry] = []) -> MedExtractor? {
        try? MedExtractor(configuration: ExtractorConfiguration(
            userEntries: entries + extra, includeBuiltinDictionaries: false, useRules: false, chunkSize: chunkSize
        ))
    }

    static let chunked = extractor(chunkSize: chunkSize)
    static let unchunked = extractor(chunkSize: .max)

    static func fillerText(count: Int, seed: UInt64) -> [Unicode.Scalar] {
        var rng = SplitMix(state: seed)
        var scalars: [Unicode.Scalar] = []
        while scalars.count < count {
            scalars += filler.randomElement(using: &rng)!.unicodeScalars
        }
        return Array(scalars.prefix(count))
    }

    static func string(_ scalars: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Overwrites scalars at `position` with an entry surface (same length, so
    /// cut positions, which depend only on length and punctuation, stay put).
    static func plant(_ surface: String, at position: Int, in scalars: inout [Unicode.Scalar]) {
        let s = Array(surface.unicodeScalars)
        guard position >= 0, position + s.count <= scalars.count else { return }
        scalars.replaceSubrange(position ..< position + s.count, with: s)
    }

    /// Checks each entity against the original text at its scalar offsets
    /// and, through `EntityInvariants`, at the index range and UTF-16 offsets
    /// derived from them.
    static func expectConsistentOffsets(_ entities: [Entity], in text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        EntityInvariants.check(entities, in: text, sourceLocation: sourceLocation)
        let scalars = Array(text.unicodeScalars)
        var previousEnd = 0
        for entity in entities {
            #expect(entity.scalarOffsets.lowerBound >= previousEnd, "entities overlap or are unsorted", sourceLocation: sourceLocation)
            previousEnd = entity.scalarOffsets.upperBound
            #expect(string(Array(scalars[entity.scalarOffsets])) == entity.text, sourceLocation: sourceLocation)
        }
    }

    /// The scalar offsets where chunks join (each chunk's end and the next
    /// one's start and keep bound), sorted, without repeats.
    static func joins(_ extractor: MedExtractor, _ text: String) -> [Int] {
        let chunks = extractor.chunks(of: text.unicodeScalars)
        var offsets: [Int] = []
        for (previous, next) in zip(chunks, chunks.dropFirst()) {
            let end = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: previous.range.upperBound)
            offsets += [end, next.offset, next.keepFrom]
        }
        return Array(Set(offsets)).sorted()
    }

    @Test func chunkingWithoutAnyPunctuationEqualsUnchunked() throws {
        let chunked = try #require(Self.chunked)
        let unchunked = try #require(Self.unchunked)
        for seed: UInt64 in 1 ... 20 {
            var scalars = Self.fillerText(count: 2_000 + Int(seed) * 37, seed: seed)
            let cuts = Self.joins(chunked, Self.string(scalars))
            #expect(cuts.count >= 30, "the text must be cut many times")
            var rng = SplitMix(state: seed &* 7)
            // Plant an entity across every join, at every phase relative to it
            // (joins are 16 scalars apart, entities at most 9 long, so
            // plants straddling a join never overlap).
            #expect(zip(cuts, cuts.dropFirst()).allSatisfy { $1 - $0 >= 16 })
            for cut in cuts {
                let entry = Self.entries.randomElement(using: &rng)!
                let length = entry.surface.unicodeScalars.count
                let phase = Int.random(in: 1 ..< length, using: &rng)
                Self.plant(entry.surface, at: cut - phase, in: &scalars)
            }
            let text = Self.string(scalars)
            #expect(Self.joins(chunked, text) == cuts, "planting must not move the cuts")
            let expected = unchunked.extract(from: text)
            let actual = chunked.extract(from: text)
            #expect(actual == expected, "seed \(seed)")
            #expect(expected.count == cuts.count)
            Self.expectConsistentOffsets(actual, in: text)
            // Every join really is crossed by (or touches) an entity.
            for cut in cuts {
                #expect(expected.contains { $0.scalarOffsets.lowerBound < cut && cut < $0.scalarOffsets.upperBound }, "no entity across join \(cut), seed \(seed)")
            }
        }
    }

    /// The documented guarantee at its limit: an entity as long as half the
    /// overlap survives a hard cut at every position relative to it.
    @Test func longestGuaranteedEntityAcrossAHardCut() throws {
        let long = "阜外医院深圳医院国家心血管病中心"
        let length = long.unicodeScalars.count
        #expect(length == MedExtractor.hardCutOverlap(chunkSize: Self.chunkSize) / 2)
        let chunked = try #require(Self.extractor(chunkSize: Self.chunkSize, extra: [DictionaryEntry(surface: long, label: .entity(.hospital))]))
        let unchunked = try #require(Self.extractor(chunkSize: .max, extra: [DictionaryEntry(surface: long, label: .entity(.hospital))]))
        let base = Self.fillerText(count: 400, seed: 99)
        let cuts = Self.joins(chunked, Self.string(base))
        #expect(cuts.count >= 3)
        for cut in cuts {
            for phase in 0 ... length {
                var scalars = base
                Self.plant(long, at: cut - phase, in: &scalars)
                let text = Self.string(scalars)
                let expected = unchunked.extract(from: text)
                #expect(expected.map(\.text) == [long])
                #expect(chunked.extract(from: text) == expected, "join \(cut), phase \(phase)")
            }
        }
    }

    @Test func chunkingAtSentenceEndsEqualsUnchunked() throws {
        let chunked = try #require(Self.chunked)
        let unchunked = try #require(Self.unchunked)
        for seed: UInt64 in 1 ... 20 {
            var rng = SplitMix(state: seed)
            var text = ""
            // Sentences of 5–40 scalars, each with entities at its start and
            // right before its end mark, so every cut has an entity on both sides.
            for _ in 0 ..< 120 {
                text += Self.entries.randomElement(using: &rng)!.surface
                text += Self.string(Self.fillerText(count: Int.random(in: 1 ... 30, using: &rng), seed: rng.next()))
                text += Self.entries.randomElement(using: &rng)!.surface
                text += ["。", "！", "？", "；", "!", "?", ";", "。\n\n", "，", "、"].randomElement(using: &rng)!
            }
            let expected = unchunked.extract(from: text)
            let actual = chunked.extract(from: text)
            #expect(chunked.chunks(of: text.unicodeScalars).count >= 20)
            #expect(actual == expected, "seed \(seed)")
            #expect(expected.count == 240)
            Self.expectConsistentOffsets(actual, in: text)
        }
    }

    @Test func chunkingAtClauseMarksEqualsUnchunked() throws {
        let chunked = try #require(Self.chunked)
        let unchunked = try #require(Self.unchunked)
        var rng = SplitMix(state: 42)
        var text = ""
        for _ in 0 ..< 200 {
            text += Self.entries.randomElement(using: &rng)!.surface
            text += Self.string(Self.fillerText(count: Int.random(in: 0 ... 20, using: &rng), seed: rng.next()))
            text += Self.entries.randomElement(using: &rng)!.surface
            text += ["，", "、"].randomElement(using: &rng)!
        }
        let chunks = chunked.chunks(of: text.unicodeScalars)
        #expect(chunks.count >= 20)
        // Clause cuts need no overlap: chunks are disjoint and end at a clause mark.
        for (previous, next) in zip(chunks, chunks.dropFirst()) {
            #expect(previous.range.upperBound == next.range.lowerBound)
            let last = text.unicodeScalars[text.unicodeScalars.index(before: previous.range.upperBound)]
            #expect(last == "，" || last == "、")
        }
        let expected = unchunked.extract(from: text)
        #expect(chunked.extract(from: text) == expected)
        #expect(expected.count == 400)
    }

    @Test func numbersWithFullWidthCommasAreNotCut() throws {
        let chunked = try #require(Self.chunked)
        // Only digits and full-width commas: a cut there could split a figure.
        let text = String(repeating: "1，000，", count: 100)
        let chunks = chunked.chunks(of: text.unicodeScalars)
        #expect(chunks.count > 2)
        // No clean cut point: every join is a hard cut with overlap.
        for (previous, next) in zip(chunks, chunks.dropFirst()) {
            #expect(next.range.lowerBound < previous.range.upperBound, "cut at a comma between digits")
        }
    }

    @Test func layoutWhitespaceInsideEntitiesAcrossJoins() throws {
        let chunked = try #require(Self.chunked)
        let unchunked = try #require(Self.unchunked)
        var text = ""
        for i in 1 ... 300 { // starts with EBUS: a 3-scalar first line has no neighbour to be judged full by
            text += i % 2 == 0 ? "宣武医\n\n院" : "EBUS-TB-\n\nNA"
            text += "检查"
        }
        let expected = unchunked.extract(from: text)
        #expect(expected.count == 300)
        #expect(chunked.extract(from: text) == expected)
        Self.expectConsistentOffsets(expected, in: text)
    }

    @Test func extremeChunkSizesDoNotTrap() throws {
        let text = String(repeating: "去宣武医院检查", count: 200)
        var results: [[Entity]] = []
        for size in [Int.min, -1, 0, 1, 63, 64, 65, Int.max / 2, Int.max - 1, Int.max] {
            let extractor = try #require(Self.extractor(chunkSize: size))
            results.append(extractor.extract(from: text))
        }
        // Chunk-relative normaliser origins are Int32: a chunk must fit.
        #expect(2 * MedExtractor.effectiveChunkSize(.max) < Int(Int32.max))
        for result in results {
            #expect(result.count == 200)
            #expect(result == results[0])
        }
    }

    /// The cuts of the rules as ``MedExtractor/chunks(of:)`` documents them,
    /// found by a plain walk over scalar indices: chunks as scalar offsets
    /// (start, end, keep from, keep before).
    static func referenceCuts(of scalars: String.UnicodeScalarView, size: Int) -> [[Int]] {
        let overlap = MedExtractor.hardCutOverlap(chunkSize: size)
        let values = scalars.map(\.value)
        func isDigit(_ v: UInt32) -> Bool { (0x30 ... 0x39).contains(v) || (0xFF10 ... 0xFF19).contains(v) }
        var cuts: [[Int]] = []
        var start = 0, keepFrom = 0
        for (i, value) in values.enumerated() {
            let end = i + 1, length = end - start
            guard length >= size else { continue }
            var clean = value != 0x0A && CodeUnitClass.isSentenceEnd(scalar: value)
            if !clean, length >= size + size / 2, value == 0xFF0C || value == 0x3001 {
                clean = !isDigit(i > 0 ? values[i - 1] : 0) && !isDigit(end < values.count ? values[end] : 0)
            }
            if clean {
                cuts.append([start, end, keepFrom, end])
                start = end
                keepFrom = end
            } else if length >= 2 * size {
                cuts.append([start, end, keepFrom, end - overlap / 2])
                keepFrom = end - overlap / 2
                start = end - overlap
            }
        }
        if start < values.count || cuts.isEmpty { cuts.append([start, values.count, keepFrom, Int.max]) }
        return cuts
    }

    /// The byte walk cuts where the rules say, at sentence ends, clause marks
    /// (not between digits) and hard cuts, in text of one- to four-byte
    /// scalars; a bridged string, and the path for one without contiguous
    /// UTF-8, get the same chunks.
    @Test func byteWalkCutsWhereTheRulesSay() throws {
        let chunked = try #require(Self.chunked)
        let pieces = ["医", "院", "a", "7", "８", "，", "、", "。", "！", "?", ";", "\n", " ", "é", "😀", "１，０００", "3，4", "𠀀"]
        var rng = SplitMix(state: 41)
        for round in 0 ..< 120 {
            var text = ""
            let count = Int(rng.next() % 600)
            // Some texts without any mark, so that only hard cuts apply.
            let plain = round % 4 == 0
            for _ in 0 ..< count {
                let piece = pieces[Int(rng.next() % UInt64(pieces.count))]
                text += plain && !"医院a😀𠀀é".contains(piece) ? "医" : piece
            }
            let expected = Self.referenceCuts(of: text.unicodeScalars, size: Self.chunkSize)
            for string in [text, NSString(string: text) as String] {
                let scalars = string.unicodeScalars
                let found: [[Int]] = chunked.chunks(of: scalars).map { chunk in
                    let lower = scalars.distance(from: scalars.startIndex, to: chunk.range.lowerBound)
                    let upper = scalars.distance(from: scalars.startIndex, to: chunk.range.upperBound)
                    #expect(lower == chunk.offset, "round \(round)")
                    return [lower, upper, chunk.keepFrom, chunk.keepBefore]
                }
                #expect(found == expected, "round \(round)")
            }
            // The path of a string without contiguous UTF-8 (Foundation on
            // Linux copies bridged strings, so it is called directly): cuts
            // of a copy, found again in the original by scalar offset.
            if text.utf8.count >= Self.chunkSize {
                let cuts = text.utf8.withContiguousStorageIfAvailable { MedExtractor.cuts(in: $0, size: Self.chunkSize) } ?? []
                let viaOffsets = MedExtractor.chunks(of: text.unicodeScalars, cutAt: cuts)
                let direct = chunked.chunks(of: text.unicodeScalars)
                #expect(viaOffsets.map(\.range) == direct.map(\.range) && viaOffsets.map(\.keepBefore) == direct.map(\.keepBefore), "round \(round)")
            }
        }
    }

    @Test func chunksCoverTheWholeText() throws {
        let chunked = try #require(Self.chunked)
        for text in ["", "a", String(repeating: "医", count: 1_000), String(repeating: "。", count: 1_000), String(repeating: "医院。", count: 500)] {
            let scalars = text.unicodeScalars
            let chunks = chunked.chunks(of: scalars)
            #expect(!chunks.isEmpty)
            #expect(chunks.first?.range.lowerBound == scalars.startIndex)
            #expect(chunks.last?.range.upperBound == scalars.endIndex)
            #expect(chunks.first?.keepFrom == 0)
            #expect(chunks.last?.keepBefore == .max)
            for (previous, next) in zip(chunks, chunks.dropFirst()) {
                // Keep ranges tile the text: every start offset is kept by exactly one chunk.
                #expect(previous.keepBefore == next.keepFrom)
                #expect(next.range.lowerBound <= previous.range.upperBound)
                #expect(next.offset <= next.keepFrom)
                #expect(scalars.distance(from: scalars.startIndex, to: next.range.lowerBound) == next.offset)
                #expect(scalars.distance(from: next.range.lowerBound, to: next.range.upperBound) <= 2 * Self.chunkSize)
            }
        }
    }
}


/// Random texts of entry surfaces, filler, punctuation, digits and layout
/// whitespace: chunked extraction (chunk size 64) equals unchunked extraction.
@Suite("Chunking equivalence on random text")
struct ChunkingPropertyTests {
    static let pieces: [String] = ChunkingTests.entries.map(\.surface) + [
        "宣武医\n\n院", "EBUS-TB-\n\nNA", "晋城 大医院",
        "今天", "患者", "进行了", "检查", "和", "治疗", "😀", "é", "\u{301}", "％", "·",
        "12", "3.5", "1，000", "２０", "例", "名",
        "。", "！", "？", "；", "!", "?", ";", "，", "、", "：", "（", "）", "“", "”",
        " ", "\n", "\n\n", "\r\n", "\u{3000}", "\t",
    ]

    static let text = Gen<String?>.element(of: pieces).array(of: 0 ... 400)
        .map { $0.compactMap { $0 }.joined() }

    @Test func chunkedEqualsUnchunked() async throws {
        let chunked = try #require(ChunkingTests.chunked)
        let unchunked = try #require(ChunkingTests.unchunked)
        await propertyCheck(count: 300, input: Self.text) { text in
            let expected = unchunked.extract(from: text)
            #expect(chunked.extract(from: text) == expected)
            EntityInvariants.check(expected, in: text)
        }
    }

    /// Without any punctuation, every cut is a hard cut.
    @Test func chunkedEqualsUnchunkedWithHardCutsOnly() async throws {
        let chunked = try #require(ChunkingTests.chunked)
        let unchunked = try #require(ChunkingTests.unchunked)
        let punctuation = Set("。！？；!?;，、：（）“”".unicodeScalars)
        let pieces = Self.pieces.filter { !$0.unicodeScalars.contains(where: punctuation.contains) }
        let text = Gen<String?>.element(of: pieces).array(of: 0 ... 400).map { $0.compactMap { $0 }.joined() }
        await propertyCheck(count: 300, input: text) { text in
            #expect(chunked.extract(from: text) == unchunked.extract(from: text))
        }
    }
}
