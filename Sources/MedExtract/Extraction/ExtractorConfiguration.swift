import Foundation

/// How an extractor is built.
public struct ExtractorConfiguration: Sendable {
    /// Extra entity dictionaries (same format as the built-in ones, see
    /// ``DictionaryFile``). Their entries win over built-in entries with the same
    /// surface, and on equal span length over every other source.
    public var userDictionaries: [URL]
    /// Extra dictionary entries given directly (win over built-ins and files).
    public var userEntries: [DictionaryEntry]
    /// Whether the built-in dictionaries are loaded.
    public var includeBuiltinDictionaries: Bool
    /// The labels to report; the others are switched off (their recognisers
    /// still block overlapping spans, so switching a label off never changes
    /// the spans of the others).
    public var enabledLabels: Set<EntityLabel>
    /// Whether the structural rules (hospital, department, procedure and figure
    /// recognisers, and the document alias pass) run. With `false` only
    /// dictionary entries are found: useful to test dictionaries in isolation.
    public var useRules: Bool
    /// Documents longer than this many Unicode scalars are processed in chunks
    /// cut at sentence ends (then clause marks, then hard cuts with overlap),
    /// so memory stays bounded on huge inputs; chunked results equal unchunked
    /// ones. Values below 64 count as 64, values above 2^28 as 2^28 (so
    /// `Int.max` cuts only documents of over 2^28 scalars).
    public var chunkSize: Int
    /// Rules of your own, run after the built-in recognisers on every chunk
    /// (see ``EntityRecognizer``); they run with `useRules` `false` too.
    public var recognizers: [any EntityRecognizer]

    /// Creates a configuration; the defaults load all built-in dictionaries and
    /// report all four labels.
    public init(
        userDictionaries: [URL] = [],
        userEntries: [DictionaryEntry] = [],
        includeBuiltinDictionaries: Bool = true,
        enabledLabels: Set<EntityLabel> = Set(EntityLabel.allCases),
        useRules: Bool = true,
        chunkSize: Int = 32_768,
        recognizers: [any EntityRecognizer] = []
    ) {
        self.recognizers = recognizers
        self.useRules = useRules
        self.userDictionaries = userDictionaries
        self.userEntries = userEntries
        self.includeBuiltinDictionaries = includeBuiltinDictionaries
        self.enabledLabels = enabledLabels
        self.chunkSize = chunkSize
    }
}
