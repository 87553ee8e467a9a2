import Foundation

/// The built-in lexicon compiled ahead of time: the automaton over every
/// built-in dictionary surface, place name and rule word, the value of each
/// pattern, the entries and places in compact tables, and the hospital
/// registry and hospital-name tables the linking pass reads.
///
/// It is shipped as the resource `builtin.lexicon` and read with one file
/// read at construction. Its header carries the fingerprint of the sources it
/// was compiled from (the built-in TSV files, the label, rule-class and level
/// names, the format version): when the sources change and the file was not
/// regenerated, the fingerprints differ and the extractor compiles the
/// sources at construction instead (slower, never stale). A test fails while
/// the shipped file is stale; regenerate it with
/// `MEDEXTRACT_WRITE_LEXICON=1 swift test --filter CompiledLexiconTests`.
struct CompiledLexicon: Sendable {
    /// The first bytes of the file.
    static let magic = Array("MEDXLEX\u{1}".utf8)
    /// Bumped whenever the layout below changes.
    static let formatVersion: UInt32 = 11

    /// The fingerprint of the sources (see ``BuiltinSources/fingerprint``).
    var fingerprint: UInt64
    var automaton: AhoCorasick
    /// The value of each pattern of `automaton` (read in place from the file).
    var values: Table<LexiconValue>
    var entries: ArchivedEntries
    var places: ArchivedRows
    /// The places indexed by `automaton`'s patterns for the linking pass.
    var placeLookup: PlaceLookupTables
    /// Where registered hospitals are (`hospital_places.tsv`), read in place.
    var registry: HospitalRegistry
    /// The hospital names of the entries, for canonical full names, read in place.
    var hospitalNames: HospitalNameTables

    init(
        fingerprint: UInt64, automaton: AhoCorasick, values: Table<LexiconValue>, entries: ArchivedEntries, places: ArchivedRows,
        placeLookup: PlaceLookupTables, registry: HospitalRegistry, hospitalNames: HospitalNameTables
    ) {
        self.fingerprint = fingerprint
        self.automaton = automaton
        self.values = values
        self.entries = entries
        self.places = places
        self.placeLookup = placeLookup
        self.registry = registry
        self.hospitalNames = hospitalNames
    }

    /// Compiles the built-in sources.
    static func compile(_ sources: BuiltinSources) throws(MedExtractError) -> CompiledLexicon {
        var builtin: [DictionaryEntry] = []
        for file in sources.entityDictionaries {
            builtin += try DictionaryFile.parse(try file.text(), path: file.name)
        }
        let gazetteerRows = TSVReader.rows(try sources.gazetteer.text())
        var places: [PlaceEntry] = []
        places.reserveCapacity(gazetteerRows.count)
        for row in gazetteerRows {
            places.append(try GazetteerFile.place(fields: row.fields, path: sources.gazetteer.name, line: row.line))
        }
        let ruleWords = try RuleLexiconFile.parse(try sources.ruleLexicon.text(), path: sources.ruleLexicon.name)
        let lexicon = Lexicon(builtin: builtin, user: [], places: places, ruleWords: ruleWords)
        let automaton = lexicon.base.automaton
        return CompiledLexicon(
            fingerprint: sources.fingerprint,
            automaton: automaton,
            values: lexicon.base.values,
            entries: ArchivedEntries(lexicon.entries.compiled),
            places: ArchivedRows(rows: gazetteerRows, path: sources.gazetteer.name),
            placeLookup: PlaceLookupTables(places: places, patternCount: automaton.patternCount) {
                automaton.exactPattern(Array(places[$0].surface.utf16))
            },
            registry: try HospitalRegistry.parse(try sources.hospitalRegistry.text(), path: sources.hospitalRegistry.name),
            hospitalNames: HospitalNames(lexicon.entries).current
        )
    }

    /// The file's bytes.
    func encoded() -> [UInt8] {
        var writer = ByteWriter()
        for byte in Self.magic { writer.write(byte) }
        writer.write(Self.formatVersion)
        writer.write(fingerprint)
        automaton.writeLaidOut(to: &writer)
        writer.writeTable(values)
        entries.write(to: &writer)
        places.write(to: &writer)
        placeLookup.write(to: &writer)
        registry.write(to: &writer)
        hospitalNames.write(to: &writer)
        return writer.bytes
    }

    /// The fingerprint in a file's header, without reading the rest; `nil`
    /// when the bytes are not a compiled lexicon of this format version.
    static func fingerprint(of bytes: Data) -> UInt64? {
        fingerprint(of: bytes.withUnsafeBytes { TableMemory.copying($0) })
    }

    /// The fingerprint in the header of the archive in `memory`.
    static func fingerprint(of memory: TableMemory) -> UInt64? {
        var reader = ByteReader(memory: memory)
        return try? readHeader(&reader)
    }

    private static func readHeader(_ reader: inout ByteReader) throws(ArchiveError) -> UInt64 {
        for byte in magic where try reader.read(UInt8.self) != byte {
            throw ArchiveError(description: "not a compiled MedExtract lexicon")
        }
        let version = try reader.read(UInt32.self)
        guard version == formatVersion else {
            throw ArchiveError(description: "compiled lexicon format \(version), expected \(formatVersion)")
        }
        return try reader.read(UInt64.self)
    }

    /// Whether every value's entry and places are -1 or in range (a loop
    /// without early exits over the raw table, see ``ArchiveChecks``).
    static func valuesInRange(_ values: Table<LexiconValue>, entries: Int, places: Int) -> Bool {
        // Indices are Int32: a count above Int32.max bounds nothing more.
        let entrySpan = UInt32(min(entries, Int(Int32.max)) + 1), placeSpan = UInt32(min(places, Int(Int32.max)) + 1)
        return values.withUnsafeBufferPointer { values in
            var outside: UInt32 = 0
            for v in values {
                outside |= UInt32(bitPattern: v.entry &+ 1) >= entrySpan ? 1 : 0
                outside |= UInt32(bitPattern: v.place &+ 1) >= placeSpan ? 1 : 0
                outside |= UInt32(bitPattern: v.headOnlyPlace &+ 1) >= placeSpan ? 1 : 0
            }
            return outside == 0
        }
    }

    /// Reads a copy of bytes written by ``encoded()``, checking every table.
    init(decoding bytes: [UInt8]) throws(ArchiveError) {
        try self.init(decoding: bytes.withUnsafeBytes { TableMemory.copying($0) })
    }

    /// Reads a copy of bytes written by ``encoded()``, checking every table.
    init(decoding bytes: Data) throws(ArchiveError) {
        try self.init(decoding: bytes.withUnsafeBytes { TableMemory.copying($0) })
    }

    /// Reads an archive written by ``encoded()`` (a file mapped into memory,
    /// or a copy), checking every table. The automaton and the pattern
    /// values are read in place: they keep `memory` alive.
    init(decoding memory: TableMemory) throws(ArchiveError) {
        var reader = ByteReader(memory: memory)
        fingerprint = try Self.readHeader(&reader)
        // The automaton is stored laid out: its cells are read in place and
        // checked on another core while this one reads the rest of the file.
        let tables = try AhoCorasick.LaidOutTables(reading: &reader)
        let patterns = tables.patternCount
        let checked = BackgroundWork { () -> Result<AhoCorasick, ArchiveError> in
            do throws(ArchiveError) { return .success(try AhoCorasick(laidOut: tables)) } catch { return .failure(error) }
        }
        let values: Table<LexiconValue> = try reader.readTable()
        entries = try ArchivedEntries(reading: &reader)
        places = try ArchivedRows(reading: &reader)
        placeLookup = try PlaceLookupTables(reading: &reader, patternCount: patterns, placeCount: places.count)
        registry = try HospitalRegistry(reading: &reader)
        hospitalNames = try HospitalNameTables(reading: &reader)
        guard reader.isAtEnd else { throw ArchiveError(description: "trailing bytes after the compiled lexicon") }
        guard values.count == patterns else {
            throw ArchiveError(description: "\(values.count) pattern values for \(patterns) patterns")
        }
        let entryCount = entries.count, placeCount = places.count
        guard Self.valuesInRange(values, entries: entryCount, places: placeCount) else {
            throw ArchiveError(description: "pattern value out of range")
        }
        self.values = values
        // The work returns its error as a value: it never throws.
        let automaton: Result<AhoCorasick, ArchiveError>
        do { automaton = try checked.value() } catch { throw ArchiveError(description: "\(error)") }
        self.automaton = try automaton.get()
    }
}
