/// Where the pieces of a JSON object are written: ``ScratchWriter`` (a stack
/// buffer, refusing what it cannot write plainly) or ``AppendingWriter``
/// (an output array, escaping strings as needed). ``EntityJSON`` writes an
/// entity's fields once, for either.
protocol JSONPieceSink {
    /// One byte.
    mutating func byte(_ b: UInt8)
    /// The bytes of a literal.
    mutating func literal(_ literal: StaticString)
    /// A decimal integer.
    mutating func integer(_ value: Int)
    /// A JSON number (``JSONText/number(_:)``).
    mutating func number(_ value: Double)
    /// A JSON string literal.
    mutating func quoted(_ string: String)
}

extension ScratchWriter: JSONPieceSink {}

/// Appends JSON pieces to a byte array through ``EntityJSON``'s appending
/// functions (strings escaped as ``JSONText/quoted(_:)`` does).
struct AppendingWriter: JSONPieceSink {
    /// The bytes written so far.
    var bytes: [UInt8]

    mutating func byte(_ b: UInt8) { bytes.append(b) }
    mutating func literal(_ literal: StaticString) { EntityJSON.appendLiteral(literal, to: &bytes) }
    mutating func integer(_ value: Int) { EntityJSON.appendInteger(value, to: &bytes) }
    mutating func number(_ value: Double) { EntityJSON.appendNumber(value, to: &bytes) }
    mutating func quoted(_ string: String) { EntityJSON.appendQuoted(string, to: &bytes) }
}
