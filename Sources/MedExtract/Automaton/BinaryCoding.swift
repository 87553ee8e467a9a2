/// Little-endian binary writing for compiled lexicons: fixed-width integers
/// and length-prefixed arrays of them, appended to one byte buffer.
struct ByteWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }

    /// A count (as `UInt32`) followed by the elements.
    mutating func writeArray<T: FixedWidthInteger>(_ values: [T]) {
        write(UInt32(truncatingIfNeeded: values.count))
        bytes.reserveCapacity(bytes.count + values.count * MemoryLayout<T>.size)
        for value in values { write(value) }
    }

    /// A count followed by the UTF-8 bytes.
    mutating func writeString(_ string: String) {
        writeArray(Array(string.utf8))
    }
}

/// Why a compiled lexicon could not be read.
struct ArchiveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, with the byte offset where it was noticed.
    var description: String
}

/// Reads what ``ByteWriter`` wrote, checking every length against the bytes
/// that remain: a truncated or corrupted archive throws, it never traps.
struct ByteReader {
    private let bytes: [UInt8]
    /// The read position.
    private(set) var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { offset == bytes.count }

    mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws(ArchiveError) -> T {
        let size = MemoryLayout<T>.size
        guard bytes.count - offset >= size else { throw ArchiveError(description: "truncated at byte \(offset)") }
        var value: T = 0
        for i in 0 ..< size { value |= T(truncatingIfNeeded: bytes[offset + i]) << (8 * i) }
        offset += size
        return value
    }

    mutating func readArray<T: FixedWidthInteger>(_: T.Type = T.self) throws(ArchiveError) -> [T] {
        let count = Int(try read(UInt32.self))
        let size = MemoryLayout<T>.size
        guard (bytes.count - offset) / size >= count else {
            throw ArchiveError(description: "array of \(count) elements overruns the archive at byte \(offset)")
        }
        let start = offset
        offset += count * size
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                #if _endian(little)
                // The archive's byte order is the machine's: one copy.
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start ..< start + count * size]))
                #else
                for i in 0 ..< count {
                    buffer[i] = T(littleEndian: raw.loadUnaligned(fromByteOffset: start + i * size, as: T.self))
                }
                #endif
            }
            initialized = count
        }
    }

    mutating func readString() throws(ArchiveError) -> String {
        let utf8: [UInt8] = try readArray()
        return String(decoding: utf8, as: UTF8.self)
    }
}

/// FNV-1a, 64 bits: a fast, stable fingerprint of the sources a compiled
/// lexicon was built from (not a cryptographic hash).
struct Fingerprint {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(_ bytes: some Sequence<UInt8>) {
        var h = value
        for byte in bytes {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        value = h
    }

    mutating func add(_ string: String) {
        add(string.utf8)
        add(CollectionOfOne(0))
    }
}
