import Foundation
import MedExtract

/// One predicted entity as the link scorer sees it: span, label and links
/// (a missing link is `nil`, which means null).
public struct LinkPrediction: Sendable, Hashable {
    /// Start offset (Unicode scalars).
    public var start: Int
    /// End offset (exclusive).
    public var end: Int
    /// The label's name (`DEPARTMENT`, `HOSPITAL`, …).
    public var label: String
    /// A DEPARTMENT's hospital.
    public var hospital: String?
    /// A HOSPITAL's province.
    public var province: String?
    /// A HOSPITAL's city.
    public var city: String?

    /// Creates a prediction.
    public init(start: Int, end: Int, label: String, hospital: String? = nil, province: String? = nil, city: String? = nil) {
        self.start = start
        self.end = end
        self.label = label
        self.hospital = hospital
        self.province = province
        self.city = city
    }

    /// The prediction of an extracted entity.
    public init(_ entity: Entity) {
        self.init(
            start: entity.scalarOffsets.lowerBound, end: entity.scalarOffsets.upperBound, label: entity.label.rawValue,
            hospital: entity.attributes.hospital, province: entity.attributes.province, city: entity.attributes.city
        )
    }
}

/// A link file or gold file the link scorer cannot read: `path:line: reason`.
public struct LinkScoreError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// The 1-based line, or nil for the whole file.
    public var line: Int?
    /// What is wrong.
    public var reason: String

    /// `path:line: reason`.
    public var description: String { line.map { "\(path):\($0): \(reason)" } ?? "\(path): \(reason)" }
}

/// The scores of one link field (`DEPARTMENT.hospital`, …).
public struct LinkFieldScore: Sendable, Hashable {
    /// `LABEL.field`.
    public var name: String
    /// Gold entities of that label predicted exactly (span and label).
    public var judged: Int
    /// Share of judged entities whose predicted value equals the gold (null = null counts).
    public var accuracy: Double
    /// Precision over predicted non-null values.
    public var precision: Double
    /// Recall over judged gold non-null values.
    public var recall: Double
    /// F1 of the two.
    public var f1: Double
}

/// Link accuracy exactly as `shared/eval/score_links.py` computes and prints it.
public enum LinkScorer {
    /// The fields scored, in order.
    public static let fields: [(label: String, field: String)] = [("DEPARTMENT", "hospital"), ("HOSPITAL", "province"), ("HOSPITAL", "city")]

    struct Key: Hashable {
        var start: Int
        var end: Int
        var label: String
    }

    /// Gold link values of one document by span and label.
    public typealias GoldLinks = [String: [LinkPrediction]]

    /// Scores predictions against gold entities (`gold`: document id → spans)
    /// and gold links (`links`: document id → spans with values).
    public static func score(gold: [String: [LinkPrediction]], links: GoldLinks, predictions: [String: [LinkPrediction]]) -> [LinkFieldScore] {
        var judged = [Int](repeating: 0, count: fields.count)
        var right = judged, tp = judged, predNonNull = judged, goldNonNull = judged
        for (id, entities) in gold {
            var goldLinks: [Key: LinkPrediction] = [:]
            for link in links[id] ?? [] { goldLinks[Key(start: link.start, end: link.end, label: link.label)] = link }
            let goldKeys = Set(entities.map { Key(start: $0.start, end: $0.end, label: $0.label) })
            for entity in predictions[id] ?? [] {
                let key = Key(start: entity.start, end: entity.end, label: entity.label)
                guard goldKeys.contains(key), let goldLink = goldLinks[key] else { continue }
                for (i, f) in fields.enumerated() where f.label == entity.label {
                    let g = normalize(value(goldLink, f.field))
                    let p = normalize(value(entity, f.field))
                    let same = sameValue(f.field, g, p)
                    judged[i] += 1
                    if same { right[i] += 1 }
                    if p != nil {
                        predNonNull[i] += 1
                        if same { tp[i] += 1 }
                    }
                    if g != nil { goldNonNull[i] += 1 }
                }
            }
        }
        return fields.indices.map { i in
            let accuracy = judged[i] > 0 ? Double(right[i]) / Double(judged[i]) : 0
            let precision = predNonNull[i] > 0 ? Double(tp[i]) / Double(predNonNull[i]) : 0
            let recall = goldNonNull[i] > 0 ? Double(tp[i]) / Double(goldNonNull[i]) : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            return LinkFieldScore(
                name: "\(fields[i].label).\(fields[i].field)", judged: judged[i],
                accuracy: round4(accuracy), precision: round4(precision), recall: round4(recall), f1: round4(f1)
            )
        }
    }

    /// The report table, line by line, byte-identical to `score_links.py`'s.
    public static func tableLines(_ scores: [LinkFieldScore]) -> [String] {
        var lines = [pad("link", 20, left: true) + pad("judged", 7) + pad("acc", 8) + pad("P", 8) + pad("R", 8) + pad("F1", 8)]
        for s in scores {
            lines.append(pad(s.name, 20, left: true) + pad(String(s.judged), 7) + pad(fixed(s.accuracy, 3), 8)
                + pad(fixed(s.precision, 3), 8) + pad(fixed(s.recall, 3), 8) + pad(fixed(s.f1, 3), 8))
        }
        return lines
    }

    /// The scores as one JSON object, as `score_links.py --json` prints them.
    public static func json(_ scores: [LinkFieldScore]) -> String {
        let parts = scores.map { s in
            "\"\(s.name)\": {\"judged\": \(s.judged), \"accuracy\": \(float(s.accuracy)), \"precision\": \(float(s.precision)), \"recall\": \(float(s.recall)), \"f1\": \(float(s.f1))}"
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    // MARK: - Files

    /// The DEPARTMENT/HOSPITAL/… spans of a gold file (`{"id", "entities"}` lines).
    public static func loadGold(_ path: String) throws(LinkScoreError) -> [String: [LinkPrediction]] {
        try load(path, key: "entities")
    }

    /// The gold links of a link file (`{"id", "links"}` lines).
    public static func loadLinks(_ path: String) throws(LinkScoreError) -> GoldLinks {
        try load(path, key: "links")
    }

    /// The predicted entities and their links of a prediction file.
    public static func loadPredictions(_ path: String) throws(LinkScoreError) -> [String: [LinkPrediction]] {
        try load(path, key: "entities")
    }

    static func load(_ path: String, key: String) throws(LinkScoreError) -> [String: [LinkPrediction]] {
        let contents: String
        do {
            contents = try TextFile.read(path)
        } catch {
            throw LinkScoreError(path: path, line: nil, reason: "cannot read: \(error)")
        }
        var out: [String: [LinkPrediction]] = [:]
        var lineNumber = 0
        for line in contents.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) as? [String: Any] else {
                throw LinkScoreError(path: path, line: lineNumber, reason: "not a JSON object")
            }
            guard let id = object["id"] as? String else {
                throw LinkScoreError(path: path, line: lineNumber, reason: "missing or non-string \"id\"")
            }
            var items: [LinkPrediction] = []
            for item in object[key] as? [[String: Any]] ?? [] {
                guard let start = item["start"] as? Int, let end = item["end"] as? Int, let label = item["label"] as? String else {
                    throw LinkScoreError(path: path, line: lineNumber, reason: "an item of \"\(key)\" lacks start, end or label")
                }
                items.append(LinkPrediction(start: start, end: end, label: label, hospital: text(item["hospital"]), province: text(item["province"]), city: text(item["city"])))
            }
            out[id] = items
        }
        return out
    }

    static func text(_ value: Any?) -> String? {
        guard let value, !(value is NSNull) else { return nil }
        if let s = value as? String { return s }
        return "\(value)"
    }

    // MARK: - score_links.py's rules

    static func value(_ p: LinkPrediction, _ field: String) -> String? {
        switch field {
        case "hospital": p.hospital
        case "province": p.province
        default: p.city
        }
    }

    /// Whitespace removed, full-width ASCII folded; empty is null.
    static func normalize(_ value: String?) -> String? {
        guard let value else { return nil }
        var scalars = String.UnicodeScalarView()
        for s in value.unicodeScalars where !isPythonSpace(s) {
            if s.value >= 0xFF01 && s.value <= 0xFF5E, let folded = Unicode.Scalar(s.value - 0xFEE0) {
                scalars.append(folded)
            } else {
                scalars.append(s)
            }
        }
        return scalars.isEmpty ? nil : String(scalars)
    }

    /// Python's `str.isspace` for one scalar.
    static func isPythonSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09 ... 0x0D, 0x1C ... 0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2000 ... 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Equal, or for hospitals one name ends with the other and the longer
    /// adds at most 6 characters of place prefix.
    static func sameValue(_ field: String, _ gold: String?, _ predicted: String?) -> Bool {
        if gold == predicted { return true }
        guard field == "hospital", let gold, let predicted else { return false }
        let (short, long) = gold.unicodeScalars.count <= predicted.unicodeScalars.count ? (gold, predicted) : (predicted, gold)
        let s = Array(short.unicodeScalars), l = Array(long.unicodeScalars)
        return l.count - s.count <= 6 && Array(l.suffix(s.count)) == s
    }

    // MARK: - Python formatting

    static func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let n = s.unicodeScalars.count
        guard n < width else { return s }
        let spaces = String(repeating: " ", count: width - n)
        return left ? s + spaces : spaces + s
    }

    /// `f"{x:.Nf}"` (correctly rounded, as C's `%.Nf`).
    static func fixed(_ x: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", x)
    }

    /// `round(x, 4)`.
    static func round4(_ x: Double) -> Double {
        Double(fixed(x, 4)) ?? x
    }

    /// `repr(x)` of a float in [0, 1].
    static func float(_ x: Double) -> String {
        let s = "\(x)"
        return s.contains(".") || s.contains("e") ? s : s + ".0"
    }
}
