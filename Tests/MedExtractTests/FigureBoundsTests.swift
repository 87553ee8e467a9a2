import Testing
@_spi(Benchmarks) @testable import MedExtract

/// The built-in bound words around a figure, found through the first- and
/// last-unit filters exactly as by comparing every word at the position.
@Suite("Figure bounds")
struct FigureBoundsTests {
    @Test func filteredSearchFindsWhatEveryWordWouldFind() throws {
        let bounds = try FigureVocabulary.builtin().bounds
        #expect(!bounds.prefixes.isEmpty && !bounds.suffixes.isEmpty)
        // Each word alone before or after a number, and the words' units
        // next to numbers in every order.
        var texts: [[UInt16]] = []
        for word in bounds.prefixes.map(\.units) + bounds.suffixes.map(\.units) {
            texts.append(word + Array("5".utf16) + word)
            texts.append(Array("最".utf16) + word + Array("12".utf16))
        }
        let units = Array(Set((bounds.prefixes + bounds.suffixes).flatMap(\.units))) + Array("5上班".utf16)
        var random = SplitMix(state: 0xB0)
        for _ in 0 ..< 200 { texts.append((0 ..< 8).map { _ in units[Int(random.next() % UInt64(units.count))] }) }
        for text in texts {
            text.withUnsafeBufferPointer { buffer in
                let r = CodeUnitReader(buffer: buffer)
                for index in 0 ... buffer.count {
                    let prefix = bounds.prefixes.first { r.has($0.units, endingAt: index) && ($0.blockers.isEmpty || !$0.blockers.contains(r[index - $0.units.count - 1])) }
                    #expect(bounds.prefix(in: r, before: index).map { "\($0.start) \($0.qualifier.rawValue)" }
                        == prefix.map { "\(index - $0.units.count) \($0.qualifier.rawValue)" }, "\(String(utf16Units: text)) before \(index)")
                    let suffix = bounds.suffixes.first { r.has($0.units, at: index) && !$0.blockers.contains(r[index + $0.units.count]) }
                    #expect(bounds.suffix(in: r, at: index).map { "\($0.end) \($0.qualifier.rawValue)" }
                        == suffix.map { "\(index + $0.units.count) \($0.qualifier.rawValue)" }, "\(String(utf16Units: text)) at \(index)")
                }
            }
        }
    }

    /// The filters of the counters and lunar months hold every word's first
    /// unit, so no word is skipped; and they skip most units.
    @Test func counterAndLunarMonthFiltersHoldEveryFirstUnit() throws {
        let words = try FigureVocabulary.builtin()
        #expect(!words.counters.isEmpty && words.lunarMonths.contains { $0.word.count == 2 })
        for counter in words.counters { #expect(counter.first.map(words.counterStarts.mayContain) == true) }
        for month in words.lunarMonths where month.word.count == 2 { #expect(month.word.first.map(words.lunarMonthStarts.mayContain) == true) }
        #expect(words.counterStarts.bits.nonzeroBitCount < 64 && words.lunarMonthStarts.bits.nonzeroBitCount < 64)
    }
}
