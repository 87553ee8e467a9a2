import Foundation

/// The bytes of the built-in data files a ``CompiledLexicon`` is compiled
/// from, and their fingerprint.
struct BuiltinSources: Sendable {
    /// One built-in file.
    struct File: Sendable {
        var name: String
        var bytes: Data

        /// The file as strict UTF-8 text.
        func text() throws(MedExtractError) -> String {
            try TextFile.decode(bytes, path: name)
        }
    }

    var entityDictionaries: [File]
    var gazetteer: File
    var ruleLexicon: File
    /// Where registered hospitals are (``HospitalRegistry/builtinName``),
    /// archived with the lexicon for the linking pass.
    var hospitalRegistry: File

    /// Reads every built-in source file from the bundle.
    static func read() throws(MedExtractError) -> BuiltinSources {
        func file(_ name: String) throws(MedExtractError) -> File {
            let url = try BuiltinResources.url(of: name)
            do {
                return File(name: name, bytes: try MappedFile.data(atPath: url.path) ?? Data(contentsOf: url))
            } catch {
                throw .unreadableFile(path: url.path, reason: TextFile.reason(for: url.path, error))
            }
        }
        var dictionaries: [File] = []
        for name in BuiltinResources.entityDictionaryNames { dictionaries.append(try file(name)) }
        return BuiltinSources(
            entityDictionaries: dictionaries,
            gazetteer: try file(BuiltinResources.gazetteerName),
            ruleLexicon: try file(RuleLexiconFile.builtinName),
            hospitalRegistry: try file(HospitalRegistry.builtinName)
        )
    }

    /// The ``Fingerprint`` of the format version, the names the compiled tables encode
    /// (labels, rule classes, place levels) and every file's name and bytes.
    var fingerprint: UInt64 {
        var hash = Fingerprint()
        hash.add("format \(CompiledLexicon.formatVersion)")
        for label in EntityLabel.allCases { hash.add(label.rawValue) }
        for ruleClass in RuleClass.allCases { hash.add(ruleClass.rawValue) }
        for level in PlaceLevel.allCases { hash.add(level.rawValue) }
        for file in entityDictionaries + [gazetteer, ruleLexicon, hospitalRegistry] {
            hash.add(file.name)
            hash.add("\(file.bytes.count)")
            file.bytes.withUnsafeBytes { hash.add($0) }
        }
        return hash.value
    }

    /// The shipped compiled lexicon, if it is present and was compiled from
    /// exactly these sources; `nil` otherwise (absent, stale or damaged).
    func precompiled() -> CompiledLexicon? {
        guard let url = try? BuiltinResources.url(of: BuiltinResources.compiledLexiconName) else { return nil }
        // Mapped, so that its tables are read in place; else a copy.
        guard let memory = TableMemory.mapping(path: url.path)
            ?? (try? Data(contentsOf: url)).map({ data in data.withUnsafeBytes { TableMemory.copying($0) } }) else { return nil }
        guard CompiledLexicon.fingerprint(of: memory) == fingerprint else { return nil }
        return try? CompiledLexicon(decoding: memory)
    }
}
