import MedExtract

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
