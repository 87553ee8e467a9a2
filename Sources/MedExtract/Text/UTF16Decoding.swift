extension String {
    /// The string of UTF-16 code units `units`, each lone surrogate replaced
    /// by U+FFFD: the same string as `String(decoding: units, as: UTF16.self)`.
    ///
    /// The standard initialiser transcodes UTF-16 scalar by scalar through a
    /// generic path, about ten times slower than this loop, which writes the
    /// UTF-8 straight into the new string's storage. Entity names, surfaces
    /// and canonical forms are cut from the text's UTF-16 this way many times
    /// a document.
    init<Units: Collection<UInt16>>(utf16Units units: Units) {
        let count = units.count
        let (capacity, overflow) = count.multipliedReportingOverflow(by: 3)
        guard count > 0, !overflow else {
            self = count == 0 ? "" : String(decoding: units, as: UTF16.self)
            return
        }
        let decoded = units.withContiguousStorageIfAvailable { units in
            String(unsafeUninitializedCapacity: capacity) { out in Self.transcode(units, into: out) }
        }
        self = decoded ?? String(decoding: units, as: UTF16.self)
    }

    /// Writes `units` as UTF-8 into `out` (at least three bytes a unit) and
    /// returns the number of bytes written.
    private static func transcode(_ units: UnsafeBufferPointer<UInt16>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var o = 0
        var i = 0
        let n = units.count
        while i < n {
            let u = UInt32(units[i])
            i += 1
            if u < 0x80 {
                out[o] = UInt8(truncatingIfNeeded: u)
                o += 1
            } else if u < 0x800 {
                out[o] = UInt8(truncatingIfNeeded: 0xC0 | u >> 6)
                out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | u & 0x3F)
                o += 2
            } else if u & 0xF800 != 0xD800 {
                out[o] = UInt8(truncatingIfNeeded: 0xE0 | u >> 12)
                out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | (u >> 6) & 0x3F)
                out[o + 2] = UInt8(truncatingIfNeeded: 0x80 | u & 0x3F)
                o += 3
            } else if u < 0xDC00, i < n, units[i] & 0xFC00 == 0xDC00 {
                // A surrogate pair: four bytes for two units.
                let scalar = 0x10000 + ((u - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                i += 1
                out[o] = UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18)
                out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | (scalar >> 12) & 0x3F)
                out[o + 2] = UInt8(truncatingIfNeeded: 0x80 | (scalar >> 6) & 0x3F)
                out[o + 3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
                o += 4
            } else {
                // A lone surrogate: U+FFFD.
                out[o] = 0xEF
                out[o + 1] = 0xBF
                out[o + 2] = 0xBD
                o += 3
            }
        }
        return o
    }
}
