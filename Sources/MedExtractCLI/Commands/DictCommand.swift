import ArgumentParser
import Foundation
@_spi(Tooling) import MedExtract
import MedExtractTesting

/// `medextract dict`: check entity dictionaries.
struct DictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dict",
        abstract: "Check entity dictionaries (the built-in ones by default).",
        subcommands: [DictLintCommand.self, DictTestCommand.self]
    )
}

/// The dictionaries a `dict` subcommand works on: the files given, or the built-in ones.
struct DictionaryFiles: ParsableArguments {
    @Argument(help: "Dictionary files (TSV: surface, label, canonical, code). Default: the built-in dictionaries.")
    var files: [String] = []

    /// The sources to check, read as strict UTF-8.
    func sources() throws -> [DictionarySource] {
        do {
            if files.isEmpty {
                var sources: [DictionarySource] = []
                for name in BuiltinResources.entityDictionaryNames {
                    sources.append(DictionarySource(path: name, contents: try BuiltinResources.contents(of: name)))
                }
                return sources
            }
            var sources: [DictionarySource] = []
            for file in files { sources.append(DictionarySource(path: file, contents: try TextFile.read(file))) }
            return sources
        } catch {
            printError("medextract: \(error)")
            throw ExitStatus.inputFailure
        }
    }

    /// An extractor with the checked entries loaded: the default one for the
    /// built-in dictionaries; for files, the built-ins plus the files' well-formed
    /// entries as user entries (so malformed lines do not prevent the checks).
    func extractor(for sources: [DictionarySource]) throws -> MedExtractor {
        let configuration = files.isEmpty
            ? ExtractorConfiguration()
            : ExtractorConfiguration(userEntries: DictionaryLinter.entries(in: sources))
        do {
            let extractor = try MedExtractor(configuration: configuration)
            ExitWithoutTeardown.keep(extractor)
            return extractor
        } catch {
            printError("medextract: \(error)")
            throw ExitStatus.inputFailure
        }
    }
}

/// `medextract dict lint`: format errors, duplicates, conflicts, unnormalised and unreachable entries.
struct DictLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Report malformed lines, duplicates, conflicts, unnormalised and unreachable entries.",
        discussion: """
        Errors: malformed lines; one surface under two labels, or with two canonical forms, within a file \
        or across the files linted together. Warnings: exact duplicates; surfaces that normalisation \
        changes (full-width forms, inner spaces); entries that do not come out as themselves when \
        extracted alone in a neutral sentence (据介绍，X。), for example because a longer entry always \
        shadows them. Findings are printed as path:line: severity: message [kind]. Exit status 1 when \
        there is an error, 0 when there are only warnings.
        """
    )

    @OptionGroup var dictionaries: DictionaryFiles

    @Flag(help: "Skip the reachability check (no extractor is built).")
    var noReachability = false

    func run() throws {
        let sources = try dictionaries.sources()
        let extractor = noReachability ? nil : try dictionaries.extractor(for: sources)
        let findings = DictionaryLinter(extractor: extractor).lint(sources)
        let sink = OutputSink.standardOutput()
        for finding in findings { try sink.writeLine(finding.description) }
        try sink.close()
        let errors = findings.filter { $0.severity == .error }.count
        let entries = DictionaryLinter.entries(in: sources).count
        printError("medextract: \(entries) entries in \(sources.count) file(s): \(errors) error(s), \(findings.count - errors) warning(s)")
        if errors > 0 { throw ExitStatus.inputFailure }
    }
}

/// `medextract dict test`: every entry in neutral sentences must come out as itself.
struct DictTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Check that every entry, placed in neutral sentences, comes out as exactly itself.",
        discussion: """
        Each HOSPITAL, DEPARTMENT and PROCEDURE entry is placed in a few neutral sentence templates \
        (such as 据介绍，X。 and 记者近日从X获悉。) and must come out as exactly one entity with its span, \
        label and canonical form; an IGNORE entry must yield no entity. Dictionary files given on the \
        command line are loaded as user dictionaries on top of the built-in ones. Every failing sentence \
        is listed; exit status 1 if there is any.
        """
    )

    @OptionGroup var dictionaries: DictionaryFiles

    func run() throws {
        let sources = try dictionaries.sources()
        let lint = DictionaryLinter().lint(sources).filter { $0.kind == .malformed }
        for finding in lint { printError("medextract: \(finding)") }
        if !lint.isEmpty { throw ExitStatus.inputFailure }
        let entries = DictionaryLinter.entries(in: sources)
        let checker = DictionaryChecker(extractor: try dictionaries.extractor(for: sources))
        let sink = OutputSink.standardOutput()
        var failedEntries = 0
        var failedSentences = 0
        for entry in entries {
            let failures = checker.check([entry])
            guard !failures.isEmpty else { continue }
            failedEntries += 1
            failedSentences += failures.count
            for failure in failures { try sink.writeLine(failure.description) }
        }
        try sink.close()
        printError("medextract: \(entries.count - failedEntries) of \(entries.count) entries pass; \(failedEntries) fail (\(failedSentences) failing sentence(s))")
        if failedEntries > 0 { throw ExitStatus.inputFailure }
    }
}
