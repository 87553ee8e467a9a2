import Foundation
@_spi(Tooling) import MedExtract

/// Streams documents through the extractor and hands results on in input
/// order, holding only a bounded window of documents in memory whatever the
/// input size.
///
/// Built on the library's ordered parallel core
/// (``MedExtractor/extractInOrder(jobs:limits:inputs:cost:prepare:onResult:)``,
/// the engine of ``MedExtractor/extractAll(_:jobs:)``'s streaming sibling):
/// with one job, each document is parsed, extracted and handed on before the
/// next is read; with `jobs > 1`, `jobs - 1` worker threads parse JSONL lines
/// and extract documents while the calling thread keeps reading ahead, writes
/// finished results and, while the next one is not ready, extracts documents
/// too: reading, parsing, extraction and output overlap on `jobs` threads.
struct BatchPipeline {
    let extractor: MedExtractor
    let jobs: Int
    /// At most this many documents per job are read but not yet handed on:
    /// room for workers' takes of 32 (``OrderedWork/batchLimit``) to stay a
    /// small part of what waits.
    var documentsPerJob = 256
    /// At most about this many input bytes are read but not yet handed on
    /// (one document over, so that any single document fits).
    var maxBatchBytes = 8 << 20

    /// Runs the pipeline; `onWait` runs after the results read so far are
    /// handed on, when the source is about to wait for input that has not
    /// arrived (the caller flushes its output there).
    func run(
        source: DocumentSource,
        onFailure: (InputFailure) throws -> Void,
        onResult: (InputDocument, [Entity]) throws -> Void,
        onWait: () throws -> Void = {}
    ) throws {
        try extractor.extractInOrder(
            jobs: jobs,
            limits: PipelineLimits(inputsPerJob: documentsPerJob, maxCostInFlight: maxBatchBytes),
            flushableInputs: { submit, flush in
                try source.forEachPending(whenWaiting: {
                    try flush()
                    try onWait()
                }, submit)
            },
            cost: \.byteCount,
            prepare: { pending -> (InputItem, text: String?) in
                let item = source.resolve(pending)
                if case .document(let document) = item { return (item, document.text) }
                return (item, nil)
            },
            onResult: { item, entities in
                switch item {
                case .failure(let failure): try onFailure(failure)
                case .document(let document): try onResult(document, entities)
                }
            }
        )
    }

    /// Extracts every document of an in-memory list (e.g. a gold file), on
    /// `jobs` threads, returning the results in the list's order.
    func extractAll(_ documents: [InputDocument]) -> [[Entity]] {
        extractor.extractAll(documents.map(\.text), jobs: jobs)
    }
}
