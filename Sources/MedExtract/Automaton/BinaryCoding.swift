import Foundation

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

    /// A count (as `UInt32`), zeros up to the next multiple of 16 bytes,
    /// then the records: read in place by ``ByteReader/readTable(_:)``.
    mutating func writeTable<T: ArchiveRecord>(_ values: some Collection<T>) {
        write(UInt32(truncatingIfNeeded: values.count))
        while bytes.count % 16 != 0 { bytes.append(0) }
        bytes.reserveCapacity(bytes.count + values.count * T.recordSize)
        for value in values { value.writeRecord(to: &self) }
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
///
/// The bytes are a ``TableMemory``, so a file mapped into memory is read in
/// place: ``readTable(_:)`` hands out views of it, ``readArray(_:)`` copies
/// an array once, straight from the mapping.
struct ByteReader {
    /// The archive's bytes, kept alive by the tables read from them.
    let memory: TableMemory
    private var bytes: UnsafeRawBufferPointer { memory.bytes }
    /// The read position.
    private(set) var offset = 0

    init(memory: TableMemory) {
        self.memory = memory
    }

    /// A reader of a copy of `data`.
    init(_ data: Data) {
        self.init(memory: data.withUnsafeBytes { TableMemory.copying($0) })
    }

    /// A reader of a copy of `bytes`.
    init(_ bytes: [UInt8]) {
        self.init(memory: bytes.withUnsafeBytes { TableMemory.copying($0) })
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { offset == bytes.count }

    /// A table written by ``ByteWriter/writeTable(_:)``: a view of the
    /// archive's bytes when the records are the type's memory layout (on a
    /// little-endian machine), else decoded into a table of its own.
    mutating func readTable<T: ArchiveRecord>(_: T.Type = T.self) throws(ArchiveError) -> Table<T> {
        let count = Int(try read(UInt32.self))
        let padding = (16 - offset % 16) % 16
        let size = T.recordSize
        guard bytes.count - offset >= padding, (bytes.count - offset - padding) / size >= count else {
            throw ArchiveError(description: "table of \(count) records overruns the archive at byte \(offset)")
        }
        offset += padding
        let start = offset
        offset += count * size
        // The memory starts 16-byte aligned, so the records are aligned too.
        if T.layoutIsRecord, size == MemoryLayout<T>.stride, MemoryLayout<T>.alignment <= 16 {
            return Table(memory: memory, offset: start, count: count)
        }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start ..< start + count * size])
        return Table((0 ..< count).map { T.decodeRecord(raw, at: $0 * size) })
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws(ArchiveError) -> T {
        let size = MemoryLayout<T>.size
        guard bytes.count - offset >= size else { throw ArchiveError(description: "truncated at byte \(offset)") }
        let start = offset
        var value: T = 0
        for i in 0 ..< size { value |= T(truncatingIfNeeded: bytes[start + i]) << (8 * i) }
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
        let raw = bytes
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            #if _endian(little)
            // The archive's byte order is the machine's: one copy.
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start ..< start + count * size]))
            #else
            for i in 0 ..< count {
                buffer[i] = T(littleEndian: raw.loadUnaligned(fromByteOffset: start + i * size, as: T.self))
            }
            #endif
            initialized = count
        }
    }

    mutating func readString() throws(ArchiveError) -> String {
        let utf8: [UInt8] = try readArray()
        return String(decoding: utf8, as: UTF8.self)
    }
}

/// A fast, stable 64-bit fingerprint of the sources a compiled lexicon was
/// built from (not a cryptographic hash): every construction of an extractor
/// computes it over the built-in files (about 6 MB), so it reads eight bytes
/// at a time into four independent lanes (multiply, rotate) instead of one
/// byte at a time (FNV-1a's chain of multiplications took about 9 ms).
///
/// Each ``add(_:)`` is hashed with its length: the value depends on the
/// sequence of calls, not only on the concatenated bytes.
struct Fingerprint {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (
        0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x85EB_CA77_C2B2_AE63
    )
    /// An odd 64-bit multiplier.
    private static var prime: UInt64 { 0x22BF_EB33_4B90_D7AF }

    /// The fingerprint of everything added so far.
    var value: UInt64 {
        var h = lanes.0
        for lane in [lanes.1, lanes.2, lanes.3] { h = Self.mix(h ^ Self.rotate(lane, 23)) }
        // Final avalanche (SplitMix64's).
        h ^= h >> 30
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 27
        h = h &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }

    @inline(__always)
    private static func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { x << k | x >> (64 - k) }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 { rotate(x &* prime, 29) }

    /// Adds a run of bytes.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        let count = bytes.count
        while i + 32 <= count {
            lanes.0 = Self.mix(lanes.0 ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            lanes.1 = Self.mix(lanes.1 ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)))
            lanes.2 = Self.mix(lanes.2 ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)))
            lanes.3 = Self.mix(lanes.3 ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)))
            i += 32
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
            if shift == 64 {
                lanes.0 = Self.mix(lanes.0 ^ tail)
                tail = 0
                shift = 0
            }
        }
        lanes.1 = Self.mix(lanes.1 ^ tail)
        lanes.2 = Self.mix(lanes.2 ^ UInt64(count))
    }

    /// Adds a string's UTF-8 bytes.
    mutating func add(_ string: String) {
        var string = string
        string.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }
}
