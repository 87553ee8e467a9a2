import ArgumentParser
import Foundation
import MedExtract
import MedExtractTesting

/// `medextract evaluate`: extract every document of a gold file and score
/// the result exactly as `shared/eval/score.py` does.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score the extractor against a gold JSONL file (same numbers and layout as score.py).",
        discussion: """
        GOLD is a JSONL file of {"id", "text", "entities": [{"start", "end", "label", "kind"}]} objects \
        (see ANNOTATION.md). Every document is extracted and compared with its gold entities: per label \
        and overall (micro), gold and predicted counts, exact-match precision, recall and F1 (same span \
        and label), the F1 when any overlap of the same label counts, and FIGURE kind accuracy on exact \
        matches. --errors N then lists the first N missed and spurious spans with their context. \
        --predictions scores a prediction file instead of running the extractor. --links LINKS also \
        scores the DEPARTMENT → hospital and HOSPITAL → province, city links (ANNOTATION.md, "Links") \
        as score_links.py does.
        """
    )

    @Argument(help: "The gold JSONL file.")
    var gold: String

    @Option(help: "List the first N missed and spurious spans with their context.")
    var errors: Int = 0

    @Flag(help: "Print the scores as one JSON object (as score.py --json).")
    var json = false

    @Option(help: ArgumentHelp("Score this prediction JSONL file ({\"id\", \"entities\"} lines) instead of extracting.", valueName: "file"))
    var predictions: String?

    @Option(help: ArgumentHelp("Also write the extractor's predictions as JSONL to this file (to feed score.py).", valueName: "file"))
    var savePredictions: String?

    @Option(help: ArgumentHelp("Also score entity links against this gold link JSONL file (same numbers and layout as score_links.py).", valueName: "file"))
    var links: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Documents processed in parallel (default: the number of cores).")
    var jobs: Int?

    @OptionGroup var extractorOptions: ExtractorOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if errors < 0 { throw ValidationError("--errors must not be negative") }
        if predictions != nil && savePredictions != nil {
            throw ValidationError("--save-predictions needs the extractor; it cannot be combined with --predictions")
        }
    }

    func run() throws {
        let documents: [GoldDocument]
        do {
            documents = try ScoringFiles.loadGold(gold)
        } catch {
            printError("medextract: \(error)")
            throw ExitStatus.inputFailure
        }
        let predicted: [String: [ScoredEntity]]
        var linkPredictions: [String: [LinkPrediction]] = [:]
        if let predictions {
            do {
                predicted = try ScoringFiles.loadPredictions(predictions)
            } catch {
                printError("medextract: \(error)")
                throw ExitStatus.inputFailure
            }
            if links != nil {
                do {
                    linkPredictions = try LinkScorer.loadPredictions(predictions)
                } catch {
                    printError("medextract: \(error)")
                    throw ExitStatus.inputFailure
                }
            }
        } else {
            predicted = try extract(documents, links: &linkPredictions)
        }
        let report = Scorer.score(gold: documents, predictions: predicted)
        let sink = try openOutput(output)
        if json {
            sink.writeLine(report.json())
        } else {
            for line in report.tableLines() { sink.writeLine(line) }
        }
        if let links {
            let scores: [LinkFieldScore]
            do {
                scores = LinkScorer.score(gold: try LinkScorer.loadGold(gold), links: try LinkScorer.loadLinks(links), predictions: linkPredictions)
            } catch {
                printError("medextract: \(error)")
                throw ExitStatus.inputFailure
            }
            if json {
                sink.writeLine(LinkScorer.json(scores))
            } else {
                for line in LinkScorer.tableLines(scores) { sink.writeLine(line) }
            }
        }
        for line in report.errorLines(limit: errors) { sink.writeLine(line) }
        sink.flush()
    }

    /// Runs the extractor over the gold documents (and saves the predictions when asked).
    func extract(_ documents: [GoldDocument], links: inout [String: [LinkPrediction]]) throws -> [String: [ScoredEntity]] {
        let extractor = try extractorOptions.makeExtractor()
        let pipeline = BatchPipeline(extractor: extractor, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let inputs = documents.map { InputDocument(id: $0.id, text: $0.text, origin: gold) }
        let results = pipeline.extractAll(inputs)
        if let savePredictions {
            let sink = try openOutput(savePredictions)
            for (document, entities) in zip(documents, results) {
                sink.writeLine(EntityJSON.document(id: document.id, entities: entities))
            }
            sink.flush()
        }
        var predicted: [String: [ScoredEntity]] = [:]
        for (document, entities) in zip(documents, results) {
            predicted[document.id] = entities.map(ScoredEntity.init)
            links[document.id] = entities.map(LinkPrediction.init)
        }
        return predicted
    }
}
