import Testing
@_spi(Benchmarks) @testable import MedExtract

/// The never-a-figure words of a figure unit file: whether one covers a
/// position (``FigureUnits/isIgnored(in:at:)``, which walks its automaton
/// only from units that start a word) against a search of every word at
/// every start, on random texts over the words' own units and others.
@Suite("Figure ignore words")
struct FigureIgnoreTests {
    @Test("isIgnored agrees with a search of every word", arguments: 0 ..< 4)
    func isIgnoredAgreesWithASearch(seed: UInt64) throws {
        let words = ["一些", "三甲", "些许", "甲乙丙", "x光"]
        let contents = words.map { "\($0)\tignore\t-" }.joined(separator: "\n") + "\n个\tcount\t个\n"
        let table = try FigureUnits(contents: contents, path: "units.tsv")
        let alphabet = Array("一些三甲乙丙许x光个五".utf16)
        let patterns = words.map { Array($0.utf16) }
        var random = SplitMix(state: 0xF16 &+ seed)
        for _ in 0 ..< 30 {
            let text = (0 ..< Int(random.next() % 60)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            text.withUnsafeBufferPointer { units in
                for position in units.indices {
                    let covered = patterns.contains { word in
                        (max(0, position - word.count + 1) ... position).contains { start in
                            start + word.count <= units.count && Array(units[start ..< start + word.count]) == word
                        }
                    }
                    #expect(table.isIgnored(in: units, at: position) == covered, "\(String(utf16Units: text)) at \(position)")
                }
            }
        }
    }
}
