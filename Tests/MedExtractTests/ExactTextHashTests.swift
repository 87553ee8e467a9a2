import Testing
@testable import MedExtract

/// ``ExactText`` keys hash their bytes with ``ByteHash``: tables keyed by
/// them behave as tables keyed by the bytes, and the hash depends on every
/// byte, on the length and on the table's seed.
@Suite("Exact-text hashing")
struct ExactTextHashTests {
    /// Names of hospitals and places of 1 to 40 units, from a small alphabet
    /// so that many share prefixes and suffixes, as real names do.
    private static func names(count: Int, seed: UInt64) -> [String] {
        let alphabet = Array("市人民医院第一附属中心妇幼保健科北京上海省县区ab12 ")
        var random = SplitMix(state: seed)
        return (0 ..< count).map { _ in
            let length = Int(random.next() % 40) + 1
            return String((0 ..< length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
        }
    }

    private static func hash(_ string: String, seed: Int) -> Int {
        var bytes = Array(string.utf8)
        return bytes.withUnsafeMutableBufferPointer { ByteHash.hash(UnsafeBufferPointer($0), seed: seed) }
    }

    @Test func dictionariesKeyedByExactTextAgreeWithDictionariesKeyedByBytes() {
        let names = Self.names(count: 5_000, seed: 7)
        var exact: [ExactText: Int] = [:]
        var bytes: [[UInt8]: Int] = [:]
        for (i, name) in names.enumerated() {
            exact[ExactText(name), default: 0] += i
            bytes[Array(name.utf8), default: 0] += i
        }
        #expect(exact.count == bytes.count)
        for (key, value) in bytes {
            #expect(exact[ExactText(String(decoding: key, as: UTF8.self))] == value)
        }
        let set = Set(names.map(ExactText.init))
        #expect(set.count == bytes.count)
        #expect(!set.contains(ExactText("不在表中的名字")))
    }

    @Test func equalStringsHashEquallyWhateverTheirStorage() {
        // A small (inline) string and the same string built in a buffer.
        let small = "北京医院"
        var built = ""
        for character in small { built.append(character) }
        built.reserveCapacity(64)
        #expect(ExactText(small) == ExactText(built))
        #expect(ExactText(small).hashValue == ExactText(built).hashValue)
        #expect(ExactText(small)._rawHashValue(seed: 12345) == ExactText(built)._rawHashValue(seed: 12345))
    }

    @Test func everyByteTheLengthAndTheSeedChangeTheHash() {
        let base = Array("上海市第一人民医院附属".utf8) // 33 bytes: four words and a tail
        var flipped = 0
        for i in base.indices {
            for bit in 0 ..< 8 {
                var changed = base
                changed[i] ^= 1 << bit
                let a = base.withUnsafeBufferPointer { ByteHash.hash($0, seed: 1) }
                let b = changed.withUnsafeBufferPointer { ByteHash.hash($0, seed: 1) }
                if a != b { flipped += 1 }
            }
        }
        #expect(flipped == base.count * 8)
        // Trailing zero bytes and the seed.
        let zero: [UInt8] = [0x61, 0], zeros: [UInt8] = [0x61, 0, 0], one: [UInt8] = [0x61]
        let hashes = [zero, zeros, one].map { bytes in bytes.withUnsafeBufferPointer { ByteHash.hash($0, seed: 9) } }
        #expect(Set(hashes).count == 3)
        #expect(Self.hash("医院", seed: 1) != Self.hash("医院", seed: 2))
        #expect(ByteHash.hash(UnsafeBufferPointer(start: nil, count: 0), seed: 3) != ByteHash.hash(UnsafeBufferPointer(start: nil, count: 0), seed: 4))
    }

    /// The low bits a table's buckets use are spread: 20,000 distinct names
    /// in 4,096 buckets fill each with about 4.9; none holds more than 25.
    @Test func lowBitsAreSpreadOverBuckets() {
        let names = Array(Set(Self.names(count: 20_000, seed: 11)))
        var buckets = [Int](repeating: 0, count: 4_096)
        for name in names { buckets[Self.hash(name, seed: 0) & 4_095] += 1 }
        #expect(names.count > 15_000)
        #expect(buckets.max() ?? 0 <= 25)
        #expect(buckets.filter { $0 == 0 }.count < 200) // about 4.9 a bucket: e^-4.9 × 4,096 ≈ 30 empty
    }
}
