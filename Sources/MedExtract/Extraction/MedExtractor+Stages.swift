/// Access to the extractor's stages one at a time, for benchmarks and
/// diagnostics. ``MedExtractor/extract(from:)`` runs them all in this order:
///
/// 1. ``TextNormalizer/normalize(_:)``;
/// 2. ``Lexicon/matches(in:)`` (dictionary matching);
/// 3. every recogniser of ``stageRecognizers`` on one ``RecognitionContext``
///    (ICU segmentation happens inside, lazily, for the clauses a recogniser
///    asks ``RecognitionContext/wordBoundaries(around:)`` about);
/// 4. ``OverlapResolver/resolve(_:length:)``, then, when the document declares
///    aliases, a second pass that adds them and resolves again (internal).
///
/// These entry points expose the stages for measurement only; they add no
/// behaviour.
extension MedExtractor {
    /// The recognisers the extractor runs, in order (the dictionary recogniser
    /// and the rules).
    @_spi(Benchmarks) public var stageRecognizers: [any Recognizer] { recognizers }

    /// The word segmenter the recognisers use for word boundaries.
    @_spi(Benchmarks) public var wordSegmenter: WordSegmenter { segmenter }

    /// The resolver that picks non-overlapping entities among candidates.
    @_spi(Benchmarks) public var overlapResolver: OverlapResolver { resolver }

    /// A fresh recognition context for already-normalised text, as the
    /// extractor builds one per chunk. `matches` are the lexicon matches of
    /// `normalized` (``Lexicon/matches(in:)``); when nil they are computed.
    /// The context caches word boundaries, so use a new one per measurement.
    @_spi(Benchmarks) public func recognitionContext(for normalized: NormalizedText, matches: [LexiconMatch]? = nil) -> RecognitionContext {
        let found = matches ?? normalized.units.withUnsafeBufferPointer { lexicon.matches(in: $0) }
        return RecognitionContext(text: normalized, matches: found, lexicon: lexicon, segmenter: segmenter)
    }
}
