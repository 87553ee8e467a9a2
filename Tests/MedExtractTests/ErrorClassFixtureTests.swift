import Foundation
@_spi(Benchmarks) @_spi(Tooling) import MedExtract
import MedExtractTesting
import Testing

/// Runs every fixture file in `Fixtures/classes/` (one file per error class);
/// every sentence of every file must pass.
@Suite("Error-class fixtures")
struct ErrorClassFixtureTests {
    static func fixtureFiles() throws -> [URL] {
        let directory = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/classes"))
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "fixtures" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func everyClassFilePasses() throws {
        let extractor = try MedExtractor()
        let runner = FixtureRunner(extractor: extractor)
        var total = 0
        for url in try Self.fixtureFiles() {
            let fixtures = try Fixture.parseFile(try String(contentsOf: url, encoding: .utf8), path: url.lastPathComponent)
            #expect(!fixtures.isEmpty, "\(url.lastPathComponent) holds no fixture")
            total += fixtures.count
            let failures = runner.run(fixtures)
            for failure in failures {
                Issue.record("\(url.lastPathComponent): \(failure)")
            }
        }
        print("error-class fixtures: \(total) sentences")
    }
}
