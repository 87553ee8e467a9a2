import Foundation
@_spi(Benchmarks) @_spi(Tooling) import MedExtract
import MedExtractTesting
import Testing

/// The usage example of docs/EVALUATION_AND_TESTING.md, verbatim apart from
/// the resource paths, so the documented code is known to compile and pass.
@Test func readmeUsageExample() throws {
    let dictionary = try #require(Bundle.module.url(forResource: "Fixtures/cli_dictionary", withExtension: "tsv"))
    let sentences = try #require(Bundle.module.url(forResource: "Fixtures/readme_example", withExtension: "fixtures"))
    let extractor = try MedExtractor(configuration: ExtractorConfiguration(userDictionaries: [dictionary], includeBuiltinDictionaries: false))

    let entries = try DictionaryFile.parse(try String(contentsOf: dictionary, encoding: .utf8), path: dictionary.lastPathComponent)
    let dictionaryFailures = DictionaryChecker(extractor: extractor).check(entries)
    #expect(dictionaryFailures.isEmpty, "\(dictionaryFailures.map(\.description).joined(separator: "\n"))")

    let fixtures = try Fixture.parseFile(try String(contentsOf: sentences, encoding: .utf8), path: sentences.lastPathComponent)
    let fixtureFailures = FixtureRunner(extractor: extractor).run(fixtures)
    #expect(fixtureFailures.isEmpty, "\(fixtureFailures.map(\.description).joined(separator: "\n"))")
    #expect(fixtures.count == 3)
}
