import Foundation
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract
import Testing

/// The precompiled built-in lexicon (`builtin.lexicon`): fresh, faithful to
/// the sources, equivalent to compiling at construction, and safe to read
/// when damaged.
@Suite("Compiled lexicon")
struct CompiledLexiconTests {
    static let resourcePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/MedExtract/Resources/Dictionaries/builtin.lexicon")

    /// The shipped file is exactly what the current sources compile to.
    /// `MEDEXTRACT_WRITE_LEXICON=1` regenerates it in the source tree first.
    @Test func shippedLexiconMatchesTheSources() throws {
        let sources = try BuiltinSources.read()
        let bytes = try CompiledLexicon.compile(sources).encoded()
        if ProcessInfo.processInfo.environment["MEDEXTRACT_WRITE_LEXICON"] == "1" {
            try Data(bytes).write(to: Self.resourcePath)
            print("wrote \(Self.resourcePath.path) (\(bytes.count) bytes); rebuild to ship it")
            return
        }
        let shipped = try Data(contentsOf: BuiltinResources.url(of: BuiltinResources.compiledLexiconName))
        #expect(CompiledLexicon.fingerprint(of: shipped) == sources.fingerprint,
                "builtin.lexicon is stale: run MEDEXTRACT_WRITE_LEXICON=1 swift test --filter CompiledLexiconTests")
        // Compared as one Bool: a failed `#expect(a == b)` on two 15 MB arrays
        // would diff them, which takes hours.
        let same = shipped == Data(bytes)
        let firstDifference = zip(shipped, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(shipped.count, bytes.count)
        #expect(same, "builtin.lexicon differs from what the sources compile to (\(shipped.count) vs \(bytes.count) bytes, first difference at byte \(firstDifference)): run MEDEXTRACT_WRITE_LEXICON=1 swift test --filter CompiledLexiconTests")
        #expect(sources.precompiled() != nil)
    }

    @Test func decodingRoundTrips() throws {
        let compiled = try CompiledLexicon.compile(try BuiltinSources.read())
        let decoded = try CompiledLexicon(decoding: compiled.encoded())
        let same = decoded.encoded() == compiled.encoded() // one Bool: no diff of megabytes on failure
        #expect(same)
        #expect(decoded.entries.count == compiled.entries.count)
        for i in stride(from: 0, to: compiled.entries.count, by: 97) {
            #expect(decoded.entries.entry(at: i) == compiled.entries.entry(at: i))
        }
        for i in stride(from: 0, to: compiled.places.count, by: 31) {
            #expect(decoded.places.place(at: i) == compiled.places.place(at: i))
        }
    }

    /// The archived tables give the same entries and places as parsing the
    /// TSV files does.
    @Test func archivedEntriesAndPlacesEqualParsedOnes() throws {
        let sources = try BuiltinSources.read()
        let lexicon = Lexicon(compiled: try CompiledLexicon.compile(sources), user: [])
        var parsed: [DictionaryEntry] = []
        for file in sources.entityDictionaries { parsed += try DictionaryFile.parse(try file.text(), path: file.name) }
        var bySurface: [String: DictionaryEntry] = [:]
        for entry in parsed { bySurface[entry.surface] = entry }
        #expect(lexicon.entries.count == bySurface.count)
        for entry in lexicon.entries { #expect(bySurface[entry.surface] == entry) }
        let places = try GazetteerFile.parse(try sources.gazetteer.text(), path: sources.gazetteer.name)
        #expect(Array(lexicon.places) == places)
    }

    /// The readers that decode one or two fields of an archived row give what
    /// decoding the whole row gives, for every entry and place.
    @Test func partialReadersAgreeWithWholeRows() throws {
        // Two user entries, so the readers of compiled (not archived) rows are checked too.
        let user = [
            DictionaryEntry(surface: "测试市第九医院", label: .entity(.hospital), canonical: "测试市第九人民医院", code: "T9"),
            DictionaryEntry(surface: "测试科", label: .entity(.department)),
        ]
        let lexicon = Lexicon(compiled: try CompiledLexicon.compile(try BuiltinSources.read()), user: user)
        #expect(lexicon.entries.count > user.count)
        var entryMismatches = 0
        for i in lexicon.entries.indices {
            let entry = lexicon.entries[i]
            let names = lexicon.entries.canonicalAndCode(at: i)
            if names.canonical != entry.canonical ?? entry.surface || names.code != entry.code || lexicon.entries.code(at: i) != entry.code {
                entryMismatches += 1
            }
            let strings = lexicon.entries.surfaceAndCanonical(at: i)
            if strings.surface != entry.surface || strings.canonical != entry.canonical { entryMismatches += 1 }
        }
        #expect(entryMismatches == 0)
        var placeMismatches = 0
        for i in lexicon.places.indices {
            let place = lexicon.places[i]
            let row = lexicon.places.levelAndCode(at: i)
            if row.level != place.level || row.code != place.code || lexicon.places.canonical(at: i) != place.canonical { placeMismatches += 1 }
        }
        #expect(placeMismatches == 0)
    }

    /// The place index's questions about a surface answer what filtering its
    /// entries answers.
    @Test func placeQuestionsAgreeWithTheEntries() throws {
        let lexicon = Lexicon(compiled: try CompiledLexicon.compile(try BuiltinSources.read()), user: [])
        // The archived rows, and the same places parsed.
        let archived = try DocumentLinker(builtinWith: lexicon).places
        for index in [archived, PlaceIndex(Array(lexicon.places))] {
            for surface in ["山西省", "山西", "晋城市", "晋城", "城关", "城关镇", "朝阳区", "朝阳", "襄樊市", "人民", "北京市", "不是地名"] {
                let entries = index.entries(surface)
                #expect(index.isFullDivisionName(surface) == entries.contains { $0.canonical == surface && !$0.headOnly && $0.level != .township && !$0.former }, "\(surface)")
                for level in [PlaceLevel.province, .city, .county, .township] {
                    #expect(index.codes(of: surface, level: level) == entries.filter { $0.level == level }.map(\.code), "\(surface) \(level)")
                }
            }
        }
    }

    /// Precompiled base + user overlay finds exactly what one automaton
    /// compiled at construction over built-ins and user entries finds.
    @Test func overlayEqualsCompilingEverything() throws {
        let sources = try BuiltinSources.read()
        let compiled = try CompiledLexicon.compile(sources)
        var builtin: [DictionaryEntry] = []
        for file in sources.entityDictionaries { builtin += try DictionaryFile.parse(try file.text(), path: file.name) }
        let places = try GazetteerFile.parse(try sources.gazetteer.text(), path: sources.gazetteer.name)
        let ruleWords = try RuleLexiconFile.parse(try sources.ruleLexicon.text(), path: sources.ruleLexicon.name)
        var rng = SplitMix(state: 7)
        // User entries: some new, some overriding built-in surfaces, one twice.
        var user = (0 ..< 40).map { i in DictionaryEntry(surface: "测试用词\(i)号", label: .entity(.hospital), origin: "user:\(i)") }
        for i in 0 ..< 40 {
            let base = builtin[Int(rng.next() % UInt64(builtin.count))]
            user.append(DictionaryEntry(surface: base.surface, label: .entity(.department), canonical: "覆盖\(i)", origin: "user:o\(i)"))
        }
        user.append(DictionaryEntry(surface: "测试用词3号", label: .entity(.procedure), origin: "user:again"))
        let overlay = Lexicon(compiled: compiled, user: user)
        let single = Lexicon(builtin: builtin, user: user, places: places, ruleWords: ruleWords)
        let pieces = user.map(\.surface) + builtin.prefix(300).map(\.surface) + places.prefix(100).map(\.surface) + ["，", "的", "在", "。"]
        for _ in 0 ..< 30 {
            var text = ""
            for _ in 0 ..< 60 { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let units = Array(text.utf16)
            let a = units.withUnsafeBufferPointer { overlay.matches(in: $0) }
            let b = units.withUnsafeBufferPointer { single.matches(in: $0) }
            let keysA: [[Int]] = a.map { m in [m.start, m.end, Int(m.value.place), Int(m.value.headOnlyPlace), Int(truncatingIfNeeded: m.value.classes)] }
            let keysB: [[Int]] = b.map { m in [m.start, m.end, Int(m.value.place), Int(m.value.headOnlyPlace), Int(truncatingIfNeeded: m.value.classes)] }
            #expect(keysA == keysB)
            for (x, y) in zip(a, b) {
                #expect((x.value.entry < 0) == (y.value.entry < 0))
                if x.value.entry >= 0, y.value.entry >= 0 {
                    let ex = overlay.entries[Int(x.value.entry)], ey = single.entries[Int(y.value.entry)]
                    #expect(ex == ey)
                    #expect(overlay.isUserEntry[Int(x.value.entry)] == single.isUserEntry[Int(y.value.entry)])
                }
            }
        }
    }

    /// The registry archived with the lexicon holds exactly the tables
    /// parsing `hospital_places.tsv` builds, and answers every registered
    /// name as the parsed one does.
    @Test func archivedRegistryEqualsParsedOne() throws {
        let sources = try BuiltinSources.read()
        let archived = try CompiledLexicon(decoding: try CompiledLexicon.compile(sources).encoded()).registry
        let parsed = try HospitalRegistry.parse(try sources.hospitalRegistry.text(), path: sources.hospitalRegistry.name)
        let a = archived.tables, p = parsed.tables
        #expect(a.codes.count == p.codes.count && a.codes.count > 1000)
        #expect(a.codes.map(\.key) == p.codes.map(\.key) && a.codes.map(\.value) == p.codes.map(\.value))
        #expect(a.organizations.map(\.key) == p.organizations.map(\.key) && a.organizations.map(\.value) == p.organizations.map(\.value))
        #expect(a.bracketed.map(\.key) == p.bracketed.map(\.key) && a.bracketed.map(\.value) == p.bracketed.map(\.value))
        #expect(!a.organizations.isEmpty && !a.bracketed.isEmpty)
        var mismatches = 0
        for row in TSVReader.rows(try sources.hospitalRegistry.text()) {
            let name = String(row.fields[0]).trimmingCharacters(in: .whitespaces)
            if archived.code(of: name) != String(row.fields[1]).trimmingCharacters(in: .whitespaces) { mismatches += 1 }
            if archived.organizationCode(of: name) != parsed.organizationCode(of: name) { mismatches += 1 }
            if archived.bracketedCode(of: name) != parsed.bracketedCode(of: name) { mismatches += 1 }
        }
        #expect(mismatches == 0)
        // The extractor's linker reads the archived one.
        let lexicon = Lexicon(compiled: try CompiledLexicon.compile(sources), user: [])
        #expect(lexicon.registry?.count == parsed.count)
    }

    /// The archived division of each place is what the rule derives from
    /// the archived groups and place facts.
    @Test func archivedDivisionsOfPlacesFollowTheRule() throws {
        let lookup = try CompiledLexicon(decoding: try CompiledLexicon.compile(try BuiltinSources.read()).encoded()).placeLookup
        let derived = PlaceLookupTables.divisionsOfPlaces(
            groupStart: lookup.groupStart, groupPlaces: lookup.groupPlaces, placeCode: lookup.placeCode,
            placeLevel: lookup.placeLevel, placeHeadOnly: lookup.placeHeadOnly)
        #expect(lookup.divisionOfPlace.count > 40_000)
        #expect(lookup.divisionOfPlace.filter { $0 >= 0 }.count > 3_000)
        let same = lookup.divisionOfPlace == derived // one Bool: no diff of 40,000 rows on failure
        #expect(same)
    }

    /// The hospital-name tables archived with the lexicon answer as the
    /// tables built from the entries at construction do (the path a lexicon
    /// with user entries takes), and the extractor's lexicon reads them.
    @Test func archivedHospitalNamesAnswerAsBuiltOnes() throws {
        let sources = try BuiltinSources.read()
        let compiled = try CompiledLexicon(decoding: try CompiledLexicon.compile(sources).encoded())
        let lexicon = Lexicon(compiled: compiled, user: [])
        #expect(lexicon.archivedHospitalNames != nil)
        #expect(Lexicon(compiled: compiled, user: [DictionaryEntry(surface: "测试医院", label: .entity(.hospital))]).archivedHospitalNames == nil)
        let archived = HospitalNames(tables: compiled.hospitalNames)
        let built = HospitalNames(lexicon.entries)
        #expect(compiled.hospitalNames.fullNames.count > 1000 && compiled.hospitalNames.affiliatedName.count > 10)
        var mismatches = 0, checked = 0
        for i in lexicon.entries.indices where lexicon.entries.label(at: i) == .entity(.hospital) {
            let (surface, canonical) = lexicon.entries.surfaceAndCanonical(at: i)
            for name in [surface, canonical ?? surface] {
                let units = Array(name.utf16)
                checked += 1
                if archived.isKnown(name) != built.isKnown(name) || !archived.isKnown(name) { mismatches += 1 }
                if archived.canonical(of: name) != built.canonical(of: name) { mismatches += 1 }
                if units.count >= 6 {
                    let rest = Array(units.suffix(units.count - 2))
                    if archived.names(endingWith: rest) != built.names(endingWith: rest) { mismatches += 1 }
                }
                if let short = Self.affiliatedShortForm(units), archived.expandAffiliated(short) != built.expandAffiliated(short) { mismatches += 1 }
            }
        }
        #expect(checked > 1000)
        #expect(mismatches == 0)
        #expect(!archived.isKnown("不是医院的名字"))
    }

    /// `X一院` for `X…第一医院`-like names: the university's first two
    /// characters and the ordinal (nil for other names).
    static func affiliatedShortForm(_ units: [UInt16]) -> [UInt16]? {
        guard let a = HospitalNames.affiliated(units, name: ""), a.university.count >= 2 else { return nil }
        return Array(a.university.prefix(2)) + a.ordinal + [HospitalNames.yuan]
    }

    /// Truncated and corrupted files throw (or decode to tables that pass the
    /// checks); reading them never traps.
    @Test func damagedFilesNeverTrap() throws {
        let bytes = try CompiledLexicon.compile(try BuiltinSources.read()).encoded()
        var rng = SplitMix(state: 11)
        for cut in [0, 4, 8, 12, 20, 100, bytes.count / 3, bytes.count - 1] where cut < bytes.count {
            #expect(throws: ArchiveError.self) { try CompiledLexicon(decoding: Array(bytes[..<cut])) }
        }
        for _ in 0 ..< 60 {
            var damaged = bytes
            for _ in 0 ..< 3 {
                let i = Int(rng.next() % UInt64(damaged.count))
                damaged[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            }
            if let lexicon = try? CompiledLexicon(decoding: damaged) {
                // Whatever passed the checks must scan and decode safely.
                let text = Array("北京协和医院骨科开展腹腔镜胆囊切除术".utf16)
                let full = Lexicon(compiled: lexicon, user: [])
                let names = HospitalNames(tables: lexicon.hospitalNames)
                for name in ["北京协和医院", "首都医科大学附属北京天坛医院", "第三军医大学西南医院", ""] {
                    _ = (lexicon.registry.code(of: name), lexicon.registry.organizationCode(of: name), lexicon.registry.bracketedCode(of: name))
                    _ = (names.isKnown(name), names.canonical(of: name), names.names(endingWith: Array(name.utf16)))
                }
                _ = names.expandAffiliated(Array("首医一院".utf16))
                for match in text.withUnsafeBufferPointer({ full.matches(in: $0) }) {
                    #expect(match.start >= 0 && match.end <= text.count)
                    if match.value.entry >= 0 { _ = full.entries[Int(match.value.entry)] }
                    if match.value.place >= 0 { _ = full.places[Int(match.value.place)] }
                }
            }
        }
    }
}

@Suite("Dictionary surfaces")
struct PlainSurfaceTests {
    /// The parser's fast path (no normaliser for plain ideographs and ASCII)
    /// agrees with the normaliser on every built-in surface and on edge cases.
    @Test func plainSurfacesAreTheirOwnNormalForm() throws {
        let normalizer = TextNormalizer()
        var surfaces = ["一", "鿿", "龥", "CT检查", "PET-CT", "a", "~", "医院", "㐀", "豈", "ＣＴ", "医\u{200B}院", "e\u{301}"]
        for name in BuiltinResources.entityDictionaryNames {
            for row in TSVReader.rows(try BuiltinResources.contents(of: name)) { surfaces.append(String(row.fields[0])) }
        }
        for surface in surfaces where DictionaryFile.isPlain(Substring(surface)) {
            #expect(normalizer.normalize(surface).string == surface, "\(surface)")
        }
        #expect(DictionaryFile.isPlain("北京协和医院"))
        #expect(!DictionaryFile.isPlain("ＣＴ"))
        #expect(!DictionaryFile.isPlain("医 院"))
    }
}
