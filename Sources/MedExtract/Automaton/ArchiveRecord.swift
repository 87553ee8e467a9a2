/// A plain value an archive stores as a fixed-size little-endian record
/// (``ByteWriter/writeTable(_:)``, ``ByteReader/readTable(_:)``). When the
/// record is exactly the type's memory layout, a table of them is read in
/// place, with no copy.
protocol ArchiveRecord: BitwiseCopyable {
    /// The size of one record in bytes.
    static var recordSize: Int { get }
    /// Whether a record is the type's memory layout on this machine (its
    /// fields at the record's offsets, little endian, `recordSize` the
    /// type's stride).
    static var layoutIsRecord: Bool { get }
    /// Appends the record (padding bytes zero).
    func writeRecord(to writer: inout ByteWriter)
    /// The record at byte `offset` of `raw` (any alignment).
    static func decodeRecord(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Self
}

/// Whether this machine stores integers little endian, as archives do.
private var isLittleEndian: Bool {
    #if _endian(little)
    true
    #else
    false
    #endif
}

extension Int32: ArchiveRecord {
    static var recordSize: Int { 4 }
    static var layoutIsRecord: Bool { isLittleEndian }
    func writeRecord(to writer: inout ByteWriter) { writer.write(self) }
    static func decodeRecord(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Int32 { raw.int32(offset) }
}

extension UInt32: ArchiveRecord {
    static var recordSize: Int { 4 }
    static var layoutIsRecord: Bool { isLittleEndian }
    func writeRecord(to writer: inout ByteWriter) { writer.write(self) }
    static func decodeRecord(_ raw: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}

extension UInt16: ArchiveRecord {
    static var recordSize: Int { 2 }
    static var layoutIsRecord: Bool { isLittleEndian }
    func writeRecord(to writer: inout ByteWriter) { writer.write(self) }
    static func decodeRecord(_ raw: UnsafeRawBufferPointer, at offset: Int) -> UInt16 {
        UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }
}

extension UInt64: ArchiveRecord {
    static var recordSize: Int { 8 }
    static var layoutIsRecord: Bool { isLittleEndian }
    func writeRecord(to writer: inout ByteWriter) { writer.write(self) }
    static func decodeRecord(_ raw: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}

extension UInt8: ArchiveRecord {
    static var recordSize: Int { 1 }
    static var layoutIsRecord: Bool { true }
    func writeRecord(to writer: inout ByteWriter) { writer.write(self) }
    static func decodeRecord(_ raw: UnsafeRawBufferPointer, at offset: Int) -> UInt8 { raw[offset] }
}

extension AhoCorasick.Cell: ArchiveRecord {
    static var recordSize: Int { 16 }
    static var layoutIsRecord: Bool {
        isLittleEndian && MemoryLayout<Self>.stride == 16
            && MemoryLayout<Self>.offset(of: \.base) == 0 && MemoryLayout<Self>.offset(of: \.check) == 4
            && MemoryLayout<Self>.offset(of: \.fail) == 8 && MemoryLayout<Self>.offset(of: \.output) == 12
    }

    func writeRecord(to writer: inout ByteWriter) {
        writer.write(base)
        writer.write(check)
        writer.write(fail)
        writer.write(output)
    }

    static func decodeRecord(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Self {
        Self(base: raw.int32(offset), check: raw.int32(offset + 4), fail: raw.int32(offset + 8), output: raw.int32(offset + 12))
    }
}

extension AhoCorasick.Output: ArchiveRecord {
    static var recordSize: Int { 12 }
    static var layoutIsRecord: Bool {
        isLittleEndian && MemoryLayout<Self>.stride == 12
            && MemoryLayout<Self>.offset(of: \.pattern) == 0 && MemoryLayout<Self>.offset(of: \.next) == 4
            && MemoryLayout<Self>.offset(of: \.length) == 8
    }

    func writeRecord(to writer: inout ByteWriter) {
        writer.write(pattern)
        writer.write(next)
        writer.write(length)
    }

    static func decodeRecord(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Self {
        Self(pattern: raw.int32(offset), next: raw.int32(offset + 4), length: raw.int32(offset + 8))
    }
}

extension LexiconValue: ArchiveRecord {
    /// `classes` (8 bytes), `entry`, `place`, `headOnlyPlace` (4 each),
    /// four zero bytes: the type's stride.
    static var recordSize: Int { 24 }
    static var layoutIsRecord: Bool {
        isLittleEndian && MemoryLayout<Self>.stride == 24
            && MemoryLayout<Self>.offset(of: \.classes) == 0 && MemoryLayout<Self>.offset(of: \.entry) == 8
            && MemoryLayout<Self>.offset(of: \.place) == 12 && MemoryLayout<Self>.offset(of: \.headOnlyPlace) == 16
    }

    func writeRecord(to writer: inout ByteWriter) {
        writer.write(classes)
        writer.write(entry)
        writer.write(place)
        writer.write(headOnlyPlace)
        writer.write(UInt32(0))
    }

    static func decodeRecord(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Self {
        Self(
            entry: raw.int32(offset + 8), place: raw.int32(offset + 12), headOnlyPlace: raw.int32(offset + 16),
            classes: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        )
    }
}
