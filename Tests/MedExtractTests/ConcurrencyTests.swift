import Foundation
import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract
@testable import MedExtractCLI

/// One extractor shared by many concurrent tasks gives the same results as
/// sequential use.
@Suite("Concurrent use of one extractor")
struct ConcurrencyTests {
    /// The built-in extractor plus the seeds' gold surfaces.
    static let extractor = SeedExtractors.extractor()
    /// Small chunks, so the chunking path runs concurrently too.
    static let chunkedExtractor = SeedExtractors.extractor(chunkSize: 256)

    static func seedTexts() throws -> [String] { try SeedExtractors.texts() }

    /// Work started in the background during construction hands back its
    /// value or its error, to any number of callers, once it has finished.
    @Test func backgroundWorkGivesItsValueOrItsError() {
        let slow = BackgroundWork { () throws(MedExtractError) -> [Int] in
            Thread.sleep(forTimeInterval: 0.05)
            return Array(0 ..< 1000)
        }
        #expect((try? slow.value())?.count == 1000)
        #expect((try? slow.value())?.last == 999)
        let failing = BackgroundWork { () throws(MedExtractError) -> Int in throw .missingResource(name: "x.tsv") }
        for _ in 0 ..< 2 {
            #expect(throws: MedExtractError.missingResource(name: "x.tsv")) { try failing.value() }
        }
    }

    @Test(arguments: [false, true])
    func sixteenTasksAgreeWithSequentialUse(chunked: Bool) async throws {
        let extractor = try #require(chunked ? Self.chunkedExtractor : Self.extractor)
        let texts = try Self.seedTexts()
        #expect(texts.count >= 5)
        let expected = texts.map { extractor.extract(from: $0) }
        #expect(expected.allSatisfy { $0.count >= 10 })
        let tasks = 16
        let results = await withTaskGroup(of: (Int, [[Entity]]).self) { group in
            for task in 0 ..< tasks {
                group.addTask {
                    // Each task walks the seeds from a different start, three times.
                    var out = [[Entity]](repeating: [], count: texts.count)
                    for round in 0 ..< 3 {
                        for k in 0 ..< texts.count {
                            let i = (k + task + round) % texts.count
                            let entities = extractor.extract(from: texts[i])
                            if round == 0 { out[i] = entities } else if out[i] != entities { out[i] = [] }
                        }
                    }
                    return (task, out)
                }
            }
            var all: [(Int, [[Entity]])] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == tasks)
        for (task, result) in results {
            #expect(result == expected, "task \(task) disagrees with sequential use")
        }
    }

    @Test func batchPipelineWithEightJobsAgreesWithOneJob() throws {
        let extractor = try #require(Self.extractor)
        let texts = try Self.seedTexts()
        let documents = (0 ..< 40).map { InputDocument(id: "d\($0)", text: texts[$0 % texts.count], origin: "test") }
        let sequential = BatchPipeline(extractor: extractor, jobs: 1).extractAll(documents)
        let parallel = BatchPipeline(extractor: extractor, jobs: 8).extractAll(documents)
        #expect(parallel == sequential)
        #expect(parallel.count == documents.count)
    }
}
