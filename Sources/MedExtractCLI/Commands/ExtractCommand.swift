import ArgumentParser
import Foundation
import MedExtract

/// `medextract extract`: tag documents and write the entities.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract entities from text files, JSONL files, directories or standard input.",
        discussion: """
        A PATH is a .txt file (one document, id = file name without extension), a .jsonl or .ndjson file \
        of {"id": ..., "text": ...} objects (extra fields such as gold entities are ignored), a .json file \
        holding one array of such objects, a directory (its .txt, .jsonl, .ndjson and .json files, \
        recursively, sorted, symbolic links followed), or - for standard input. With no PATH, standard \
        input is read. --input jsonl (or json, text) reads every PATH given and standard input that way, \
        whatever the name, e.g. --input jsonl <(zcat docs.jsonl.gz). Text files are UTF-8 unless they start \
        with a UTF-16 byte-order mark or --encoding says otherwise. Offsets in jsonl and json output are \
        Unicode-scalar offsets into each document's original text, end exclusive (--offsets utf16 or utf8 \
        for UTF-16 code units or UTF-8 bytes); doccano output counts UTF-16 code units, as doccano does; \
        text, conll and brat use scalars. -o writes into the file as the shell's > does (a link is \
        followed, the mode kept). A write error is reported and exits 1; when the reader of a pipe goes \
        away the tool stops quietly. Several documents with one id get a warning; more than 20 errors in \
        one file are counted, not listed.
        """
    )

    @Argument(help: "Inputs: .txt or .jsonl files, directories, or - for standard input.")
    var paths: [String] = []

    @Option(help: "Output format: text (for people), jsonl (one document a line), json (one array), conll (character BIO tags), brat (standoff files, needs --output DIR), doccano (JSONL, UTF-16 offsets as doccano counts).")
    var format: OutputFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output; for --format brat, the directory to write ID.txt and ID.ann files into.", valueName: "path"))
    var output: String?

    @Flag(help: "Never show the progress line (it is shown only when standard error is a terminal).")
    var noProgress = false

    @Option(help: "Read standard input and every PATH given as: text (one document), jsonl or json (an array); default: by file name, standard input as text.")
    var input: StandardInputFormat?

    @Option(help: ArgumentHelp("The encoding of text inputs: utf-8, gb18030, gbk, big5, utf-16, utf-16le, utf-16be (default: UTF-8, or UTF-16 when a byte-order mark says so).", valueName: "name"))
    var encoding: InputEncoding?

    @Option(help: "What jsonl and json offsets count: scalar (Unicode code points, Python's text[start:end]), utf16 (code units, JavaScript), utf8 (bytes).")
    var offsets: OffsetUnit = .scalar

    @Flag(help: "Replace invalid UTF-8 (each maximal invalid byte sequence) and, in JSONL, unpaired \\uD800-\\uDFFF escapes with U+FFFD instead of rejecting the input; offsets then refer to the repaired text.")
    var lossy = false

    @Option(parsing: .unconditional, help: "Documents processed in parallel (default: the number of cores; at most 1024). Output stays in input order.", transform: ExtractCommand.parseJobs)
    var jobs: Int?

    /// Parses `--jobs`, capping it at 1024 (batch sizes are multiples of it,
    /// and `--jobs 9223372036854775807` used to overflow); `-1` is a value
    /// (rejected: must be ≥ 1), not a missing one.
    static func parseJobs(_ argument: String) throws -> Int {
        guard let value = Int(argument) else { throw ValidationError("--jobs must be a whole number ≥ 1, not '\(argument)'") }
        guard value >= 1 else { throw ValidationError("--jobs must be ≥ 1, not \(value)") }
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
        let source = DocumentSource(paths: paths, format: input, lossy: lossy, encoding: encoding)
        if format.writesDirectory, let output { try OutputDirectoryCheck.refuseInputs(of: source, in: output) }
        let sink = try makeSink()
        var writer = format.makeWriter(directory: output, offsets: offsets)
        try writer.begin(sink)
        var failures = FailureLog()
        var ids = DuplicateIDs()
        let progress = noProgress ? nil : ProgressReporter.forStandardError(totalBytes: source.totalInputBytes())
        let pipeline = BatchPipeline(extractor: extractor, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        try pipeline.run(source: source, onFailure: { failure in
            try sink.flush()
            progress?.clear()
            failures.report(failure)
        }, onResult: { document, entities in
            if let warning = ids.check(document) {
                progress?.clear()
                printError("medextract: warning: \(warning)")
            }
            do {
                try writer.write(document, entities: entities, to: sink)
            } catch let failure as OutputError where failure.documentOnly {
                progress?.clear()
                failures.report(InputFailure(path: failure.path, reason: failure.reason))
            }
            progress?.documentDone(byteCount: document.inputByteCount ?? document.byteCount)
        }, onWait: {
            // A stream that pauses: what it gave so far reaches the output now.
            try sink.flush()
        })
        try writer.end(sink)
        try sink.close()
        progress?.finish()
        failures.finish()
        if failures.count > 0 { throw ExitStatus.inputFailure }
    }

    /// Standard output, or the `--output` file for the stream formats.
    func makeSink() throws -> OutputSink {
        try openOutput(format.writesDirectory ? nil : output)
    }
}

extension StandardInputFormat: ExpressibleByArgument {}
