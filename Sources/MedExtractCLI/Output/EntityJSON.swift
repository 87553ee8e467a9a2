import MedExtract

/// The JSON object of one entity, as JSONL output carries it:
/// `{"start", "end", "label", "text", "canonical", "code", "kind", "value",
/// "high", "unit", "qualifier"}`; offsets are Unicode-scalar offsets into the
/// original document text, end exclusive; absent attributes are omitted.
enum EntityJSON {
    static func object(_ entity: Entity) -> String {
        var fields: [String] = [
            "\"start\":\(entity.scalarOffsets.lowerBound)",
            "\"end\":\(entity.scalarOffsets.upperBound)",
            "\"label\":\(JSONText.quoted(entity.label.rawValue))",
            "\"text\":\(JSONText.quoted(entity.text))",
        ]
        let a = entity.attributes
        if let canonical = a.canonical { fields.append("\"canonical\":\(JSONText.quoted(canonical))") }
        if let code = a.code { fields.append("\"code\":\(JSONText.quoted(code))") }
        if let figure = a.figure {
            fields.append("\"kind\":\(JSONText.quoted(figure.kind.rawValue))")
            if let value = figure.value { fields.append("\"value\":\(JSONText.number(value))") }
            if let high = figure.high { fields.append("\"high\":\(JSONText.number(high))") }
            if let unit = figure.unit { fields.append("\"unit\":\(JSONText.quoted(unit))") }
            if let qualifier = figure.qualifier { fields.append("\"qualifier\":\(JSONText.quoted(qualifier.rawValue))") }
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// `{"id": ..., "entities": [...]}` for one document.
    static func document(id: String, entities: [Entity]) -> String {
        "{\"id\":\(JSONText.quoted(id)),\"entities\":[" + entities.map(object).joined(separator: ",") + "]}"
    }
}
