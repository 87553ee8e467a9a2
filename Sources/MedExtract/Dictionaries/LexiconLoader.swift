import Synchronization

/// Builds the ``Lexicon`` an extractor configuration asks for: the
/// precompiled built-in lexicon (or the built-in sources compiled now, when
/// the shipped file is stale) plus the user's entries.
enum LexiconLoader {
    /// The process's early load (``MedExtractor/beginLoadingBuiltinDictionaries()``).
    static let early = EarlyLexiconLoad()

    /// The lexicon of `configuration`, taking `early`'s load if one waits.
    static func lexicon(for configuration: ExtractorConfiguration, early: EarlyLexiconLoad = LexiconLoader.early) throws(MedExtractError) -> Lexicon {
        let user = try userEntries(configuration)
        guard configuration.includeBuiltinDictionaries else {
            let ruleWords = try RuleLexiconFile.parse(
                try BuiltinResources.contents(of: RuleLexiconFile.builtinName), path: RuleLexiconFile.builtinName)
            return Lexicon(builtin: [], user: user, places: [], ruleWords: ruleWords)
        }
        // Loaded early: the same reading and checks, already done or under
        // way. A stale or damaged file gives nil there too, and the sources
        // are read again below to be compiled.
        if let work = early.take(), let compiled = try work.value() {
            return Lexicon(compiled: compiled, user: user)
        }
        let sources = try BuiltinSources.read()
        if let compiled = sources.precompiled() { return Lexicon(compiled: compiled, user: user) }
        return Lexicon(compiled: try CompiledLexicon.compile(sources), user: user)
    }

    /// The entries of the user's dictionary files, then the entries given
    /// directly (normalised like text), without empty surfaces.
    static func userEntries(_ configuration: ExtractorConfiguration) throws(MedExtractError) -> [DictionaryEntry] {
        var user: [DictionaryEntry] = []
        for url in configuration.userDictionaries {
            let parsed = try DictionaryFile.parse(try TextFile.read(url.path), path: url.path)
            // The first file is moved, not copied entry by entry.
            if user.isEmpty { user = parsed } else { user += parsed }
        }
        // File entries have non-empty surfaces (the parser rejects empty
        // ones); an entry given in code can normalise to nothing and is dropped.
        let normalizer = TextNormalizer()
        for entry in configuration.userEntries {
            var entry = entry
            entry.surface = normalizer.normalize(entry.surface).string
            if !entry.surface.isEmpty { user.append(entry) }
        }
        return user
    }
}

/// A load of the precompiled built-in lexicon started before any extractor
/// asked for it, taken by the next extractor built with the built-in
/// dictionaries.
final class EarlyLexiconLoad: Sendable {
    private let pending = Mutex<BackgroundWork<CompiledLexicon?>?>(nil)

    /// Starts reading and checking the precompiled built-in lexicon on
    /// another core, unless a load started here is still untaken.
    func begin() {
        pending.withLock { pending in
            guard pending == nil else { return }
            pending = BackgroundWork { () throws(MedExtractError) -> CompiledLexicon? in try BuiltinSources.read().precompiled() }
        }
    }

    /// The load, removed (nil when none waits).
    func take() -> BackgroundWork<CompiledLexicon?>? {
        pending.withLock { pending in
            defer { pending = nil }
            return pending
        }
    }

    /// Whether a load waits to be taken.
    var isPending: Bool { pending.withLock { $0 != nil } }
}
