import ArgumentParser
import Foundation
import MedExtract

/// Options that shape the extractor, shared by the subcommands that extract.
struct ExtractorOptions: ParsableArguments {
    @Option(name: .customLong("dictionary"), help: ArgumentHelp("An extra dictionary file (TSV: surface, label, canonical, code); repeatable. Its entries win over built-ins.", valueName: "file"))
    var dictionaries: [String] = []

    @Option(name: .customLong("labels"), help: ArgumentHelp("The labels to report, comma-separated (default: all of HOSPITAL,DEPARTMENT,PROCEDURE,FIGURE); repeatable, the lists are merged.", valueName: "list"))
    var labels: [String] = []

    func validate() throws {
        _ = try enabledLabels()
    }

    func enabledLabels() throws -> Set<EntityLabel> {
        guard !labels.isEmpty else { return Set(EntityLabel.allCases) }
        var set: Set<EntityLabel> = []
        for list in labels {
            let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !names.isEmpty else {
                throw ValidationError("--labels '\(list)' names no label (expected a comma-separated list of HOSPITAL, DEPARTMENT, PROCEDURE, FIGURE)")
            }
            for name in names {
                guard let label = EntityLabel(name: name) else {
                    throw ValidationError("unknown label '\(name)' in --labels (expected HOSPITAL, DEPARTMENT, PROCEDURE, FIGURE)")
                }
                set.insert(label)
            }
        }
        return set
    }

    /// Builds the extractor or reports why not (exit status 1).
    func makeExtractor() throws -> MedExtractor {
        let configuration = ExtractorConfiguration(
            userDictionaries: dictionaries.map { URL(fileURLWithPath: $0) },
            enabledLabels: try enabledLabels()
        )
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
