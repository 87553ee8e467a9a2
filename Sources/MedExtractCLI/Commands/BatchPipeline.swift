import Dispatch
import Foundation
import MedExtract

/// Streams documents through the extractor and hands results on in input
/// order, holding only a bounded window of documents in memory whatever the
/// input size.
///
/// With one job, each document is parsed, extracted and handed on before the
/// next is read. With `jobs > 1`, `jobs` worker threads parse JSONL lines and
/// extract documents while the calling thread keeps reading ahead and writing
/// finished results, so reading, parsing, extraction and output overlap and no
/// thread waits at batch boundaries.
struct BatchPipeline {
    let extractor: MedExtractor
    let jobs: Int
    /// At most this many documents per job are read but not yet handed on.
    var documentsPerJob = 32
    /// At most about this many input bytes are read but not yet handed on
    /// (one document over, so that any single document fits).
    var maxBatchBytes = 8 << 20

    func run(
        source: DocumentSource,
        onFailure: (InputFailure) throws -> Void,
        onResult: (InputDocument, [Entity]) throws -> Void
    ) throws {
        guard jobs > 1 else {
            try source.forEach { item in
                switch item {
                case .failure(let failure): try onFailure(failure)
                case .document(let document): try onResult(document, extractor.extract(from: document.text))
                }
            }
            return
        }

        let work = OrderedWork(extractor: extractor, source: source)
        let group = DispatchGroup()
        for _ in 0 ..< jobs {
            DispatchQueue.global().async(group: group) { work.workerLoop() }
        }
        let window = max(jobs * documentsPerJob, 1)
        var submitted = 0
        var delivered = 0
        var bytesInFlight = 0

        func deliverNext() throws {
            let done = work.waitForResult(delivered)
            delivered += 1
            bytesInFlight -= done.bytes
            switch done.item {
            case .failure(let failure): try onFailure(failure)
            case .document(let document): try onResult(document, done.entities)
            }
        }

        do {
            try source.forEachPending { pending in
                while submitted > delivered && (submitted - delivered >= window || bytesInFlight >= maxBatchBytes) {
                    try deliverNext()
                }
                let bytes = pending.byteCount
                work.submit(pending, bytes: bytes)
                submitted += 1
                bytesInFlight += bytes
            }
            while delivered < submitted { try deliverNext() }
        } catch {
            work.close(discardingQueued: true)
            group.wait()
            throw error
        }
        work.close(discardingQueued: false)
        group.wait()
    }
}

/// The queue between the reading thread and the workers, and the finished
/// results waiting to be handed on in order. All state is guarded by `condition`.
private final class OrderedWork: @unchecked Sendable {
    struct Done {
        var item: InputItem
        var entities: [Entity]
        var bytes: Int
    }

    private let extractor: MedExtractor
    private let source: DocumentSource
    private let condition = NSCondition()
    private var queue: [(index: Int, pending: PendingInput, bytes: Int)?] = [] // taken entries are nil
    private var queueHead = 0
    private var nextIndex = 0
    private var results: [Int: Done] = [:]
    private var closed = false

    init(extractor: MedExtractor, source: DocumentSource) {
        self.extractor = extractor
        self.source = source
    }

    /// Queues an input for the workers.
    func submit(_ pending: PendingInput, bytes: Int) {
        condition.lock()
        if queueHead >= 256 && queueHead * 2 > queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
        queue.append((nextIndex, pending, bytes))
        nextIndex += 1
        condition.broadcast()
        condition.unlock()
    }

    /// No more inputs will come; workers finish the queue (or drop it) and stop.
    func close(discardingQueued: Bool) {
        condition.lock()
        closed = true
        if discardingQueued {
            queue.removeAll()
            queueHead = 0
        }
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until input number `index` is done and returns its result.
    func waitForResult(_ index: Int) -> Done {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let done = results.removeValue(forKey: index) { return done }
            condition.wait()
        }
    }

    /// A worker: parses and extracts queued inputs until the queue is closed and empty.
    func workerLoop() {
        while let (index, pending, bytes) = take() {
            let item = source.resolve(pending)
            var entities: [Entity] = []
            if case .document(let document) = item { entities = extractor.extract(from: document.text) }
            condition.lock()
            results[index] = Done(item: item, entities: entities, bytes: bytes)
            condition.broadcast()
            condition.unlock()
        }
    }

    private func take() -> (Int, PendingInput, Int)? {
        condition.lock()
        defer { condition.unlock() }
        while queueHead == queue.count {
            if closed { return nil }
            condition.wait()
        }
        guard let next = queue[queueHead] else { return nil }
        queue[queueHead] = nil
        queueHead += 1
        return (next.index, next.pending, next.bytes)
    }
}

extension BatchPipeline {
    /// Extracts every document of an in-memory list (e.g. a gold file), on
    /// `jobs` threads, returning the results in the list's order.
    func extractAll(_ documents: [InputDocument]) -> [[Entity]] {
        guard jobs > 1, documents.count > 1 else { return documents.map { extractor.extract(from: $0.text) } }
        let results = IndexedResults(count: documents.count)
        let shared = extractor
        DispatchQueue.concurrentPerform(iterations: min(jobs, documents.count)) { worker in
            var i = worker
            while i < documents.count {
                results.set(i, shared.extract(from: documents[i].text))
                i += min(jobs, documents.count)
            }
        }
        return results.values()
    }
}

/// One slot per document; each slot is written by exactly one worker.
private final class IndexedResults: @unchecked Sendable {
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
