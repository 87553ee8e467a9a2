import ArgumentParser
import Foundation
@_spi(Tooling) import MedExtract
import MedExtractTesting

/// `medextract fixtures`: run sentence fixture files through the extractor.
struct FixturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures",
        abstract: "Run sentence fixture files ([text]{LABEL|…} markup) and list every failing sentence.",
        discussion: """
        A fixture file holds one sentence a line with its entities marked inline, such as \
        [晋城大医院]{HOSPITAL}开展[2例]{FIGURE|kind=count}手术。 (blank lines and # comments are skipped). \
        Each sentence must yield exactly the marked entities (spans and labels, and the attributes \
        given). Prints each failure, then the pass rate on standard error; exit status 1 if any sentence fails.
        """
    )

    @Argument(help: "Fixture files.")
    var files: [String]

    @OptionGroup var extractorOptions: ExtractorOptions

    func run() throws {
        var fixtures: [Fixture] = []
        for file in files {
            do {
                fixtures += try Fixture.parseFile(try TextFile.read(file), path: file)
            } catch {
                printError("medextract: \(error)")
                throw ExitStatus.inputFailure
            }
        }
        let runner = FixtureRunner(extractor: try extractorOptions.makeExtractor())
        let failures = runner.run(fixtures)
        let sink = OutputSink.standardOutput()
        for failure in failures { try sink.writeLine(failure.description) }
        try sink.close()
        printError("medextract: \(fixtures.count - failures.count) of \(fixtures.count) sentences pass")
        if !failures.isEmpty { throw ExitStatus.inputFailure }
    }
}
