import Dispatch
import Foundation

/// How much of a stream ``MedExtractor/extractInOrder(jobs:limits:inputs:cost:prepare:onResult:)``
/// holds at once.
@_spi(Tooling)
public struct PipelineLimits: Sendable, Hashable {
    /// At most this many inputs per job are read but not yet handed on.
    public var inputsPerJob: Int
    /// At most about this much input cost (bytes) is read but not yet handed
    /// on (one input over, so that any single input fits).
    public var maxCostInFlight: Int

    /// Creates limits; the defaults hold 32 inputs per job and 8 MiB.
    public init(inputsPerJob: Int = 32, maxCostInFlight: Int = 8 << 20) {
        self.inputsPerJob = inputsPerJob
        self.maxCostInFlight = maxCostInFlight
    }
}

@_spi(Tooling)
extension MedExtractor {
    /// The synchronous, push-driven streaming core behind the command-line
    /// tool: `inputs` submits inputs one at a time; `jobs - 1` worker threads
    /// run `prepare` (e.g. parse a JSONL line) and extract the text it
    /// returns, while the calling thread keeps submitting, hands finished
    /// results to `onResult` in submission order, and extracts queued inputs
    /// itself whenever the next result is not ready. Only a bounded window of inputs is
    /// in flight (``PipelineLimits``), so memory does not grow with the stream.
    ///
    /// With one job everything runs on the calling thread, one input at a time.
    /// - Parameters:
    ///   - prepare: runs on a worker thread; returns the value handed to
    ///     `onResult` and the text to extract (`nil`: nothing to extract).
    ///   - cost: the weight of an input against ``PipelineLimits/maxCostInFlight``.
    /// - Throws: what `inputs` or `onResult` throws; the workers are stopped first.
    @inlinable
    public func extractInOrder<Input: Sendable, Prepared: Sendable>(
        jobs: Int,
        limits: PipelineLimits = PipelineLimits(),
        inputs: (_ submit: (Input) throws -> Void) throws -> Void,
        cost: (Input) -> Int,
        prepare: @escaping @Sendable (Input) -> (Prepared, text: String?),
        onResult: (Prepared, [Entity]) throws -> Void
    ) throws {
        try extractInOrder(
            jobs: jobs, limits: limits, flushableInputs: { submit, _ in try withoutActuallyEscaping(submit) { try inputs($0) } },
            cost: cost, prepare: prepare, onResult: onResult
        )
    }

    /// ``extractInOrder(jobs:limits:inputs:cost:prepare:onResult:)`` for a
    /// source that can say when it is about to wait for more input (a stream
    /// on a pipe): `flushableInputs` gets, besides `submit`, a `flush` that
    /// extracts what was submitted and hands every result on before it
    /// returns, so the results of a slow stream do not wait for a batch to fill.
    @inlinable
    public func extractInOrder<Input: Sendable, Prepared: Sendable>(
        jobs: Int,
        limits: PipelineLimits = PipelineLimits(),
        flushableInputs inputs: (_ submit: (Input) throws -> Void, _ flush: () throws -> Void) throws -> Void,
        cost: (Input) -> Int,
        prepare: @escaping @Sendable (Input) -> (Prepared, text: String?),
        onResult: (Prepared, [Entity]) throws -> Void
    ) throws {
        // The closures below run only during this call, on this thread.
        try withoutActuallyEscaping(cost) { cost in
            try withoutActuallyEscaping(onResult) { onResult in
                try run(jobs: jobs, limits: limits, inputs: inputs, cost: cost, prepare: prepare, onResult: onResult)
            }
        }
    }

    @inlinable
    func run<Input: Sendable, Prepared: Sendable>(
        jobs: Int,
        limits: PipelineLimits,
        inputs: (_ submit: (Input) throws -> Void, _ flush: () throws -> Void) throws -> Void,
        cost: @escaping (Input) -> Int,
        prepare: @escaping @Sendable (Input) -> (Prepared, text: String?),
        onResult: @escaping (Prepared, [Entity]) throws -> Void
    ) throws {
        guard jobs > 1 else {
            // Some inputs at a time (``MedExtractor/extractBatch(_:)``: short
            // documents stage by stage; ``MedExtractor/documentsPerStreamBatch``),
            // each handed on before the next batch is read.
            var pending: [Input] = []
            var pendingCost = 0
            var deliveryFailed = false
            func deliverPending() throws {
                let batch = pending
                pending.removeAll(keepingCapacity: true)
                pendingCost = 0
                do {
                    for (prepared, entities) in extractPrepared(batch, prepare: prepare) { try onResult(prepared, entities) }
                } catch {
                    deliveryFailed = true
                    throw error
                }
            }
            do {
                try inputs({ input in
                    pending.append(input)
                    pendingCost += cost(input)
                    if pending.count >= MedExtractor.documentsPerStreamBatch || pendingCost >= min(limits.maxCostInFlight, MedExtractor.costPerStreamBatch) {
                        try deliverPending()
                    }
                }, {
                    if !pending.isEmpty { try deliverPending() }
                })
            } catch {
                // What was read before a failure to read is still handed on.
                if !deliveryFailed { try deliverPending() }
                throw error
            }
            try deliverPending()
            return
        }
        // `jobs - 1` workers, and this thread as the last job: it reads and
        // writes, and extracts queued inputs itself whenever the result it
        // must hand on next is not ready (``OrderedWork/waitForResult(_:)``).
        // So `jobs` threads are busy, not `jobs + 1` on `jobs` cores, which
        // preempted the workers and refilled their caches after every write.
        let work = OrderedWork<Input, Prepared>(extractor: self, prepare: prepare)
        let group = DispatchGroup()
        for _ in 0 ..< jobs - 1 {
            DispatchQueue.global().async(group: group) { work.workerLoop() }
        }
        let window = max(jobs * limits.inputsPerJob, 1)
        var submitted = 0
        var delivered = 0
        var costInFlight = 0

        func deliverNext() throws {
            let done = work.waitForResult(delivered)
            delivered += 1
            costInFlight -= done.cost
            try onResult(done.prepared, done.entities)
        }

        do {
            try inputs({ input in
                while submitted > delivered && (submitted - delivered >= window || costInFlight >= limits.maxCostInFlight) {
                    try deliverNext()
                }
                let weight = cost(input)
                work.submit(input, cost: weight)
                submitted += 1
                costInFlight += weight
            }, {
                while delivered < submitted { try deliverNext() }
            })
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

extension MedExtractor {
    /// Prepares `inputs` and extracts the texts they give, in order, as one batch.
    @inlinable
    func extractPrepared<Input, Prepared>(
        _ inputs: [Input], prepare: (Input) -> (Prepared, text: String?)
    ) -> [(Prepared, [Entity])] {
        let prepared = inputs.map(prepare)
        // Closures, not key paths: this code is generic and not specialised
        // across modules, and a key path into a generic tuple is resolved at
        // run time, from its mangled name, at every use (thousands of
        // instructions a batch).
        let found = extractBatch(prepared.compactMap { $0.text })
        var next = 0
        return prepared.map { item in
            guard item.text != nil else { return (item.0, []) }
            defer { next += 1 }
            return (item.0, found[next])
        }
    }
}

/// The queue between the submitting thread and the workers, and the finished
/// results waiting to be handed on in order.
///
/// Two conditions, so that each wake-up reaches a thread that has something
/// to do: `work` guards the queue (a submission wakes one worker), `finished`
/// guards the results (a result wakes the submitting thread, the only one
/// that waits for results).
@usableFromInline
final class OrderedWork<Input: Sendable, Prepared: Sendable>: @unchecked Sendable {
    @usableFromInline
    struct Done {
        @usableFromInline var prepared: Prepared
        @usableFromInline var entities: [Entity]
        @usableFromInline var cost: Int

        @inlinable
        init(prepared: Prepared, entities: [Entity], cost: Int) {
            self.prepared = prepared
            self.entities = entities
            self.cost = cost
        }
    }

    @usableFromInline let extractor: MedExtractor
    @usableFromInline let prepare: @Sendable (Input) -> (Prepared, text: String?)
    @usableFromInline let work = NSCondition()
    @usableFromInline let finished = NSCondition()
    // Guarded by `work`.
    @usableFromInline var queue: [(index: Int, input: Input, cost: Int)?] = [] // taken entries are nil
    @usableFromInline var queueHead = 0
    @usableFromInline var nextIndex = 0
    @usableFromInline var closed = false
    // Guarded by `finished`.
    @usableFromInline var results: [Int: Done] = [:]

    @inlinable
    init(extractor: MedExtractor, prepare: @escaping @Sendable (Input) -> (Prepared, text: String?)) {
        self.extractor = extractor
        self.prepare = prepare
    }

    /// Queues an input for the workers.
    @inlinable
    func submit(_ input: Input, cost: Int) {
        work.lock()
        if queueHead >= 256 && queueHead * 2 > queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
        queue.append((nextIndex, input, cost))
        nextIndex += 1
        work.signal()
        work.unlock()
    }

    /// No more inputs will come; workers finish the queue (or drop it) and stop.
    @inlinable
    func close(discardingQueued: Bool) {
        work.lock()
        closed = true
        if discardingQueued {
            queue.removeAll()
            queueHead = 0
        }
        work.broadcast()
        work.unlock()
    }

    /// Input number `index`'s result, once it is done. While it is not,
    /// the calling thread extracts queued inputs itself (the oldest first,
    /// so `index` itself when no worker has taken it), and blocks only when
    /// the queue is empty: then a worker has `index` and will post it.
    @inlinable
    func waitForResult(_ index: Int) -> Done {
        while true {
            finished.lock()
            if let done = results.removeValue(forKey: index) {
                finished.unlock()
                return done
            }
            finished.unlock()
            let taken = take(limit: Self.batchLimit, waiting: false)
            if taken.isEmpty { break }
            run(taken)
        }
        finished.lock()
        defer { finished.unlock() }
        while true {
            if let done = results.removeValue(forKey: index) { return done }
            finished.wait()
        }
    }

    /// A worker: prepares and extracts queued inputs until the queue is
    /// closed and empty. It takes a few inputs at a time (at most half of
    /// those waiting, so the others keep busy) and posts their results
    /// together: one lock and one wake-up for several small documents.
    @inlinable
    func workerLoop() {
        while true {
            let taken = take(limit: Self.batchLimit, waiting: true)
            guard !taken.isEmpty else { return }
            run(taken)
        }
    }

    /// Prepares and extracts `taken` and posts the results.
    @inlinable
    func run(_ taken: [(index: Int, input: Input, cost: Int)]) {
        // Closures and indices, not key paths and `zip`: see ``MedExtractor/extractPrepared(_:prepare:)``.
        let extracted = extractor.extractPrepared(taken.map { $0.input }, prepare: prepare)
        var batch: [Done] = []
        batch.reserveCapacity(extracted.count)
        for k in extracted.indices where k < taken.count {
            batch.append(Done(prepared: extracted[k].0, entities: extracted[k].1, cost: taken[k].cost))
        }
        finished.lock()
        for k in batch.indices { results[taken[k].index] = batch[k] }
        finished.signal()
        finished.unlock()
    }

    /// The most inputs a worker takes at once. A take is at most half of
    /// the inputs waiting, so it stays a small part of the window in flight
    /// (the command line's: 256 inputs a job) and the reader and the other
    /// workers are not left waiting for one long batch. With a window of 32
    /// a job, takes of 32 made `--jobs 2` 1.69× `--jobs 1` instead of 1.80×;
    /// with the window of 256, takes of 32 rather than 8 give `--jobs 2`
    /// 0.955 of the time (docs/BENCHMARKS.md).
    @inlinable
    static var batchLimit: Int { 32 }

    /// The most input cost (bytes) a take holds, one input over: long
    /// documents are taken a few at a time
    /// (``MedExtractor/costPerStreamBatch``, as with one job).
    @inlinable
    static var costLimit: Int { MedExtractor.costPerStreamBatch }

    /// Up to `limit` queued inputs (at least one, at most half of those
    /// waiting), fewer when they reach ``costLimit``; when none are queued,
    /// waits for one if `waiting`, else returns none. Empty when the queue
    /// is closed and empty.
    @inlinable
    func take(limit: Int, waiting: Bool) -> [(index: Int, input: Input, cost: Int)] {
        work.lock()
        defer { work.unlock() }
        while queueHead == queue.count {
            if closed || !waiting { return [] }
            work.wait()
        }
        let count = max(1, min(limit, (queue.count - queueHead) / 2))
        var taken: [(index: Int, input: Input, cost: Int)] = []
        taken.reserveCapacity(count)
        var cost = 0
        while taken.count < count, cost < Self.costLimit, queueHead < queue.count, let next = queue[queueHead] {
            queue[queueHead] = nil
            queueHead += 1
            cost += next.cost
            taken.append(next)
        }
        return taken
    }
}
