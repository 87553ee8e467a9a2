import Testing
@_spi(Benchmarks) @testable import MedExtract

/// The link words' tries (words a text ends with, words it starts with)
/// against a search of the word list itself.
@Suite("Link word tries")
struct LinkWordsTests {
    /// Random word lists over a small alphabet (so words share prefixes and
    /// suffixes, and a node has many children), and random texts: the
    /// longest word a text ends with, and every word it starts with, are
    /// the ones a look at each listed word finds.
    @Test func triesAgreeWithTheWordListOnRandomWords() {
        let alphabet = Array("医院科中心部区分总第一人民".utf16)
        let classes: [LinkWordClass] = [.selfReference, .anaphor, .campus, .body, .head]
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 100 {
            var listed: [[UInt16]: LinkWordClass] = [:]
            for _ in 0 ..< Int.random(in: 1 ... 60, using: &generator) {
                let word = (0 ..< Int.random(in: 1 ... 4, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
                listed[word] = classes.randomElement(using: &generator) ?? .head
            }
            let words = LinkWords(listed.map { (String(decoding: $0.key, as: UTF16.self), $0.value) })
            for _ in 0 ..< 50 {
                let text = (0 ..< Int.random(in: 0 ... 6, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
                let endings = listed.filter { text.count >= $0.key.count && text.suffix($0.key.count).elementsEqual($0.key) }
                let longest = endings.max { $0.key.count < $1.key.count }
                let found = words.suffix(of: text)
                #expect(found?.length == longest?.key.count && found?.wordClass == longest?.value, "\(text)")
                var starts: [Int] = []
                words.forEachPrefixWord(of: text, limit: text.count) { wordClass, length in
                    if listed[Array(text.prefix(length))] == wordClass { starts.append(length) }
                    return true
                }
                let expected = listed.keys.filter { text.count >= $0.count && text.prefix($0.count).elementsEqual($0) }.map(\.count).sorted()
                #expect(starts == expected, "\(text)")
                // Read in place around a position of a text with spaces and
                // punctuation: the same as the word before (or after) it,
                // collected first.
                let spaced = text.flatMap { u -> [UInt16] in Int.random(in: 0 ..< 4, using: &generator) == 0 ? [0x20, u] : [u] }
                    + (Bool.random(using: &generator) ? [0xFF0C] : []) + text
                let position = Int.random(in: 0 ... spaced.count, using: &generator)
                let before = words.suffix(of: DocumentLinker.wordBefore(spaced, position, limit: words.maxLength))
                let inPlace = words.suffix(ofWordBefore: position, in: spaced)
                #expect(inPlace?.length == before?.length && inPlace?.wordClass == before?.wordClass, "\(spaced) \(position)")
                var after: [UInt16] = []
                var p = position
                while p < spaced.count && after.count < words.maxLength {
                    let u = spaced[p]
                    p += 1
                    if DocumentLinker.isSpace(u) { continue }
                    if CodeUnitClass.isBoundaryPunctuation(u) { break }
                    after.append(u)
                }
                var collected: [String] = [], read: [String] = []
                words.forEachPrefixWord(of: after, limit: after.count) { c, length in collected.append("\(c)\(length)\(after[length - 1])"); return true }
                words.forEachPrefixWord(after: position, in: spaced) { c, length, last in read.append("\(c)\(length)\(last)"); return true }
                #expect(read == collected, "\(spaced) \(position)")
            }
        }
    }
}
