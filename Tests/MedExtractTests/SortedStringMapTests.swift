@testable import MedExtract
import Testing

/// The byte-sorted string map the archived hospital registry is searched in.
@Suite("Sorted string map")
struct SortedStringMapTests {
    static let pairs: [ExactText: String] = [
        ExactText("甲市人民医院"): "110101", ExactText("甲市人民医院东院"): "110102", ExactText("乙县医院"): "3501",
        ExactText("a"): "1", ExactText("ab"): "2", ExactText("b"): "1", ExactText("Z"): "9", ExactText(""): "0",
    ]

    @Test func findsEveryKeyAndNothingElse() {
        let map = SortedStringMap(Self.pairs)
        #expect(map.count == Self.pairs.count)
        for (key, value) in Self.pairs { #expect(map.value(for: key.string) == value, "\(key.string)") }
        for absent in ["甲市人民", "甲市人民医院西院", "乙县", "c", "aa", "A", "甲市人民医院 "] {
            #expect(map.value(for: absent) == nil, "\(absent)")
        }
        // Keys in byte order (a prefix first), values shared.
        #expect(map.pairs.map(\.key) == ["", "Z", "a", "ab", "b", "乙县医院", "甲市人民医院", "甲市人民医院东院"])
        #expect(SortedStringMap([:]).value(for: "a") == nil)
    }

    @Test func roundTripsThroughAnArchive() throws {
        var writer = ByteWriter()
        SortedStringMap(Self.pairs).write(to: &writer)
        var reader = ByteReader(memory: writer.bytes.withUnsafeBytes { TableMemory.copying($0) })
        let read = try SortedStringMap(reading: &reader)
        #expect(reader.isAtEnd)
        for (key, value) in Self.pairs { #expect(read.value(for: key.string) == value) }
    }

    /// Keys out of order would make the binary search miss some: the reader
    /// refuses them, and a value index out of range.
    @Test func refusesKeysOutOfOrderAndValuesOutOfRange() throws {
        var writer = ByteWriter()
        SortedStringMap([ExactText("a"): "1", ExactText("b"): "2"]).write(to: &writer)
        let bytes = writer.bytes
        // The key pool is "ab": swapping its bytes puts "b" before "a".
        guard let at = (0 ..< bytes.count - 1).first(where: { bytes[$0] == 0x61 && bytes[$0 + 1] == 0x62 }) else {
            Issue.record("no key pool in the archive")
            return
        }
        var swapped = bytes
        swapped.swapAt(at, at + 1)
        var reader = ByteReader(memory: swapped.withUnsafeBytes { TableMemory.copying($0) })
        #expect(throws: ArchiveError.self) { try SortedStringMap(reading: &reader) }
        // A value count that disagrees with the keys.
        var short = ByteWriter()
        SortedStringMap([ExactText("a"): "1"]).write(to: &short)
        var cut = ByteReader(memory: Array(short.bytes.dropLast(4)).withUnsafeBytes { TableMemory.copying($0) })
        #expect(throws: ArchiveError.self) { try SortedStringMap(reading: &cut) }
    }
}
