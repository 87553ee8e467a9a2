@_spi(Tooling) import MedExtract

/// Writes JSON pieces into a fixed block of memory (a stack buffer) with
/// plain stores, so that an entity's object reaches the output buffer in one
/// copy instead of a dozen growing appends.
///
/// Each write checks the room left; a write that does not fit, or a string
/// that has no contiguous UTF-8, sets ``failed`` and writes nothing more: the caller then
/// writes the object the general way. What it writes when it does not fail
/// is byte for byte what ``EntityJSON``'s appending functions write.
struct ScratchWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// The bytes written so far.
    private(set) var count = 0
    /// Whether a write did not fit or a string needs the general path.
    private(set) var failed = false

    /// A writer over `buffer` (its bytes need not be initialised); nil for
    /// a buffer without storage.
    init?(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        guard let start = buffer.baseAddress else { return nil }
        base = start
        capacity = buffer.count
    }

    /// The bytes written, valid while the buffer is.
    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Makes room for `n` more bytes, or fails.
    @inline(__always)
    private mutating func room(_ n: Int) -> Bool {
        guard !failed, n <= capacity &- count else {
            failed = true
            return false
        }
        return true
    }

    /// One byte.
    @inline(__always)
    mutating func byte(_ b: UInt8) {
        guard room(1) else { return }
        base[count] = b
        count &+= 1
    }

    /// Bytes copied as they are.
    @inline(__always)
    mutating func bytes(_ source: UnsafeBufferPointer<UInt8>) {
        guard room(source.count) else { return }
        if let from = source.baseAddress { Self.copy(from, to: base + count, count: source.count) }
        count &+= source.count
    }

    /// Copies `n` bytes from `source` to `target` (not overlapping): a
    /// short run (the pieces of an object: keys, names, numbers) with a few
    /// word loads and stores, the first and last words overlapping, instead
    /// of a call to `memcpy` for each; a long one with `memcpy`. Reads and
    /// writes only the `n` bytes.
    @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count n: Int) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        if n >= 8 {
            guard n <= 64 else {
                target.update(from: source, count: n)
                return
            }
            var i = 0
            while i &+ 8 < n {
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: i, as: UInt64.self), toByteOffset: i, as: UInt64.self)
                i &+= 8
            }
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self), toByteOffset: n &- 8, as: UInt64.self)
        } else if n >= 4 {
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = from.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: n &- 4, as: UInt32.self)
        } else if n >= 2 {
            let head = from.loadUnaligned(as: UInt16.self)
            let tail = from.loadUnaligned(fromByteOffset: n &- 2, as: UInt16.self)
            to.storeBytes(of: head, as: UInt16.self)
            to.storeBytes(of: tail, toByteOffset: n &- 2, as: UInt16.self)
        } else if n == 1 {
            target[0] = source[0]
        }
    }

    /// The bytes of a literal.
    @inline(__always)
    mutating func literal(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes($0) }
    }

    /// A decimal integer (``EntityJSON/appendInteger(_:to:)``): its length
    /// found by comparisons, its digits written two at a time from a table
    /// of the pairs `00` to `99` (one division by 100 for every two digits).
    mutating func integer(_ value: Int) {
        var v = value.magnitude
        var digits = 1
        var limit: UInt = 10
        while v >= limit {
            digits &+= 1
            guard limit <= UInt.max / 10 else { break }
            limit &*= 10
        }
        let sign = value < 0 ? 1 : 0
        guard room(sign &+ digits) else { return }
        if sign == 1 { base[count] = UInt8(ascii: "-") }
        let pairs = Self.digitPairs.utf8Start
        var i = count &+ sign &+ digits
        while v >= 100 {
            let pair = Int(truncatingIfNeeded: v % 100) &* 2
            v /= 100
            i &-= 2
            base[i] = pairs[pair]
            base[i &+ 1] = pairs[pair &+ 1]
        }
        if v >= 10 {
            let pair = Int(truncatingIfNeeded: v) &* 2
            base[i &- 2] = pairs[pair]
            base[i &- 1] = pairs[pair &+ 1]
        } else {
            base[i &- 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v)
        }
        count &+= sign &+ digits
    }

    /// `00`, `01`, … `99`, each two ASCII digits.
    private static var digitPairs: StaticString { """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """ }

    /// A JSON number (``EntityJSON/appendNumber(_:to:)``).
    mutating func number(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            integer(Int(value))
        } else {
            // ASCII digits, sign, point, exponent or `null`: never escaped.
            var text = JSONText.number(value)
            text.withUTF8 { bytes($0) }
        }
    }

    /// A string in quotes: copied when none of its bytes needs escaping,
    /// escaped as ``JSONText/quoted(_:)`` escapes (``JSONStringEscaper/escape(_:mode:into:)``)
    /// when one does; when its UTF-8 is not contiguous the writer fails.
    mutating func quoted(_ string: String) {
        guard !failed else { return }
        let done: Bool? = string.utf8.withContiguousStorageIfAvailable { utf8 in
            if !EntityJSON.needsEscaping(utf8) {
                guard room(utf8.count &+ 2) else { return false }
                base[count] = 0x22
                if let from = utf8.baseAddress { Self.copy(from, to: base + (count &+ 1), count: utf8.count) }
                base[count &+ 1 &+ utf8.count] = 0x22
                count &+= utf8.count &+ 2
                return true
            }
            // At most six bytes for each (`\u001f`), and the quotes.
            guard room(utf8.count &* 6 &+ 2) else { return false }
            base[count] = 0x22
            let written = JSONStringEscaper.escape(utf8, mode: .compact, into: base + (count &+ 1))
            base[count &+ 1 &+ written] = 0x22
            count &+= written &+ 2
            return true
        }
        if done != true { failed = true }
    }
}
