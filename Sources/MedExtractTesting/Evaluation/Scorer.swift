import Foundation
import MedExtract

/// An entity as the scorer sees it: a labelled span and, for figures, a kind.
public struct ScoredEntity: Sendable, Hashable {
    /// Start, a Unicode-scalar offset into the document text.
    public var start: Int
    /// End (exclusive).
    public var end: Int
    /// The label as written (labels other than the four are ignored in predictions).
    public var label: String
    /// The figure kind (`count`, `date` …), if any.
    public var kind: String?

    /// Creates an entity.
    public init(start: Int, end: Int, label: String, kind: String? = nil) {
        self.start = start
        self.end = end
        self.label = label
        self.kind = kind
    }

    /// The entity the extractor returned.
    public init(_ entity: Entity) {
        self.init(start: entity.scalarOffsets.lowerBound, end: entity.scalarOffsets.upperBound,
                  label: entity.label.rawValue, kind: entity.attributes.figure?.kind.rawValue)
    }

    /// What identifies an entity when scoring: span and label.
    public struct Key: Sendable, Hashable {
        /// Start offset.
        public var start: Int
        /// End offset.
        public var end: Int
        /// Label.
        public var label: String
    }

    /// The scoring key of this entity.
    public var key: Key { Key(start: start, end: end, label: label) }
}

/// One gold document: id, raw text and its entities.
public struct GoldDocument: Sendable, Hashable {
    /// The document id.
    public var id: String
    /// The raw text.
    public var text: String
    /// The gold entities.
    public var entities: [ScoredEntity]

    /// Creates a gold document.
    public init(id: String, text: String, entities: [ScoredEntity]) {
        self.id = id
        self.text = text
        self.entities = entities
    }
}

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

/// Scores predictions against gold documents exactly as
/// `shared/eval/score.py` does: entities are compared as distinct
/// (start, end, label) triples; exact-match P/R/F1 per label and micro over
/// all; overlap F1 counts a gold (predicted) span as hit when a span of the
/// same label overlaps it; FIGURE kind accuracy on exact matches.
public enum Scorer {
    /// The scored labels, in report order.
    public static let labels = EntityLabel.allCases.map(\.rawValue)

    /// Scores `predictions` (document id → entities) against `gold`, in gold order.
    /// Predicted documents missing from the gold are ignored; gold documents
    /// missing from the predictions count as predicting nothing.
    public static func score(gold: [GoldDocument], predictions: [String: [ScoredEntity]]) -> EvaluationReport {
        struct Counts {
            var gold = 0, pred = 0, exact = 0, goldHit = 0, predHit = 0
            func adding(_ b: Counts) -> Counts {
                Counts(gold: gold + b.gold, pred: pred + b.pred, exact: exact + b.exact,
                       goldHit: goldHit + b.goldHit, predHit: predHit + b.predHit)
            }
        }
        var rows = [String: Counts]()
        for label in labels { rows[label] = Counts() }
        var kindOK = 0
        var kindN = 0
        var errors: [ScoringError] = []
        for document in gold {
            let text = Array(document.text.unicodeScalars)
            let goldSet = OrderedEntities(document.entities)
            let predSet = OrderedEntities((predictions[document.id] ?? []).filter { rows[$0.label] != nil })
            for label in labels {
                let g = goldSet.keys.filter { $0.label == label }
                let p = predSet.keys.filter { $0.label == label }
                rows[label]?.gold += g.count
                rows[label]?.pred += p.count
                rows[label]?.exact += p.filter { goldSet.values[$0] != nil }.count
                rows[label]?.goldHit += g.filter { a in p.contains { b in b.start < a.end && a.start < b.end } }.count
                rows[label]?.predHit += p.filter { b in g.contains { a in b.start < a.end && a.start < b.end } }.count
            }
            func error(_ kind: ScoringError.Kind, _ key: ScoredEntity.Key) -> ScoringError {
                ScoringError(kind: kind, documentID: document.id, key: key,
                             text: PythonFormat.slice(text, key.start, key.end),
                             context: PythonFormat.slice(text, max(0, key.start - 8), key.end + 8))
            }
            for key in goldSet.keys {
                if let predicted = predSet.values[key] {
                    if key.label == "FIGURE" {
                        kindN += 1
                        if predicted.kind == goldSet.values[key]?.kind { kindOK += 1 }
                    }
                } else {
                    errors.append(error(.missed, key))
                }
            }
            for key in predSet.keys where goldSet.values[key] == nil {
                errors.append(error(.spurious, key))
            }
        }
        let total = labels.compactMap { rows[$0] }.reduce(Counts()) { $0.adding($1) }
        let scores = (labels.map { ($0, rows[$0] ?? Counts()) } + [("ALL", total)]).map { name, r -> LabelScore in
            let p = r.pred > 0 ? Double(r.exact) / Double(r.pred) : 0
            let rc = r.gold > 0 ? Double(r.exact) / Double(r.gold) : 0
            let po = r.pred > 0 ? Double(r.predHit) / Double(r.pred) : 0
            let ro = r.gold > 0 ? Double(r.goldHit) / Double(r.gold) : 0
            return LabelScore(name: name, gold: r.gold, predicted: r.pred,
                              precision: PythonFormat.round(p, 4), recall: PythonFormat.round(rc, 4),
                              f1: PythonFormat.round(f1(p, rc), 4), overlapF1: PythonFormat.round(f1(po, ro), 4))
        }
        let accuracy = kindN > 0 ? PythonFormat.round(Double(kindOK) / Double(kindN), 4) : nil
        return EvaluationReport(scores: scores, figureKindAccuracy: accuracy, errors: errors)
    }

    /// `2pr / (p + r)`, evaluated in the same order as Python's `2 * p * r / (p + r)`.
    static func f1(_ p: Double, _ r: Double) -> Double {
        p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
}

/// Entities keyed by (start, end, label) like a Python dict built from a
/// list: the first occurrence fixes the position, the last one the value.
struct OrderedEntities {
    var keys: [ScoredEntity.Key] = []
    var values: [ScoredEntity.Key: ScoredEntity] = [:]

    init(_ entities: [ScoredEntity]) {
        for entity in entities {
            if values.updateValue(entity, forKey: entity.key) == nil { keys.append(entity.key) }
        }
    }
}
