import Foundation

/// The built-in lexicon compiled ahead of time: the automaton over every
/// built-in dictionary surface, place name and rule word, the value of each
/// pattern, and the entries and places in compact tables.
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
    static let formatVersion: UInt32 = 7

    /// The fingerprint of the sources (see ``BuiltinSources/fingerprint``).
    var fingerprint: UInt64
    var automaton: AhoCorasick
    /// The value of each pattern of `automaton`.
    var values: [LexiconValue]
    var entries: ArchivedEntries
    var places: ArchivedRows
    /// The places indexed by `automaton`'s patterns for the linking pass.
    var placeLookup: PlaceLookupTables

    init(fingerprint: UInt64, automaton: AhoCorasick, values: [LexiconValue], entries: ArchivedEntries, places: ArchivedRows, placeLookup: PlaceLookupTables) {
        self.fingerprint = fingerprint
        self.automaton = automaton
        self.values = values
        self.entries = entries
        self.places = places
        self.placeLookup = placeLookup
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
            }
        )
    }

    /// The file's bytes.
    func encoded() -> [UInt8] {
        var writer = ByteWriter()
        for byte in Self.magic { writer.write(byte) }
        writer.write(Self.formatVersion)
        writer.write(fingerprint)
        automaton.write(to: &writer)
        writer.writeArray(values.map(\.entry))
        writer.writeArray(values.map(\.place))
        writer.writeArray(values.map(\.headOnlyPlace))
        writer.writeArray(values.map { UInt64($0.classes) })
        entries.write(to: &writer)
        places.write(to: &writer)
        placeLookup.write(to: &writer)
        return writer.bytes
    }

    /// The fingerprint in a file's header, without reading the rest; `nil`
    /// when the bytes are not a compiled lexicon of this format version.
    static func fingerprint(of bytes: Data) -> UInt64? {
        var reader = ByteReader(bytes)
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

    /// Reads bytes written by ``encoded()``, checking every table.
    init(decoding bytes: [UInt8]) throws(ArchiveError) {
        try self.init(decoding: Data(bytes))
    }

    /// Reads a file written by ``encoded()`` (mapped into memory or not),
    /// checking every table.
    init(decoding bytes: Data) throws(ArchiveError) {
        var reader = ByteReader(bytes)
        fingerprint = try Self.readHeader(&reader)
        // The automaton's tables are checked and its cells laid out on
        // another core while this one reads the rest of the file.
        let tables = try AhoCorasick.ArchivedTables(reading: &reader)
        let patterns = tables.patternCount
        let layout = BackgroundWork { () -> Result<AhoCorasick, ArchiveError> in
            do throws(ArchiveError) { return .success(try AhoCorasick(archived: tables)) } catch { return .failure(error) }
        }
        let entry: [Int32] = try reader.readArray()
        let place: [Int32] = try reader.readArray()
        let headOnlyPlace: [Int32] = try reader.readArray()
        let classes: [UInt64] = try reader.readArray()
        entries = try ArchivedEntries(reading: &reader)
        places = try ArchivedRows(reading: &reader)
        placeLookup = try PlaceLookupTables(reading: &reader, patternCount: patterns, placeCount: places.count)
        guard reader.isAtEnd else { throw ArchiveError(description: "trailing bytes after the compiled lexicon") }
        guard entry.count == patterns, place.count == patterns, headOnlyPlace.count == patterns, classes.count == patterns else {
            throw ArchiveError(description: "\(entry.count) pattern values for \(patterns) patterns")
        }
        let entryCount = entries.count, placeCount = places.count
        guard entry.allSatisfy({ $0 >= -1 && Int($0) < entryCount }),
              place.allSatisfy({ $0 >= -1 && Int($0) < placeCount }),
              headOnlyPlace.allSatisfy({ $0 >= -1 && Int($0) < placeCount }) else {
            throw ArchiveError(description: "pattern value out of range")
        }
        values = (0 ..< patterns).map { LexiconValue(entry: entry[$0], place: place[$0], headOnlyPlace: headOnlyPlace[$0], classes: .init(truncatingIfNeeded: classes[$0])) }
        // The work returns its error as a value: it never throws.
        let laidOut: Result<AhoCorasick, ArchiveError>
        do { laidOut = try layout.value() } catch { throw ArchiveError(description: "\(error)") }
        automaton = try laidOut.get()
    }
}
