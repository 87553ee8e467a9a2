/// The class of a word the linking pass reads around a department (`link_words.tsv`).
public enum LinkWordClass: String, Sendable, Hashable, CaseIterable {
    /// The writing hospital itself: 我院, 本院.
    case selfReference = "self"
    /// Refers back to the hospital named last: 该院, 院.
    case anaphor
    /// Ends a campus, branch or building name between a hospital and its department: 院区, 大楼.
    case campus
    /// Ends the name of a non-hospital body, whose departments link to no hospital: 卫健委, 大学.
    case body
    /// A hospital head a head-only place name may stand before: 卫生院, 医院.
    case head
    /// A national body whose `总医院` is in 北京: 解放军, 武警.
    case national
    /// Marks a hospital the text does not name: 某, 一家.
    case unnamed
    /// A region, not an institution, whose departments link to no hospital: 全省, 我市.
    case region
    /// Gives something another name; a quoted hospital after it is that name, not an institution referred to next: 设为, 挂牌.
    case rename
    /// Follows a department that names a committee or society, not a hospital's unit: 专委会, 学组.
    case committee
    /// Names the source of a report right before a hospital; that hospital is the one the report is about: 来源, 供稿.
    case byline
}

/// The link word file: `word<TAB>class`, class one of ``LinkWordClass``'s raw
/// values; comments, BOM and CRLF as in dictionaries.
public struct LinkWords: Sendable {
    /// The built-in file's name.
    public static let builtinName = "link_words.tsv"

    /// The words of each class.
    public let words: [LinkWordClass: [String]]
    /// The longest word, in UTF-16 code units.
    public let maxLength: Int
    private let classOf: [String: LinkWordClass]
    /// The words read backwards and forwards, as tries over code units.
    private let suffixes: UnitTrie
    private let prefixes: UnitTrie
    /// The national bodies' names (``LinkWordClass/national``) as UTF-16,
    /// which the linker compares at every place name of every document.
    let nationalUnits: [[UInt16]]
    /// Every class's words as UTF-16.
    private let unitsOf: [LinkWordClass: [[UInt16]]]

    /// Creates the word lists from (word, class) pairs.
    public init(_ pairs: [(word: String, wordClass: LinkWordClass)]) {
        var words: [LinkWordClass: [String]] = [:]
        var classOf: [String: LinkWordClass] = [:]
        var maxLength = 0
        for pair in pairs {
            words[pair.wordClass, default: []].append(pair.word)
            classOf[pair.word] = pair.wordClass
            maxLength = max(maxLength, pair.word.utf16.count)
        }
        self.words = words
        self.classOf = classOf
        self.maxLength = maxLength
        var suffixes = UnitTrie(reversed: true)
        var prefixes = UnitTrie(reversed: false)
        for (word, wordClass) in classOf {
            suffixes.insert(Array(word.utf16), wordClass)
            prefixes.insert(Array(word.utf16), wordClass)
        }
        self.suffixes = suffixes
        self.prefixes = prefixes
        self.unitsOf = words.mapValues { $0.map { Array($0.utf16) } }
        self.nationalUnits = unitsOf[.national] ?? []
    }

    /// The class of `word`, if it is a link word.
    public func wordClass(of word: String) -> LinkWordClass? { classOf[word] }

    /// The class of the longest link word `text` ends with, and that word's length.
    public func suffix(of text: [UInt16]) -> (wordClass: LinkWordClass, length: Int)? {
        suffixes.longestWord(at: text, limit: maxLength)
    }

    /// ``suffix(of:)`` of the word before `position` in `units`
    /// (``DocumentLinker/wordBefore(_:_:limit:)`` of ``maxLength`` units:
    /// spaces skipped, up to boundary punctuation), read in place.
    func suffix(ofWordBefore position: Int, in units: [UInt16]) -> (wordClass: LinkWordClass, length: Int)? {
        var best: (wordClass: LinkWordClass, length: Int)?
        suffixes.forEachWord(before: position, in: units, limit: maxLength) { found, length, _ in
            best = (found, length)
            return true
        }
        return best
    }

    /// ``forEachPrefixWord(of:limit:_:)`` of the word after `position` in
    /// `units` (spaces skipped, up to boundary punctuation, at most
    /// ``maxLength`` units), read in place; `body` also gets the word's last unit.
    func forEachPrefixWord(after position: Int, in units: [UInt16], _ body: (LinkWordClass, Int, UInt16) -> Bool) {
        prefixes.forEachWord(after: position, in: units, limit: maxLength, body)
    }

    /// Calls `body(class, length)` for every link word `text` starts with
    /// (at most `limit` units), shortest first; `body` returns false to stop.
    func forEachPrefixWord<Text: RandomAccessCollection<UInt16>>(of text: Text, limit: Int, _ body: (LinkWordClass, Int) -> Bool) where Text.Index == Int {
        prefixes.forEachWord(at: text, limit: min(limit, maxLength), body)
    }

    /// Whether `text` starts with a word of `wordClass` at least
    /// `minimumLength` units long.
    func startsWithWord(of wordClass: LinkWordClass, in text: [UInt16], minimumLength: Int) -> Bool {
        var found = false
        prefixes.forEachWord(at: text, limit: maxLength) { c, length in
            if length >= minimumLength, c == wordClass { found = true }
            return !found
        }
        return found
    }

    /// Whether a word of `wordClass` occurs anywhere in `text`.
    public func containsWord(of wordClass: LinkWordClass, in text: [UInt16]) -> Bool {
        guard let list = unitsOf[wordClass] else { return false }
        return list.contains { text.containsUnits($0) }
    }

    /// Parses the contents of a link word file; `path` names it in errors.
    public static func parse(_ contents: String, path: String) throws(MedExtractError) -> LinkWords {
        let pairs: [(word: String, wordClass: LinkWordClass)] = try ClassedWordFile.parse(
            contents, path: path, wordColumn: "word",
            expectedClasses: "self, anaphor, campus, body, head, national, unnamed, region, rename, committee or byline")
        return LinkWords(pairs)
    }
}

/// Words stored in a trie of UTF-16 code units (front to back, or back to
/// front for suffixes), so the words a text starts or ends with are found in
/// one walk, without building a string per length.
struct UnitTrie: Sendable {
    /// Children of each node: (unit, node), sorted by unit.
    private var children: [[(unit: UInt16, node: Int32)]] = [[]]
    /// The class of the word ending at each node, if one does.
    private var wordClass: [LinkWordClass?] = [nil]
    /// Whether words are stored back to front.
    let reversed: Bool

    init(reversed: Bool) {
        self.reversed = reversed
    }

    mutating func insert(_ word: [UInt16], _ value: LinkWordClass) {
        var node = 0
        for unit in reversed ? word.reversed() : word {
            if let next = child(node, unit) {
                node = next
            } else {
                let next = children.count
                children.append([])
                wordClass.append(nil)
                let position = children[node].firstIndex { $0.unit > unit } ?? children[node].count
                children[node].insert((unit, Int32(next)), at: position)
                node = next
            }
        }
        if !word.isEmpty { wordClass[node] = value }
    }

    private func child(_ node: Int, _ unit: UInt16) -> Int? {
        children[node].withUnsafeBufferPointer { edges in
            // Sorted by unit: a binary search (the root has an edge for
            // every unit a word starts or ends with).
            var lo = 0, hi = edges.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if edges[mid].unit < unit { lo = mid + 1 } else { hi = mid }
            }
            return lo < edges.count && edges[lo].unit == unit ? Int(edges[lo].node) : nil
        }
    }

    /// Calls `body(class, length)` for every word (at most `limit` units)
    /// `text` starts with (ends with, for a reversed trie), shortest first;
    /// `body` returns false to stop.
    func forEachWord<Text: RandomAccessCollection<UInt16>>(at text: Text, limit: Int, _ body: (LinkWordClass, Int) -> Bool) where Text.Index == Int {
        var node = 0
        var length = 0
        let first = text.startIndex, count = text.count
        while length < limit, length < count,
              let next = child(node, text[first + (reversed ? count - 1 - length : length)]) {
            node = next
            length += 1
            if let found = wordClass[node], !body(found, length) { return }
        }
    }

    /// ``forEachWord(at:limit:_:)`` over the units of `units` read from
    /// `position` on (forward for a trie that is not reversed, backward
    /// from before it for a reversed one), spaces skipped, up to boundary
    /// punctuation or the end; `body` also gets the word's last unit read.
    func forEachWord(before position: Int, in units: [UInt16], limit: Int, _ body: (LinkWordClass, Int, UInt16) -> Bool) {
        walk(from: position, in: units, limit: limit, forward: false, body)
    }

    /// The forward walk of ``forEachWord(before:in:limit:_:)``, for a trie that is not reversed.
    func forEachWord(after position: Int, in units: [UInt16], limit: Int, _ body: (LinkWordClass, Int, UInt16) -> Bool) {
        walk(from: position, in: units, limit: limit, forward: true, body)
    }

    private func walk(from position: Int, in units: [UInt16], limit: Int, forward: Bool, _ body: (LinkWordClass, Int, UInt16) -> Bool) {
        var node = 0
        var length = 0
        var p = forward ? max(position, 0) : min(position, units.count)
        while length < limit {
            guard forward ? p < units.count : p > 0 else { return }
            let u = forward ? units[p] : units[p - 1]
            p += forward ? 1 : -1
            if DocumentLinker.isSpace(u) { continue }
            if CodeUnitClass.isBoundaryPunctuation(u) { return }
            guard let next = child(node, u) else { return }
            node = next
            length += 1
            if let found = wordClass[node], !body(found, length, u) { return }
        }
    }

    /// The class and length of the longest word (at most `limit` units)
    /// `text` ends with (starts with, for a trie that is not reversed).
    func longestWord<Text: RandomAccessCollection<UInt16>>(at text: Text, limit: Int) -> (wordClass: LinkWordClass, length: Int)? where Text.Index == Int {
        var best: (wordClass: LinkWordClass, length: Int)?
        forEachWord(at: text, limit: limit) { found, length in
            best = (found, length)
            return true
        }
        return best
    }
}
