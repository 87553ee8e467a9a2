import Foundation

/// The scores of one label (or of all, micro-averaged), rounded to four
/// decimals the way `score.py` rounds them.
public struct LabelScore: Sendable, Hashable {
    /// `HOSPITAL` … `FIGURE`, or `ALL`.
    public var name: String
    /// Distinct gold spans.
    public var gold: Int
    /// Distinct predicted spans.
    public var predicted: Int
    /// Exact-match precision.
    public var precision: Double
    /// Exact-match recall.
    public var recall: Double
    /// Exact-match F1.
    public var f1: Double
    /// F1 when any overlap with a span of the same label counts.
    public var overlapF1: Double
}

/// A gold span the prediction missed or a predicted span not in the gold.
public struct ScoringError: Sendable, Hashable {
    /// Missed or spurious.
    public enum Kind: String, Sendable, Hashable {
        /// A gold span without an exact prediction.
        case missed
        /// A predicted span without an exact gold span.
        case spurious
    }

    /// Missed or spurious.
    public var kind: Kind
    /// The document id.
    public var documentID: String
    /// The span and label.
    public var key: ScoredEntity.Key
    /// The document text of the span.
    public var text: String
    /// The span with up to eight characters on each side.
    public var context: String
}

/// The result of scoring predictions against gold documents.
public struct EvaluationReport: Sendable, Hashable {
    /// The scores per label in the order HOSPITAL, DEPARTMENT, PROCEDURE, FIGURE, then ALL.
    public var scores: [LabelScore]
    /// FIGURE kind accuracy on exact matches (rounded to four decimals); `nil` when there are none.
    public var figureKindAccuracy: Double?
    /// Every miss and spurious span, document by document (misses first in each).
    public var errors: [ScoringError]

    /// The table `score.py` prints, line by line.
    public func tableLines() -> [String] {
        var lines = [PythonFormat.left("label", 11) + " " + PythonFormat.right("gold", 5) + " " + PythonFormat.right("pred", 5)
            + " " + PythonFormat.right("P", 7) + " " + PythonFormat.right("R", 7) + " " + PythonFormat.right("F1", 7)
            + " " + PythonFormat.right("overlapF1", 9)]
        for s in scores {
            lines.append(PythonFormat.left(s.name, 11) + " " + PythonFormat.right(String(s.gold), 5) + " "
                + PythonFormat.right(String(s.predicted), 5) + " " + PythonFormat.right(PythonFormat.fixed(s.precision, 3), 7) + " "
                + PythonFormat.right(PythonFormat.fixed(s.recall, 3), 7) + " " + PythonFormat.right(PythonFormat.fixed(s.f1, 3), 7) + " "
                + PythonFormat.right(PythonFormat.fixed(s.overlapF1, 3), 9))
        }
        if let accuracy = figureKindAccuracy {
            lines.append("FIGURE kind accuracy on exact matches: \(PythonFormat.fixed(accuracy, 3))")
        }
        return lines
    }

    /// The JSON object `score.py --json` prints (Python `json.dumps` layout).
    public func json() -> String {
        let objects = scores.map { s -> String in
            var fields = [
                "\"gold\": \(s.gold)", "\"pred\": \(s.predicted)",
                "\"precision\": \(PythonFormat.float(s.precision))", "\"recall\": \(PythonFormat.float(s.recall))",
                "\"f1\": \(PythonFormat.float(s.f1))", "\"overlap_f1\": \(PythonFormat.float(s.overlapF1))",
            ]
            if s.name == "FIGURE" {
                fields.append("\"kind_accuracy\": \(figureKindAccuracy.map(PythonFormat.float) ?? "null")")
            }
            return "\(PythonFormat.jsonString(s.name)): {" + fields.joined(separator: ", ") + "}"
        }
        return "{" + objects.joined(separator: ", ") + "}"
    }

    /// The first `limit` errors as `score.py --errors` prints them:
    /// `missed   doc LABEL      start-end 'text'   …context…`.
    public func errorLines(limit: Int) -> [String] {
        errors.prefix(max(0, limit)).map { e in
            PythonFormat.left(e.kind.rawValue, 8) + " " + e.documentID + " " + PythonFormat.left(e.key.label, 10) + " "
                + "\(e.key.start)-\(e.key.end) " + PythonFormat.left(PythonFormat.repr(e.text), 24)
                + " …" + e.context.replacingOccurrences(of: "\n", with: "⏎") + "…"
        }
    }
}
