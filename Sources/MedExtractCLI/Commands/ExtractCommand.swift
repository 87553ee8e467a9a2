import ArgumentParser
import Foundation
import MedExtract

/// `medextract extract`: tag documents and write the entities.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract entities from text files, JSONL files, directories or standard input.",
        discussion: """
        A PATH is a .txt file (one document, id = file name without extension), a .jsonl file of \
        {"id": ..., "text": ...} objects (extra fields such as gold entities are ignored), a directory \
        (its .txt and .jsonl files, recursively, sorted), or - for standard input. With no PATH, \
        standard input is read. Offsets in the output are Unicode-scalar offsets into each document's \
        original text, end exclusive.
        """
    )

    @Argument(help: "Inputs: .txt or .jsonl files, directories, or - for standard input.")
    var paths: [String] = []

    @Option(help: "Output format: text (for people), jsonl (one document a line), json (one array), conll (character BIO tags), brat (standoff files, needs --output DIR), doccano (JSONL).")
    var format: OutputFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output; for --format brat, the directory to write ID.txt and ID.ann files into.", valueName: "path"))
    var output: String?

    @Flag(help: "Never show the progress line (it is shown only when standard error is a terminal).")
    var noProgress = false

    @Option(help: "How standard input is read: text (one document) or jsonl.")
    var input: StandardInputFormat = .text

    @Flag(help: "Replace invalid UTF-8 (each maximal invalid byte sequence) and, in JSONL, unpaired \\uD800-\\uDFFF escapes with U+FFFD instead of rejecting the input; offsets then refer to the repaired text.")
    var lossy = false

    @Option(help: "Documents processed in parallel (default: the number of cores; at most 1024). Output stays in input order.", transform: ExtractCommand.parseJobs)
    var jobs: Int?

    /// Parses `--jobs`, capping it at 1024 (batch sizes are multiples of it,
    /// and `--jobs 9223372036854775807` used to overflow).
    static func parseJobs(_ argument: String) throws -> Int {
        guard let value = Int(argument) else { throw ValidationError("--jobs must be a number, not '\(argument)'") }
        return min(value, 1024)
    }

    @OptionGroup var extractorOptions: ExtractorOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if format.writesDirectory && output == nil {
            throw ValidationError("--format \(format.rawValue) writes files: give the directory with --output DIR")
        }
    }

    func run() throws {
        let extractor = try extractorOptions.makeExtractor()
        let source = DocumentSource(paths: paths, standardInputFormat: input, lossy: lossy)
        let sink = try makeSink()
        var writer = format.makeWriter(directory: output)
        do {
            try writer.begin(sink)
        } catch {
            printError("medextract: \(output ?? "-"): \(error.localizedDescription)")
            throw ExitStatus.inputFailure
        }
        var failures = 0
        let progress = noProgress ? nil : ProgressReporter.forStandardError(totalBytes: source.totalInputBytes())
        let pipeline = BatchPipeline(extractor: extractor, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        try pipeline.run(source: source, onFailure: { failure in
            failures += 1
            sink.flush()
            progress?.clear()
            printError("medextract: \(failure)")
        }, onResult: { document, entities in
            try writer.write(document, entities: entities, to: sink)
            progress?.documentDone(byteCount: document.inputByteCount ?? document.byteCount)
        })
        try writer.end(sink)
        sink.flush()
        progress?.finish()
        if failures > 0 { throw ExitStatus.inputFailure }
    }

    /// Standard output, or the `--output` file for the stream formats.
    func makeSink() throws -> OutputSink {
        try openOutput(format.writesDirectory ? nil : output)
    }
}

extension StandardInputFormat: ExpressibleByArgument {}
