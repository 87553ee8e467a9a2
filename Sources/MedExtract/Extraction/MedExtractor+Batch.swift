import Dispatch
import Foundation
import Synchronization

extension MedExtractor {
    /// The entities of every document, returned in the order of `documents`,
    /// extracted a few documents at a time on each of `jobs` threads.
    ///
    /// The result equals `documents.map { extract(from: $0) }`; only the time
    /// it takes differs. All documents and results are in memory at once: for
    /// a stream of documents (a large JSONL file, a network feed) use
    /// ``extract(_:jobs:)``, which holds only a few at a time.
    ///
    /// ```swift
    /// let results = extractor.extractAll(["晋城大医院新院区启用。", "患者接受了胃镜检查。"], jobs: 2)
    /// ```
    /// - Parameters:
    ///   - documents: the texts.
    ///   - jobs: how many documents are extracted at once (at least 1; by
    ///     default the number of active processors).
    public func extractAll(_ documents: some Collection<some StringProtocol>, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) -> [[Entity]] {
        let texts = documents.map { String($0) }
        // A few documents at a time (``extractBatch(_:)``: short documents go
        // through the stages together, faster than one by one;
        // docs/BENCHMARKS.md), batch after batch.
        let size = Self.documentsPerBatch
        let batches = (texts.count + size - 1) / size
        @Sendable func batch(_ b: Int) -> [[Entity]] {
            extractBatch(Array(texts[b * size ..< min((b + 1) * size, texts.count)]))
        }
        let workers = min(max(jobs, 1), batches)
        guard workers > 1 else { return (0 ..< batches).flatMap(batch) }
        let results = IndexedResults(count: texts.count)
        // Each worker takes the next batch nobody has taken, so one that
        // drew long documents does not leave the others idle at the end
        // (batch `w`, `w + workers`, … each was fixed in advance before).
        let next = BatchCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let b = next.take()
                guard b < batches else { return }
                results.set(from: b * size, batch(b))
            }
        }
        return results.values()
    }

    /// How many documents go through the stages together
    /// (``extractBatch(_:)``) in ``extractAll(_:jobs:)`` (the streaming
    /// pipeline takes ``documentsPerStreamBatch`` with one job, and its
    /// workers fewer: ``OrderedWork/batchLimit``). 32 rather than 8: 4 % less
    /// time on 12 MB of JSONL with one job, in four paired runs (docs/BENCHMARKS.md).
    @inlinable
    static var documentsPerBatch: Int { 32 }

    /// How many inputs the streaming pipeline with one job extracts as one
    /// batch (``extractInOrder(jobs:limits:inputs:cost:prepare:onResult:)``),
    /// unless they reach ``costPerStreamBatch`` first. 256 short documents
    /// (news, some 460 KB) rather than 32: 0.963 of the time on 12 MB of
    /// JSONL in 24 paired runs (docs/BENCHMARKS.md).
    @inlinable
    static var documentsPerStreamBatch: Int { 256 }

    /// The most input cost (bytes) one such batch holds (one input over, so
    /// that any input fits): long documents go a few at a time, so a batch's
    /// normalised texts and matches stay small (documents of 30,000
    /// characters: 63.8 MB peak, against 92.5 MB in batches of 32).
    @inlinable
    static var costPerStreamBatch: Int { 512 << 10 }

    /// The entities of each document of an asynchronous sequence, as an
    /// asynchronous sequence of results in input order, extracting up to
    /// `jobs` documents at once.
    ///
    /// Memory stays bounded whatever the length of the stream: at most `jobs`
    /// documents are read ahead of the result being waited for. Reading
    /// ahead means that the result of a document is handed on once `jobs`
    /// more documents have arrived or the stream has ended.
    ///
    /// ```swift
    /// for try await entities in extractor.extract(lines, jobs: 2) {
    ///     print(entities.map(\.text))
    /// }
    /// ```
    /// - Parameters:
    ///   - documents: the texts, in order; an error it throws ends the results with that error.
    ///   - jobs: how many documents are extracted at once (at least 1; by
    ///     default the number of active processors).
    public func extract<Documents: AsyncSequence>(
        _ documents: Documents,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> OrderedExtractions<Documents> where Documents.Element: StringProtocol {
        OrderedExtractions(documents: documents, extractor: self, jobs: max(jobs, 1))
    }
}

/// The results of ``MedExtractor/extract(_:jobs:)``: one array of entities per
/// document of the underlying sequence, in its order.
public struct OrderedExtractions<Documents: AsyncSequence>: AsyncSequence where Documents.Element: StringProtocol {
    /// One document's entities.
    public typealias Element = [Entity]

    let documents: Documents
    let extractor: MedExtractor
    let jobs: Int

    /// Creates the iterator; each iteration reads the underlying sequence once.
    public func makeAsyncIterator() -> Iterator {
        Iterator(upstream: documents.makeAsyncIterator(), extractor: extractor, jobs: jobs)
    }

    /// Reads documents ahead, extracts them in child tasks, and hands the
    /// results on in order.
    public struct Iterator: AsyncIteratorProtocol {
        var upstream: Documents.AsyncIterator?
        let extractor: MedExtractor
        let jobs: Int
        var running: [Task<[Entity], Never>] = []
        var head = 0

        init(upstream: Documents.AsyncIterator, extractor: MedExtractor, jobs: Int) {
            self.upstream = upstream
            self.extractor = extractor
            self.jobs = jobs
        }

        /// The next document's entities, `nil` after the last one.
        /// - Throws: what the underlying sequence throws (results of the
        ///   documents read before are handed on first).
        public mutating func next() async throws -> [Entity]? {
            while running.count - head < jobs, var source = upstream {
                let document: Documents.Element?
                do {
                    document = try await source.next()
                } catch {
                    upstream = nil
                    if running.count > head { pendingError = error; break }
                    throw error
                }
                guard let document else { upstream = nil; break }
                upstream = source
                let text = String(document)
                let extractor = self.extractor
                running.append(Task { extractor.extract(from: text) })
            }
            guard head < running.count else {
                if let error = pendingError { pendingError = nil; throw error }
                return nil
            }
            let result = await running[head].value
            head += 1
            if head >= 64 && head * 2 > running.count {
                running.removeFirst(head)
                head = 0
            }
            return result
        }

        var pendingError: (any Error)?
    }
}

/// The batches of ``MedExtractor/extractAll(_:jobs:)`` handed out in order,
/// one at a time, to whichever worker asks.
final class BatchCounter: Sendable {
    private let taken = Atomic<Int>(0)

    /// The number of the next batch (counting on past the last one).
    func take() -> Int {
        taken.wrappingAdd(1, ordering: .relaxed).oldValue
    }
}

/// One slot per document; each slot is written by exactly one worker.
final class IndexedResults: @unchecked Sendable {
    private var storage: [[Entity]]
    private let lock = NSLock()

    init(count: Int) { storage = Array(filledWith: [], count: count) }

    /// Stores `values` in the slots from `start` on, under one lock.
    func set(from start: Int, _ values: [[Entity]]) {
        lock.lock()
        for (k, value) in values.enumerated() where start + k < storage.count {
            storage[start + k] = value
        }
        lock.unlock()
    }

    func values() -> [[Entity]] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
