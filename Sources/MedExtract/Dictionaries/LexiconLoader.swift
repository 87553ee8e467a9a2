/// Builds the ``Lexicon`` an extractor configuration asks for: the
/// precompiled built-in lexicon (or the built-in sources compiled now, when
/// the shipped file is stale) plus the user's entries.
enum LexiconLoader {
    static func lexicon(for configuration: ExtractorConfiguration) throws(MedExtractError) -> Lexicon {
        let user = try userEntries(configuration)
        guard configuration.includeBuiltinDictionaries else {
            let ruleWords = try RuleLexiconFile.parse(
                try BuiltinResources.contents(of: RuleLexiconFile.builtinName), path: RuleLexiconFile.builtinName)
            return Lexicon(builtin: [], user: user, places: [], ruleWords: ruleWords)
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
