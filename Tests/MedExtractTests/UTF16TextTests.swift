@_spi(Benchmarks) @testable import MedExtract
import Testing

/// The code-unit helpers the pipeline uses instead of the standard library's
/// slower paths: they must give exactly what the standard library gives.
@Suite("UTF-16 text helpers")
struct UTF16TextTests {
    /// Random unit sequences (ASCII, two- and three-byte scalars, surrogate
    /// pairs, lone and reversed surrogates), whole and as slices, decode to
    /// the same string as `String(decoding:as:)`.
    @Test func stringFromUTF16UnitsMatchesTheStandardDecoder() {
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let pool: [UInt16] = [0x41, 0x7A, 0x00, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x533B, 0x9662, 0xFFFD, 0xFFFF, 0xD83D, 0xDE00, 0xD800, 0xDBFF, 0xDC00, 0xDFFF]
        for round in 0 ..< 500 {
            let units = (0 ..< next(24)).map { _ in pool[next(pool.count)] }
            #expect(String(utf16Units: units) == String(decoding: units, as: UTF16.self), "round \(round)")
            #expect(Array(String(utf16Units: units).utf8) == Array(String(decoding: units, as: UTF16.self).utf8), "round \(round)")
            if units.count > 2 {
                let slice = units[1 ..< units.count - 1]
                #expect(String(utf16Units: slice) == String(decoding: slice, as: UTF16.self), "round \(round)")
            }
        }
        #expect(String(utf16Units: [UInt16]()) == "")
        #expect(String(utf16Units: Array("北京协和医院😀".utf16)) == "北京协和医院😀")
    }

    @Test func containsUnitsFindsAWordAnywhere() {
        let text = Array("某某大学附属医院".utf16)
        #expect(text.containsUnits(Array("大学".utf16)))
        #expect(text.containsUnits(Array("医院".utf16)))
        #expect(text.containsUnits(text))
        #expect(!text.containsUnits(Array("学院".utf16)))
        #expect(!text.containsUnits(Array("医院医院医院医院医院".utf16)))
        #expect(!text.containsUnits([]))
        #expect(![UInt16]().containsUnits(Array("医".utf16)))
    }

    /// The normaliser's and the layout model's class table gives, for every
    /// BMP scalar, exactly the classes of the predicates it stands for.
    @Test func scalarClassTableAgreesWithThePredicates() {
        let table = ScalarClassTable.bmp
        #expect(table.count == 0x10000)
        var mismatches: [UInt32] = []
        for v in UInt32(0) ... 0xFFFF {
            let bits = table[Int(v)]
            let expected: [(UInt8, Bool)] = [
                (ScalarClassTable.lineBreak, CodeUnitClass.isLineBreakScalar(v)),
                (ScalarClassTable.ignorable, CodeUnitClass.isIgnorableScalar(v)),
                (ScalarClassTable.whitespace, CodeUnitClass.isWhitespaceScalar(v)),
                (ScalarClassTable.ideograph, CodeUnitClass.isIdeograph(scalar: v)),
                (ScalarClassTable.wide, CodeUnitClass.isWide(scalar: v)),
                (ScalarClassTable.folds, CodeUnitClass.fold(v) != v),
            ]
            if expected.contains(where: { (bits & $0.0 != 0) != $0.1 }) { mismatches.append(v) }
        }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(5))")
        // Spot checks that the table is not trivially empty.
        #expect(table[0x0A] & ScalarClassTable.lineBreak != 0)
        #expect(table[0x533B] & (ScalarClassTable.ideograph | ScalarClassTable.wide) == ScalarClassTable.ideograph | ScalarClassTable.wide)
        #expect(table[0xFF11] & ScalarClassTable.folds != 0)
        #expect(table[0x3000] & ScalarClassTable.whitespace != 0)
        // Above the BMP the predicates answer directly.
        #expect(ScalarClassTable.computedClasses(of: 0x20000) == ScalarClassTable.ideograph | ScalarClassTable.wide)
        // What the walks read, the unified ideographs' shortcut included,
        // is the predicates' answer for every scalar.
        table.withUnsafeBufferPointer { storage in
            var wrong: [UInt32] = []
            for v in UInt32(0) ... 0x10FFFF where ScalarClassTable.classes(of: v, in: storage) != ScalarClassTable.computedClasses(of: v) {
                wrong.append(v)
            }
            #expect(wrong.isEmpty, "first: \(wrong.prefix(5))")
        }
    }

    /// The walks' shortcut for the CJK Unified Ideographs: the predicates
    /// give every one of them exactly ``ScalarClassTable/unifiedIdeograph``,
    /// and ``ScalarWalk/nextUnifiedIdeograph()`` reads exactly those scalars
    /// (and does not move on any other).
    @Test func unifiedIdeographShortcutMatchesThePredicates() {
        var wrongClasses: [UInt32] = []
        for v in UInt32(0x4E00) ... 0x9FFF where ScalarClassTable.computedClasses(of: v) != ScalarClassTable.unifiedIdeograph {
            wrongClasses.append(v)
        }
        #expect(wrongClasses.isEmpty, "first: \(wrongClasses.prefix(5))")
        var wrongReads: [UInt32] = []
        for v in UInt32(0) ... 0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            // The scalar then an ASCII byte, so that every length is read whole.
            let bytes = Array(String(Character(scalar)).utf8) + [0x41]
            bytes.withUnsafeBufferPointer { buffer in
                var walk = ScalarWalk(buffer)
                let read = walk.nextUnifiedIdeograph()
                let expected: UInt32? = (0x4E00 ... 0x9FFF).contains(v) ? v : nil
                if read != expected || walk.position != (expected == nil ? 0 : 3) { wrongReads.append(v) }
            }
        }
        #expect(wrongReads.isEmpty, "first: \(wrongReads.prefix(5))")
    }

    /// Texts of every length around the eight-byte words the count reads,
    /// with one-, two-, three- and four-byte sequences at every offset.
    static let transcodingSamples: [String] = {
        var samples = ["", "abc", "医院", "a😀b", "𠀀𠀁", "é\u{301}", "ÿ\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}"]
        let pieces = ["a", "é", "医", "😀", "\u{10FFFF}", "\n", "\u{FF11}"]
        for length in 1 ... 40 {
            for shift in 0 ..< pieces.count {
                samples.append(String((0 ..< length).map { pieces[($0 * 3 + shift) % pieces.count] }.joined()))
            }
        }
        samples.append(String(repeating: "某市第一人民医院心内科😀", count: 100))
        return samples
    }()

    /// The normaliser sizes its output by the UTF-16 length of its input.
    @Test func utf16CountOfUTF8() {
        for text in Self.transcodingSamples {
            let count = Array(text.utf8).withUnsafeBufferPointer { UTF8Transcoding.utf16Count($0) }
            #expect(count == text.utf16.count, "\(text)")
        }
    }

    /// The units decoded from a string's UTF-8 are its UTF-16 view's, for
    /// short strings (storage a byte each) and long ones (counted first).
    @Test func utf16UnitsOfUTF8() {
        for text in Self.transcodingSamples {
            #expect([UInt16](utf16Of: text) == Array(text.utf16), "\(text)")
            let inner = text.dropFirst().dropLast()
            #expect([UInt16](utf16Of: inner) == Array(inner.utf16), "\(inner)")
        }
        // A bridged or foreign string has no contiguous UTF-8: the fallback answers.
        let units = Array("医院😀".utf16)
        #expect([UInt16](utf16Of: String(decoding: units, as: UTF16.self)) == units)
    }

    /// Scalar offsets asked in order (repeats and jumps of every size
    /// included, past the end clamped) give the scalar view's indices.
    @Test func offsetTranslatorAgreesWithTheScalarView() {
        for text in Self.transcodingSamples {
            let scalars = text.unicodeScalars
            let indices = Array(scalars.indices) + [scalars.endIndex]
            let count = indices.count - 1
            for step in [1, 3, 7, 8, 9, 17, 64] {
                var translator = OffsetTranslator(text)
                var target = 0
                while target <= count + step {
                    let expected = indices[min(target, count)]
                    #expect(translator.position(ofScalarOffset: target) == expected, "\(text) at \(target)")
                    #expect(translator.position(ofScalarOffset: target) == expected, "again at \(target)")
                    target += step
                }
            }
        }
    }

    /// Every occurrence of a unit, found four units a step, against a plain
    /// filter: random texts of the unit, its neighbours in value and units
    /// that differ from it in one lane bit, from every start.
    @Test func unitSearchFindsEveryOccurrence() {
        let unit: UInt16 = 0x9662
        let alphabet: [UInt16] = [unit, unit - 1, unit + 1, unit ^ 0x8000, unit ^ 0x0001, 0, 0xFFFF, 0x533B, 0x20]
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 500 {
            let units = (0 ..< Int.random(in: 0 ... 40, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            let start = Int.random(in: 0 ... units.count + 1, using: &generator)
            var found: [Int] = []
            units.withUnsafeBufferPointer { UnitSearch.forEach(unit, in: $0, from: start) { found.append($0) } }
            #expect(found == units.indices.filter { $0 >= start && units[$0] == unit }, "\(units) from \(start)")
        }
    }

    /// Whether units are a text's UTF-16: the same answer as comparing with
    /// the text's UTF-16 view, on texts of one- to four-byte scalars and
    /// units that differ by one unit, one unit more or one fewer.
    @Test func unitsOfATextAgreeWithItsUTF16View() {
        for text in ["", "a", "医院", "某市第一医院", "a😀b", "é\u{301}", "𠀀𠀁", String(repeating: "骨科", count: 40)] {
            let units = Array(text.utf16)
            #expect(MedExtractor.hasUnits(units[...], of: text), "\(text)")
            if let last = units.last {
                #expect(!MedExtractor.hasUnits((units.dropLast() + [last ^ 1])[...], of: text), "\(text)")
                #expect(!MedExtractor.hasUnits(units.dropLast(), of: text), "\(text)")
            }
            #expect(!MedExtractor.hasUnits((units + [0x533B])[...], of: text), "\(text)")
        }
    }

    /// The count of set top bits, for every mask of top bits a word of
    /// eight bytes can have.
    @Test func highBitCountAgreesWithThePopulationCount() {
        var wrong: [UInt64] = []
        for pattern in 0 ..< 256 {
            var mask: UInt64 = 0
            for byte in 0 ..< 8 where pattern >> byte & 1 == 1 { mask |= 0x80 << UInt64(8 * byte) }
            if UTF8Transcoding.highBitCount(mask) != mask.nonzeroBitCount { wrong.append(mask) }
        }
        #expect(wrong.isEmpty)
    }

    /// The same on random texts of one- to four-byte scalars, with random
    /// gaps between the offsets asked (zero to twenty scalars), so the
    /// target's start falls at every byte of a word.
    @Test func offsetTranslatorAgreesWithTheScalarViewOnRandomTexts() {
        let pieces = ["a", "7", " ", "é", "ß", "医", "院", "。", "😀", "𠀀", "\u{301}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 200 {
            let text = (0 ..< Int.random(in: 0 ... 60, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let indices = Array(text.unicodeScalars.indices) + [text.unicodeScalars.endIndex]
            let count = indices.count - 1
            var translator = OffsetTranslator(text)
            var target = 0
            while target <= count + 2 {
                #expect(translator.position(ofScalarOffset: target) == indices[min(target, count)], "\(text) at \(target)")
                target += Int.random(in: 0 ... 20, using: &generator)
                if target == 0 { target = 1 }
            }
        }
    }

    /// A sequence cut short or a full output ends the decoding; nothing is
    /// written past the output.
    @Test func decodingStopsAtTruncatedInputOrFullOutput() {
        let bytes = Array("a医😀".utf8) // 1 + 3 + 4 bytes: 1 + 1 + 2 units
        for cut in 0 ... bytes.count {
            let units = Array(bytes[..<cut]).withUnsafeBufferPointer { input in
                [UInt16](unsafeUninitializedCapacity: 4) { out, count in count = UTF8Transcoding.decode(input, into: out) }
            }
            let expected: [UInt16] = cut < 1 ? [] : cut < 4 ? [0x61] : cut < 8 ? [0x61, 0x533B] : Array("a医😀".utf16)
            #expect(units == expected, "cut at \(cut)")
        }
        for room in 0 ... 4 {
            let units = bytes.withUnsafeBufferPointer { input in
                [UInt16](unsafeUninitializedCapacity: room) { out, count in count = UTF8Transcoding.decode(input, into: out) }
            }
            // A surrogate pair is written whole or not at all.
            #expect(units == Array(Array("a医😀".utf16).prefix(room == 3 ? 2 : room)), "room \(room)")
        }
    }

    /// The memcmp comparisons agree with the standard library's
    /// `elementsEqual` and `lexicographicallyPrecedes` (prefixes, empty runs,
    /// bytes above 0x7F included).
    @Test func memoryCompareAgreesWithTheStandardLibrary() {
        let runs: [[UInt8]] = [[], [0x31], [0x31, 0x31], [0x31, 0x32], [0x32], [0xE5, 0x8C, 0xBB], [0xE5, 0x8C], [0x7F], [0x80], [0x31, 0x31, 0x30, 0x31]]
        for a in runs {
            for b in runs {
                a.withUnsafeBufferPointer { p in
                    b.withUnsafeBufferPointer { q in
                        #expect(MemoryCompare.equal(p, q) == a.elementsEqual(b), "\(a) \(b)")
                        #expect(MemoryCompare.precedes(p, q) == a.lexicographicallyPrecedes(b), "\(a) \(b)")
                    }
                }
            }
        }
        let units = Array("北京医院心内科".utf16)
        #expect(units.containsUnits(Array("医院".utf16)))
        #expect(units.containsUnits(Array("内科".utf16)))
        #expect(!units.containsUnits(Array("外科".utf16)))
        #expect(!units.containsUnits([]))
        #expect(!Array("医".utf16).containsUnits(Array("医院".utf16)))
        units.withUnsafeBufferPointer { buffer in
            Array("科".utf16).withUnsafeBufferPointer { word in
                #expect(MemoryCompare.hasWord(word, in: buffer, at: 6))
                #expect(!MemoryCompare.hasWord(word, in: buffer, at: 7))
                #expect(!MemoryCompare.hasWord(word, in: buffer, at: -1))
            }
        }
    }
}
