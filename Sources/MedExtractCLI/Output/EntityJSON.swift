@_spi(Tooling) import MedExtract

/// The JSON object of one entity, as JSONL output carries it:
/// `{"start", "end", "label", "text", "canonical", "code", "hospital",
/// "province", "city", "division", "kind", "value", "high", "second", "unit",
/// "qualifier"}` (links: an unknown link is omitted, which means null);
/// offsets are into the original document text (Unicode scalars unless
/// another ``OffsetUnit`` is asked for), end exclusive; absent attributes are
/// omitted.
///
/// Written as UTF-8 bytes straight into an output buffer (``append(_:span:to:)``),
/// so a document with many entities is never held as one string.
enum EntityJSON {
    /// One entity; `span` replaces its scalar offsets (other offset units).
    static func object(_ entity: Entity, span: Range<Int>? = nil) -> String {
        var out: [UInt8] = []
        append(entity, span: span, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one entity's object to `out`.
    static func append(_ entity: Entity, span: Range<Int>? = nil, to out: inout [UInt8]) {
        withUnsafePointer(to: entity) { append(at: $0, span: span, to: &out) }
    }

    /// Appends the object of the entity at `entity` to `out`. The entity is
    /// read through the pointer, field by field: passing it by value from a
    /// buffer of entities copied it whole (retaining and releasing each of
    /// its strings) for every object written.
    static func append(at entity: UnsafePointer<Entity>, span: Range<Int>? = nil, to out: inout [UInt8]) {
        let span = span ?? entity.pointee.scalarOffsets
        // Most objects: written on the stack, then copied once.
        let done = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: scratchSize) { buffer in
            guard var writer = ScratchWriter(buffer) else { return false }
            write(entity, span: span, to: &writer)
            guard !writer.failed else { return false }
            out.append(contentsOf: writer.written)
            return true
        }
        if !done { appendGenerally(entity, span: span, to: &out) }
    }

    /// The stack buffer of ``append(_:span:to:)``: room for an object with
    /// long names (a hospital, its canonical name, its links).
    static let scratchSize = 1024

    /// One entity's object, field by field, written by `w` (the stack
    /// buffer's writer or the appending one: the fields are listed once).
    static func write(_ entity: UnsafePointer<Entity>, span: Range<Int>, to w: inout some JSONPieceSink) {
        w.literal(#"{"start":"#)
        w.integer(span.lowerBound)
        w.literal(#","end":"#)
        w.integer(span.upperBound)
        // The label's name is written from a literal: the same bytes as
        // quoting its raw value, without making the string.
        switch entity.pointee.label {
        case .hospital: w.literal(#","label":"HOSPITAL","text":"#)
        case .department: w.literal(#","label":"DEPARTMENT","text":"#)
        case .procedure: w.literal(#","label":"PROCEDURE","text":"#)
        case .figure: w.literal(#","label":"FIGURE","text":"#)
        }
        w.quoted(entity.pointee.text)
        if let canonical = entity.pointee.attributes.canonical { w.literal(#","canonical":"#); w.quoted(canonical) }
        if let code = entity.pointee.attributes.code { w.literal(#","code":"#); w.quoted(code) }
        if entity.pointee.attributes.hasLinks {
            if let hospital = entity.pointee.attributes.hospital { w.literal(#","hospital":"#); w.quoted(hospital) }
            if let province = entity.pointee.attributes.province { w.literal(#","province":"#); w.quoted(province) }
            if let city = entity.pointee.attributes.city { w.literal(#","city":"#); w.quoted(city) }
            if let division = entity.pointee.attributes.division { w.literal(#","division":"#); w.quoted(division) }
        }
        if let figure = entity.pointee.attributes.figure {
            w.literal(#","kind":"#)
            w.quoted(figure.kind.rawValue)
            if let value = figure.value { w.literal(#","value":"#); w.number(value) }
            if let high = figure.high { w.literal(#","high":"#); w.number(high) }
            if let second = figure.second { w.literal(#","second":"#); w.number(second) }
            if let unit = figure.unit { w.literal(#","unit":"#); w.quoted(unit) }
            if let qualifier = figure.qualifier { w.literal(#","qualifier":"#); w.quoted(qualifier.rawValue) }
        }
        w.byte(UInt8(ascii: "}"))
    }

    /// One entity's object appended piece by piece, strings escaped as
    /// needed: the path for objects ``ScratchWriter`` refuses.
    static func appendGenerally(_ entity: UnsafePointer<Entity>, span: Range<Int>, to out: inout [UInt8]) {
        // `out` moved into the writer and back, not copied.
        var writer = AppendingWriter(bytes: [])
        swap(&writer.bytes, &out)
        write(entity, span: span, to: &writer)
        swap(&writer.bytes, &out)
    }

    /// `{"id": ..., "entities": [...]}` for one document.
    static func document(id: String, entities: [Entity], text: String = "", offsets: OffsetUnit = .scalar) -> String {
        let sink = OutputSink(collecting: Int.max)
        // A collecting sink never fails.
        try? write(id: id, entities: entities, text: text, offsets: offsets, to: sink)
        try? sink.flush()
        return sink.collectedText
    }

    /// Writes `{"id": ..., "entities": [...]}` for one document into `sink`,
    /// entity by entity (the sink flushes as its buffer fills).
    static func write(id: String, entities: [Entity], text: String, offsets: OffsetUnit, to sink: OutputSink) throws(OutputError) {
        try sink.append { out in
            appendLiteral(#"{"id":"#, to: &out)
            appendQuoted(id, to: &out)
            appendLiteral(#","entities":["#, to: &out)
        }
        let spans = offsets == .scalar ? nil : offsets.spans(of: entities, in: text)
        // Each entity read in place (not copied, with its strings, per
        // iteration); up to ``entitiesPerAppend`` objects a call to the sink
        // (each call is a closure and an access to its buffer), which
        // flushes between calls as its buffer fills.
        try entities.withUnsafeBufferPointer { (entities) throws(OutputError) in
            guard let first = entities.baseAddress else { return }
            var i = 0
            while i < entities.count {
                try sink.append { out in
                    let stop = min(entities.count, i + entitiesPerAppend)
                    while i < stop {
                        if i > 0 { out.append(UInt8(ascii: ",")) }
                        append(at: first + i, span: spans?[i], to: &out)
                        i += 1
                    }
                }
            }
        }
        try sink.append { $0.append(contentsOf: "]}".utf8) }
    }

    /// How many entity objects ``write(id:entities:text:offsets:to:)``
    /// hands the sink at a time (a few kilobytes past its flush size at most).
    static let entitiesPerAppend = 32

    /// The bytes of a literal, copied from the binary (no `String` view).
    @inline(__always)
    static func appendLiteral(_ literal: StaticString, to out: inout [UInt8]) {
        literal.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// A JSON number (``JSONText/number(_:)``): a whole value's digits
    /// written in place, any other through its shortest decimal string.
    static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            appendInteger(Int(value), to: &out)
        } else {
            out.append(contentsOf: JSONText.number(value).utf8)
        }
    }

    /// A decimal integer, without an intermediate string.
    static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        guard value != 0 else { out.append(UInt8(ascii: "0")); return }
        var v = value.magnitude
        if value < 0 { out.append(UInt8(ascii: "-")) }
        // The digits are written from the last, into room made for them
        // (reversing a slice of `out` copied it).
        var digits = 1
        var rest = v
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        var i = out.count
        while v > 0 {
            i -= 1
            out[i] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
        }
    }

    /// A JSON string literal (``JSONText/quoted(_:)``), straight as bytes
    /// when nothing in it needs escaping, else escaped byte by byte
    /// (``JSONStringEscaper/escape(_:mode:into:)``).
    static func appendQuoted(_ string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { bytes in
            out.append(0x22)
            if needsEscaping(bytes) {
                // Room for six bytes each (``JSONStringEscaper/escape(_:mode:into:)``), then trimmed.
                let start = out.count
                out.append(contentsOf: repeatElement(0, count: bytes.count * 6))
                let written = out.withUnsafeMutableBufferPointer { buffer -> Int in
                    guard let base = buffer.baseAddress else { return 0 }
                    return JSONStringEscaper.escape(bytes, mode: .compact, into: base + start)
                }
                out.removeLast(bytes.count * 6 - written)
            } else {
                out.append(contentsOf: bytes)
            }
            out.append(0x22)
        }
    }

    /// Whether the escaper rewrites anything in `bytes` (valid UTF-8): a
    /// control, `"`, `\`, U+2028 or U+2029. The eight-byte test
    /// (``mayNeedEscaping(_:)``) first; where it finds a byte 0xE2, which
    /// also leads `“”`, `—` and `…` (common in Chinese text), the escaper's
    /// own byte-by-byte test.
    @inline(__always)
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        mayNeedEscaping(bytes) && JSONStringEscaper.rewritesAny(bytes, mode: .compact)
    }

    /// Whether `bytes` hold a byte the escaper may rewrite: a control, `"`,
    /// `\`, or 0xE2 (the lead byte of U+2028 and U+2029). Eight bytes at a time.
    @inline(__always)
    static func mayNeedEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        var i = 0
        while i &+ 8 <= bytes.count {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let e2 = word ^ (ones &* 0xE2)
            if JSONLineFields.hasSpecialByte(word) || (e2 &- ones) & ~e2 & (ones &* 0x80) != 0 { return true }
            i &+= 8
        }
        while i < bytes.count {
            let b = base[i]
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 { return true }
            i &+= 1
        }
        return false
    }
}
