import Foundation
import Testing
@testable import MedExtractCLI
@testable import MedExtractTesting

/// The scorer against a hand-made gold file and hand-made predictions
/// (Fixtures/eval_small.*.jsonl), so the numbers do not depend on how good
/// the recognisers are today.
///
/// Worked out by hand (distinct span+label triples; a pred document `zzz`
/// not in the gold is ignored; a pred entity labelled DRUG is ignored; a
/// duplicated pred entity counts once; gold document `e` has no predictions):
///
/// | label      | gold | pred | exact | gold hit | pred hit | P      | R      | F1     | overlap F1 |
/// |------------|------|------|-------|----------|----------|--------|--------|--------|------------|
/// | HOSPITAL   | 3    | 3    | 2     | 2        | 2        | 2/3    | 2/3    | 2/3    | 2/3        |
/// | DEPARTMENT | 2    | 2    | 1     | 2        | 2        | 1/2    | 1/2    | 1/2    | 1          |
/// | PROCEDURE  | 2    | 3    | 1     | 2        | 2        | 1/3    | 1/2    | 0.4    | 0.8        |
/// | FIGURE     | 4    | 4    | 3     | 4        | 4        | 3/4    | 3/4    | 3/4    | 1          |
/// | ALL        | 11   | 12   | 7     | 10       | 10       | 7/12   | 7/11   | 98/161 | 20/23      |
///
/// FIGURE kinds on the 3 exact matches: count=count, count≠duration, age=age → 2/3.
@Suite("evaluate: scoring like score.py")
struct EvaluationTests {
    @Test func unreadableGoldFileNamesThePathOnce() {
        let path = "/nonexistent/medextract-gold.jsonl"
        do {
            _ = try ScoringFiles.loadGold(path)
            Issue.record("a missing gold file must throw")
        } catch {
            #expect(error.description == "\(path): cannot read: no such file")
            #expect(error.line == nil)
        }
    }

    static let fixtures = Bundle.module.resourceURL?.appendingPathComponent("Fixtures")

    func report() throws -> EvaluationReport {
        let directory = try #require(Self.fixtures)
        let gold = try ScoringFiles.loadGold(directory.appendingPathComponent("eval_small.gold.jsonl").path)
        let predictions = try ScoringFiles.loadPredictions(directory.appendingPathComponent("eval_small.pred.jsonl").path)
        return Scorer.score(gold: gold, predictions: predictions)
    }

    @Test func countsAndRoundedScoresMatchTheHandComputation() throws {
        let report = try report()
        #expect(report.scores.map(\.name) == ["HOSPITAL", "DEPARTMENT", "PROCEDURE", "FIGURE", "ALL"])
        #expect(report.scores.map(\.gold) == [3, 2, 2, 4, 11])
        #expect(report.scores.map(\.predicted) == [3, 2, 3, 4, 12])
        #expect(report.scores.map(\.precision) == [0.6667, 0.5, 0.3333, 0.75, 0.5833])
        #expect(report.scores.map(\.recall) == [0.6667, 0.5, 0.5, 0.75, 0.6364])
        #expect(report.scores.map(\.f1) == [0.6667, 0.5, 0.4, 0.75, 0.6087])
        #expect(report.scores.map(\.overlapF1) == [0.6667, 1.0, 0.8, 1.0, 0.8696])
        #expect(report.figureKindAccuracy == 0.6667)
    }

    @Test func tableLayoutIsScorePys() throws {
        let expected = """
        label        gold  pred       P       R      F1 overlapF1
        HOSPITAL        3     3   0.667   0.667   0.667     0.667
        DEPARTMENT      2     2   0.500   0.500   0.500     1.000
        PROCEDURE       2     3   0.333   0.500   0.400     0.800
        FIGURE          4     4   0.750   0.750   0.750     1.000
        ALL            11    12   0.583   0.636   0.609     0.870
        FIGURE kind accuracy on exact matches: 0.667
        """
        #expect(try report().tableLines().joined(separator: "\n") == expected)
    }

    @Test func jsonIsScorePys() throws {
        let expected = #"{"HOSPITAL": {"gold": 3, "pred": 3, "precision": 0.6667, "recall": 0.6667, "f1": 0.6667, "overlap_f1": 0.6667}, "#
            + #""DEPARTMENT": {"gold": 2, "pred": 2, "precision": 0.5, "recall": 0.5, "f1": 0.5, "overlap_f1": 1.0}, "#
            + #""PROCEDURE": {"gold": 2, "pred": 3, "precision": 0.3333, "recall": 0.5, "f1": 0.4, "overlap_f1": 0.8}, "#
            + #""FIGURE": {"gold": 4, "pred": 4, "precision": 0.75, "recall": 0.75, "f1": 0.75, "overlap_f1": 1.0, "kind_accuracy": 0.6667}, "#
            + #""ALL": {"gold": 11, "pred": 12, "precision": 0.5833, "recall": 0.6364, "f1": 0.6087, "overlap_f1": 0.8696}}"#
        #expect(try report().json() == expected)
    }

    @Test func errorsInDocumentOrderMissesFirstWithContext() throws {
        let lines = try report().errorLines(limit: 100)
        #expect(lines.count == 9)
        #expect(lines.first == "missed   a PROCEDURE  9-11 'CT'                     …城大医院骨科开展CT检查2例。…")
        #expect(lines[1] == "spurious a PROCEDURE  9-13 'CT检查'                   …城大医院骨科开展CT检查2例。…")
        #expect(lines[2] == "missed   b FIGURE     19-23 '约5万元'                   …，住院3天，费用约5万元。…")
        #expect(lines.last == "missed   e HOSPITAL   3-8 '长治二\\n院'                 …据悉，长治二⏎院引进设备。…")
        #expect(try report().errorLines(limit: 2).count == 2)
        #expect(try report().errorLines(limit: 0).isEmpty)
    }

    @Test func emptyPredictionsScoreZeroAndNoKindAccuracy() throws {
        let directory = try #require(Self.fixtures)
        let gold = try ScoringFiles.loadGold(directory.appendingPathComponent("eval_small.gold.jsonl").path)
        let report = Scorer.score(gold: gold, predictions: [:])
        #expect(report.scores.last?.gold == 11)
        #expect(report.scores.allSatisfy { $0.predicted == 0 && $0.f1 == 0 && $0.overlapF1 == 0 })
        #expect(report.figureKindAccuracy == nil)
        #expect(report.json().contains(#""kind_accuracy": null"#))
        #expect(!report.tableLines().contains { $0.hasPrefix("FIGURE kind") })
        #expect(report.errors.count == 11)
    }

    @Test func pythonReprAndRounding() {
        #expect(PythonFormat.repr("医院") == "'医院'")
        #expect(PythonFormat.repr("it's") == "\"it's\"")
        #expect(PythonFormat.repr("a'b\"c") == "'a\\'b\"c'")
        #expect(PythonFormat.repr("北京\u{3000}协和\t\u{A0}\u{200B}\\") == "'北京\\u3000协和\\t\\xa0\\u200b\\\\'")
        #expect(PythonFormat.round(0.03125, 4) == 0.0312)   // tie: half to even, as Python
        #expect(PythonFormat.round(2.0 / 3.0, 4) == 0.6667)
        #expect(PythonFormat.fixed(0.6667, 3) == "0.667")
        #expect(PythonFormat.fixed(0.0005, 3) == "0.001")  // 0.0005 is slightly above the tie in binary
        #expect(PythonFormat.float(0.0001) == "0.0001")
        #expect(PythonFormat.float(1.0) == "1.0")
        #expect(PythonFormat.float(0) == "0.0")
        #expect(PythonFormat.left("医院", 5) == "医院   ")
        #expect(PythonFormat.slice(Array("abcdef".unicodeScalars), -3, 10) == "def")
    }

    @Test func evaluateCommandWritesTheReport() throws {
        let directory = try #require(Self.fixtures)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("medextract-eval-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let status = MedExtractCommand.run([
            "evaluate", directory.appendingPathComponent("eval_small.gold.jsonl").path,
            "--predictions", directory.appendingPathComponent("eval_small.pred.jsonl").path, "--errors", "2", "--output", output,
        ])
        #expect(status == 0)
        let report = try report()
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written == (report.tableLines() + report.errorLines(limit: 2)).map { $0 + "\n" }.joined())
        #expect(MedExtractCommand.run(["evaluate", "/nonexistent/gold.jsonl"]) == 1)
        #expect(MedExtractCommand.run(["evaluate", "x.jsonl", "--errors", "-1"]) == 2)
    }
}
