import Dispatch
import Foundation
import MedExtract

/// Streams documents through the extractor in batches: reads a batch, extracts
/// its documents on `jobs` threads, then hands results on in input order.
/// Memory stays bounded by one batch whatever the input size.
struct BatchPipeline {
    let extractor: MedExtractor
    let jobs: Int
    /// A batch closes at this many documents (per job) or bytes, whichever comes first.
    var documentsPerJob = 32
    var maxBatchBytes = 8 << 20

    func run(
        source: DocumentSource,
        onFailure: (InputFailure) throws -> Void,
        onResult: (InputDocument, [Entity]) throws -> Void
    ) throws {
        var batch: [InputDocument] = []
        var bytes = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            let results = extractAll(batch)
            for (document, entities) in zip(batch, results) { try onResult(document, entities) }
            batch.removeAll(keepingCapacity: true)
            bytes = 0
        }
        try source.forEach { item in
            switch item {
            case .failure(let failure):
                try flush()
                try onFailure(failure)
            case .document(let document):
                batch.append(document)
                bytes += document.text.utf8.count
                if batch.count >= documentsPerJob * jobs || bytes >= maxBatchBytes { try flush() }
            }
        }
        try flush()
    }

    /// Extracts every document of a batch, in parallel when `jobs > 1`.
    func extractAll(_ documents: [InputDocument]) -> [[Entity]] {
        if jobs <= 1 || documents.count <= 1 {
            return documents.map { extractor.extract(from: $0.text) }
        }
        let slots = ResultSlots(count: documents.count)
        let shared = extractor
        let workers = min(jobs, documents.count)
        let next = NextIndex()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = next.take(below: documents.count) {
                slots.set(i, shared.extract(from: documents[i].text))
            }
        }
        return slots.values()
    }
}

/// One result slot per document, each written by exactly one worker.
private final class ResultSlots: @unchecked Sendable {
    private var storage: [[Entity]]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: [], count: count) }

    func set(_ index: Int, _ value: [Entity]) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    func values() -> [[Entity]] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// Hands out indices to workers, each exactly once.
private final class NextIndex: @unchecked Sendable {
    private var next = 0
    private let lock = NSLock()

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < limit else { return nil }
        next += 1
        return next - 1
    }
}
