import Foundation
import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

/// Documents extracted together, stage by stage (``MedExtractor/extractBatch(_:)``),
/// give exactly what each gives alone, and the one-job streaming pipeline
/// hands on every document it read, in order, even when reading fails.
@Suite("Batch extraction")
struct BatchExtractionTests {
    /// Short documents written for this test (one with a declared alias, one
    /// empty, one of spaces and line breaks, one long enough to be chunked
    /// with the small chunk size below), plus the seeds.
    static func documents() throws -> [String] {
        let long = Array(repeating: "上海市第六人民医院骨科为患者实施了膝关节置换术，术后第3天下地行走。", count: 40).joined()
        return [
            "北京协和医院心内科昨日完成3例冠状动脉介入治疗。",
            "",
            "  \n\n  ",
            "山西省人民医院（以下简称“省人医”）神经外科主任介绍，省人医今年开展手术1200余台。",
            long,
            "患者血压150/95mmHg，住院7天。",
            "复旦大学附属中山医院肝外科与放射科联合会诊。",
        ] + (try SeedExtractors.texts())
    }

    @Test(arguments: [32_768, 256])
    func batchEqualsOneAtATime(chunkSize: Int) throws {
        let extractor = try #require(SeedExtractors.extractor(chunkSize: chunkSize))
        let texts = try Self.documents()
        let alone = texts.map { extractor.extract(from: $0) }
        #expect(extractor.extractBatch(texts) == alone)
        // Every split into batches.
        for size in [1, 2, 3, 8] {
            let batched = stride(from: 0, to: texts.count, by: size).flatMap { extractor.extractBatch(Array(texts[$0 ..< min($0 + size, texts.count)])) }
            #expect(batched == alone, "batches of \(size)")
        }
        // The documents are not trivially empty of entities.
        #expect(alone.filter { !$0.isEmpty }.count >= 5)
        #expect(alone[3].contains { $0.attributes.source == "alias" })
    }

    /// With one job, a failure to read the next input still hands on the
    /// inputs read before it (they are extracted a few at a time).
    @Test func oneJobDeliversWhatWasReadBeforeAFailure() throws {
        struct ReadFailure: Error {}
        let extractor = try #require(SeedExtractors.extractor())
        let texts = ["北京协和医院心内科", "上海市第六人民医院骨科", "无实体的一句话。"]
        var delivered: [(Int, [Entity])] = []
        #expect(throws: ReadFailure.self) {
            try extractor.extractInOrder(
                jobs: 1,
                inputs: { submit in
                    for i in texts.indices { try submit(i) }
                    throw ReadFailure()
                },
                cost: { _ in 1 },
                prepare: { i in (i, texts[i]) },
                onResult: { delivered.append(($0, $1)) }
            )
        }
        #expect(delivered.map(\.0) == [0, 1, 2])
        #expect(delivered.map(\.1) == texts.map { extractor.extract(from: $0) })
        #expect(!delivered[0].1.isEmpty)
    }

    /// With one job, inputs are handed on in order with their own results,
    /// across batch boundaries and with inputs that have no text.
    /// Batches end at ``MedExtractor/documentsPerStreamBatch`` inputs or
    /// once they reach ``MedExtractor/costPerStreamBatch``: here some inputs
    /// weigh a fifth of that, so batches of both kinds occur.
    @Test func oneJobKeepsOrderAcrossBatches() throws {
        let extractor = try #require(SeedExtractors.extractor())
        let count = MedExtractor.documentsPerStreamBatch * 2 + 21
        let texts = (0 ..< count).map { $0 % 5 == 0 ? nil : "第\($0)例：北京协和医院心内科完成手术\($0)台。" }
        let heavy = MedExtractor.costPerStreamBatch / 5
        func cost(_ i: Int) -> Int { i >= count - 40 && i % 3 == 0 ? heavy : 1 }
        var delivered: [(Int, [Entity])] = []
        var submitted = 0
        var largestBatch = 0
        var largestCost = 0
        var batchEnd = 0
        try extractor.extractInOrder(
            jobs: 1,
            inputs: { submit in
                for i in texts.indices {
                    submitted = i + 1
                    try submit(i)
                }
            },
            cost: cost,
            prepare: { i in (i, texts[i]) },
            onResult: { i, entities in
                // A batch is handed on as soon as it is full: its first
                // result comes when its last input has just been submitted.
                if i == batchEnd {
                    let batch = i ..< submitted
                    batchEnd = submitted
                    largestBatch = max(largestBatch, batch.count)
                    largestCost = max(largestCost, batch.map(cost).reduce(0, +))
                }
                delivered.append((i, entities))
            }
        )
        #expect(delivered.map(\.0) == Array(texts.indices))
        for (i, entities) in delivered {
            #expect(entities == (texts[i].map { extractor.extract(from: $0) } ?? []), "\(i)")
        }
        #expect(largestBatch == MedExtractor.documentsPerStreamBatch)
        #expect(largestCost < MedExtractor.costPerStreamBatch + heavy)
    }

    /// With two jobs, every input is handed on in order with its own
    /// result, whatever the takes of the workers (some inputs weigh a
    /// quarter of a take's cost limit, so takes are cut by cost and by count).
    @Test func twoJobsKeepOrderWithHeavyInputs() throws {
        let extractor = try #require(SeedExtractors.extractor())
        let texts = (0 ..< 700).map { $0 % 7 == 0 ? nil : "第\($0)例：上海市第六人民医院骨科完成手术\($0)台。" }
        let heavy = OrderedWork<Int, Int>.costLimit / 4
        var delivered: [(Int, [Entity])] = []
        try extractor.extractInOrder(
            jobs: 2,
            limits: PipelineLimits(inputsPerJob: 256, maxCostInFlight: 8 << 20),
            inputs: { submit in for i in texts.indices { try submit(i) } },
            cost: { $0 % 10 == 3 ? heavy : 1 },
            prepare: { i in (i, texts[i]) },
            onResult: { delivered.append(($0, $1)) }
        )
        #expect(delivered.map(\.0) == Array(texts.indices))
        for (i, entities) in delivered {
            #expect(entities == (texts[i].map { extractor.extract(from: $0) } ?? []), "\(i)")
        }
    }

    /// With `jobs` 2 there is one worker, and the calling thread extracts
    /// too while the result it must hand on next is not ready: here the
    /// worker's first input waits (up to 10 s) for an input prepared on the
    /// calling thread, which a caller that only waited would never prepare.
    @Test func theCallingThreadExtractsWhileItWaits() throws {
        let extractor = try #require(SeedExtractors.extractor())
        let texts = (0 ..< 8).map { "第\($0)例：北京协和医院心内科完成冠状动脉介入治疗。" }
        let caller = pthread_self()
        let preparedByCaller = DispatchSemaphore(value: 0)
        let record = NSLock()
        nonisolated(unsafe) var onCaller: [Int] = []
        nonisolated(unsafe) var timedOut = false
        var delivered: [(Int, [Entity])] = []
        try extractor.extractInOrder(
            jobs: 2,
            limits: PipelineLimits(inputsPerJob: 2, maxCostInFlight: 1 << 20),
            inputs: { submit in for i in texts.indices { try submit(i) } },
            cost: { _ in 1 },
            prepare: { i in
                if pthread_equal(pthread_self(), caller) != 0 {
                    record.withLock { onCaller.append(i) }
                    preparedByCaller.signal()
                } else if i == 0, preparedByCaller.wait(timeout: .now() + 10) == .timedOut {
                    record.withLock { timedOut = true }
                }
                return (i, texts[i])
            },
            onResult: { delivered.append(($0, $1)) }
        )
        #expect(delivered.map(\.0) == Array(texts.indices))
        for (i, entities) in delivered { #expect(entities == extractor.extract(from: texts[i]), "\(i)") }
        record.withLock {
            #expect(!onCaller.isEmpty)
            #expect(!timedOut)
        }
    }

    /// A worker's take: at most ``OrderedWork/batchLimit`` inputs and half
    /// of those waiting, and no more once the inputs taken reach
    /// ``OrderedWork/costLimit``.
    @Test func takesAreCutByCountAndByCost() throws {
        let extractor = try #require(SeedExtractors.extractor())
        let work = OrderedWork<Int, Int>(extractor: extractor, prepare: { ($0, nil) })
        let limit = OrderedWork<Int, Int>.costLimit
        let batch = OrderedWork<Int, Int>.batchLimit
        for i in 0 ..< 100 { work.submit(i, cost: i < 50 ? 1 : limit / 4) }
        let first = work.take(limit: batch, waiting: true)
        #expect(first.map(\.index) == Array(0 ..< batch))
        // The next take stops after the fourth heavy input reaches the limit.
        let second = work.take(limit: batch, waiting: true)
        #expect(second.map(\.index) == Array(batch ..< 54))
        #expect(second.map(\.cost).reduce(0, +) >= limit)
        work.close(discardingQueued: true)
    }
}
