import MedExtract

/// The JSON object of one entity, as JSONL output carries it:
/// `{"start", "end", "label", "text", "canonical", "code", "hospital",
/// "province", "city", "division", "kind", "value", "high", "unit", "qualifier"}`
/// (links: ANNOTATION.md, "Links"; an unknown link is omitted, which means null); offsets are Unicode-scalar offsets into the
/// original document text, end exclusive; absent attributes are omitted.
enum EntityJSON {
    static func object(_ entity: Entity) -> String {
        var out = "{\"start\":"
        out.reserveCapacity(96 + entity.text.utf8.count * 2)
        out += String(entity.scalarOffsets.lowerBound)
        out += ",\"end\":"
        out += String(entity.scalarOffsets.upperBound)
        out += ",\"label\":"
        out += JSONText.quoted(entity.label.rawValue)
        out += ",\"text\":"
        out += JSONText.quoted(entity.text)
        let a = entity.attributes
        if let canonical = a.canonical { out += ",\"canonical\":"; out += JSONText.quoted(canonical) }
        if let code = a.code { out += ",\"code\":"; out += JSONText.quoted(code) }
        if let hospital = a.hospital { out += ",\"hospital\":"; out += JSONText.quoted(hospital) }
        if let province = a.province { out += ",\"province\":"; out += JSONText.quoted(province) }
        if let city = a.city { out += ",\"city\":"; out += JSONText.quoted(city) }
        if let division = a.division { out += ",\"division\":"; out += JSONText.quoted(division) }
        if let figure = a.figure {
            out += ",\"kind\":"
            out += JSONText.quoted(figure.kind.rawValue)
            if let value = figure.value { out += ",\"value\":"; out += JSONText.number(value) }
            if let high = figure.high { out += ",\"high\":"; out += JSONText.number(high) }
            if let unit = figure.unit { out += ",\"unit\":"; out += JSONText.quoted(unit) }
            if let qualifier = figure.qualifier { out += ",\"qualifier\":"; out += JSONText.quoted(qualifier.rawValue) }
        }
        out += "}"
        return out
    }

    /// `{"id": ..., "entities": [...]}` for one document.
    static func document(id: String, entities: [Entity]) -> String {
        var out = "{\"id\":"
        out += JSONText.quoted(id)
        out += ",\"entities\":["
        for (i, entity) in entities.enumerated() {
            if i > 0 { out += "," }
            out += object(entity)
        }
        out += "]}"
        return out
    }
}
