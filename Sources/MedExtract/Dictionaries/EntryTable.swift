/// The entity dictionary entries of a ``Lexicon``, by index.
///
/// Entries of the precompiled built-in lexicon stay in its string table and
/// become ``DictionaryEntry`` values only when one is read (a match the
/// recognisers look at), so building an extractor does not grow with the
/// dictionaries; entries compiled at construction (user dictionaries, or all
/// of them when there is no precompiled lexicon) are stored as values.
@_spi(Benchmarks) public struct EntryTable: RandomAccessCollection, Sendable {
    /// The precompiled entries, first in index order.
    let archived: ArchivedEntries
    /// Entries compiled at construction, after the archived ones.
    let compiled: [DictionaryEntry]
    /// Whether each compiled entry came from a user dictionary.
    let compiledIsUser: [Bool]

    init(archived: ArchivedEntries = ArchivedEntries(), compiled: [DictionaryEntry], compiledIsUser: [Bool]) {
        self.archived = archived
        self.compiled = compiled
        self.compiledIsUser = compiledIsUser
    }

    /// The first index (0).
    public var startIndex: Int { 0 }
    /// One past the last index.
    public var endIndex: Int { archived.count + compiled.count }

    /// Entry `index`.
    public subscript(index: Int) -> DictionaryEntry {
        index < archived.count ? archived.entry(at: index) : compiled[index - archived.count]
    }

    /// The label of entry `index`, without decoding its strings.
    public func label(at index: Int) -> DictionaryLabel {
        index < archived.count ? archived.label(at: index) : compiled[index - archived.count].label
    }

    /// The surface and canonical name of entry `index`, decoding only those
    /// strings (not its code and origin).
    func surfaceAndCanonical(at index: Int) -> (surface: String, canonical: String?) {
        guard index < archived.count else {
            let entry = compiled[index - archived.count]
            return (entry.surface, entry.canonical)
        }
        return archived.surfaceAndCanonical(at: index)
    }

    /// The canonical name of entry `index` (its surface when it has none)
    /// and its code, decoding only those strings.
    func canonicalAndCode(at index: Int) -> (canonical: String, code: String?) {
        guard index < archived.count else {
            let entry = compiled[index - archived.count]
            return (entry.canonical ?? entry.surface, entry.code)
        }
        return archived.canonicalAndCode(at: index)
    }

    /// The code of entry `index`, decoding that string alone.
    func code(at index: Int) -> String? {
        index < archived.count ? archived.code(at: index) : compiled[index - archived.count].code
    }

    /// Whether entry `index` came from a user dictionary (precompiled entries
    /// are all built in).
    public func isUser(_ index: Int) -> Bool {
        index < archived.count ? false : compiledIsUser[index - archived.count]
    }
}

/// Entries stored in a compiled lexicon: parallel tables of string indices
/// (read in place from a mapped archive).
struct ArchivedEntries: Sendable {
    var strings = StringTable()
    /// String index of each entry's surface.
    var surface = Table<Int32>()
    /// String index of the canonical name, or -1.
    var canonical = Table<Int32>()
    /// String index of the code, or -1.
    var code = Table<Int32>()
    /// ``DictionaryLabel/archiveCode``.
    var label = Table<UInt8>()
    /// String index of the file the entry was read from.
    var file = Table<Int32>()
    /// Its line in that file.
    var line = Table<Int32>()

    var count: Int { surface.count }

    func label(at i: Int) -> DictionaryLabel {
        DictionaryLabel(archiveCode: label[i]) ?? .ignore
    }

    func surfaceAndCanonical(at i: Int) -> (surface: String, canonical: String?) {
        (strings.string(at: Int(surface[i])), canonical[i] < 0 ? nil : strings.string(at: Int(canonical[i])))
    }

    func canonicalAndCode(at i: Int) -> (canonical: String, code: String?) {
        (strings.string(at: Int(canonical[i] < 0 ? surface[i] : canonical[i])), code[i] < 0 ? nil : strings.string(at: Int(code[i])))
    }

    func code(at i: Int) -> String? {
        code[i] < 0 ? nil : strings.string(at: Int(code[i]))
    }

    func entry(at i: Int) -> DictionaryEntry {
        DictionaryEntry(
            surface: strings.string(at: Int(surface[i])),
            label: label(at: i),
            canonical: canonical[i] < 0 ? nil : strings.string(at: Int(canonical[i])),
            code: code[i] < 0 ? nil : strings.string(at: Int(code[i])),
            origin: "\(strings.string(at: Int(file[i]))):\(line[i])"
        )
    }

    init() {}

    /// Stores `entries`; origins of the form `file:line` are split so the
    /// file name is stored once.
    init(_ entries: [DictionaryEntry]) {
        var builder = StringTableBuilder()
        var surface: [Int32] = [], canonical: [Int32] = [], code: [Int32] = [], file: [Int32] = [], line: [Int32] = []
        var label: [UInt8] = []
        for entry in entries {
            surface.append(builder.add(entry.surface))
            canonical.append(builder.add(entry.canonical))
            code.append(builder.add(entry.code))
            label.append(entry.label.archiveCode)
            let colon = entry.origin.lastIndex(of: ":")
            let fileName = colon.map { String(entry.origin[..<$0]) } ?? entry.origin
            let lineNumber = colon.flatMap { Int32(entry.origin[entry.origin.index(after: $0)...]) } ?? 0
            file.append(builder.add(fileName))
            line.append(lineNumber)
        }
        strings = builder.table
        (self.surface, self.canonical, self.code) = (Table(surface), Table(canonical), Table(code))
        (self.file, self.line, self.label) = (Table(file), Table(line), Table(label))
    }

    func write(to writer: inout ByteWriter) {
        strings.write(to: &writer)
        for column in [surface, canonical, code, file, line] { writer.writeTable(column) }
        writer.writeTable(label)
    }

    init(reading reader: inout ByteReader) throws(ArchiveError) {
        strings = try StringTable(reading: &reader)
        surface = try reader.readTable()
        canonical = try reader.readTable()
        code = try reader.readTable()
        file = try reader.readTable()
        line = try reader.readTable()
        label = try reader.readTable()
        let n = surface.count
        guard [canonical.count, code.count, file.count, line.count, label.count].allSatisfy({ $0 == n }) else {
            throw ArchiveError(description: "entry columns of different lengths")
        }
        let strings = strings.count
        for column in [surface, file] where !ArchiveChecks.all(column, from: 0, below: strings) {
            throw ArchiveError(description: "entry string index out of range")
        }
        for column in [canonical, code] where !ArchiveChecks.all(column, from: -1, below: strings) {
            throw ArchiveError(description: "entry string index out of range")
        }
        guard label.allSatisfy({ DictionaryLabel(archiveCode: $0) != nil }) else {
            throw ArchiveError(description: "unknown entry label")
        }
    }
}

extension DictionaryLabel {
    /// The label as one byte in compiled lexicons: 0 for IGNORE, then the
    /// entity labels in declaration order from 1.
    var archiveCode: UInt8 {
        switch self {
        case .ignore: 0
        case .entity(let label): UInt8(truncatingIfNeeded: label.order + 1)
        }
    }

    /// Read for every dictionary match the recognisers look at: a switch,
    /// not a lookup in `allCases` (an array made at each read).
    init?(archiveCode: UInt8) {
        switch archiveCode {
        case 0: self = .ignore
        case 1: self = .entity(.hospital)
        case 2: self = .entity(.department)
        case 3: self = .entity(.procedure)
        case 4: self = .entity(.figure)
        default: return nil
        }
    }
}
