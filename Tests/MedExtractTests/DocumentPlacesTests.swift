import Testing
@testable import MedExtract

@Suite("Document places")
struct DocumentPlacesTests {
    /// Mentions count for the division and its province and city; the
    /// dominant chain follows the counts, ties going to the smaller code.
    @Test func countsAncestorsAndBreaksTiesByCode() {
        var places = DocumentPlaces()
        #expect(places.isEmpty)
        #expect(places.dominantChain.isEmpty)
        for code in ["130433", "130433", "130400", "130102", "44", "4401", "4403"] { places.add(code) }
        #expect(!places.isEmpty)
        #expect(places.count("13") == 4)
        #expect(places.count("1304") == 3)
        #expect(places.count("130433") == 2)
        #expect(places.count("44") == 3)
        #expect(places.count("130433001") == 0) // townships are not counted on their own
        #expect(places.count("99") == 0)
        #expect(places.dominantChain == ["13", "1304", "130433"])
        #expect(places.dominant(length: 4, inside: "44") == "4401") // 4401 and 4403 tie
        #expect(places.dominant(length: 6, inside: "4401") == nil)
        #expect(places.dominant(length: 2, inside: "1304") == nil)
    }

    /// A nine-digit code counts for its province, city and county, and a code
    /// given as bytes counts as the same code given as a string.
    @Test func nineDigitCodesAndBytes() {
        var a = DocumentPlaces(), b = DocumentPlaces()
        a.add("110105001")
        var code = "110105001"
        code.withUTF8 { b.add(utf8: $0) }
        for places in [a, b] {
            #expect(places.count("11") == 1 && places.count("1101") == 1 && places.count("110105") == 1)
            #expect(places.dominantChain == ["11", "1101", "110105"])
        }
    }

    /// Codes with leading zeros keep them.
    @Test func leadingZerosSurvive() {
        var places = DocumentPlaces()
        places.add("0102")
        #expect(places.dominantChain == ["01", "0102"])
    }

    /// The open-addressing counts agree with a dictionary's through many
    /// growths, colliding keys included; zero is never counted.
    @Test func keyCountsAgreeWithADictionary() {
        var counts = KeyCounts()
        var expected: [UInt64: Int] = [:]
        var seed: UInt64 = 42
        for n in 0 ..< 5_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            // Few distinct keys early (repeats), more later; some differ only in high bits.
            let key = n % 3 == 0 ? (seed >> 60) + 1 : (seed >> 40) | (UInt64(n % 4) << 56)
            counts.increment(key)
            expected[key, default: 0] += 1
        }
        counts.increment(0)
        #expect(counts.count == expected.count)
        #expect(counts[0] == 0 && counts[UInt64.max] == 0)
        for (key, n) in expected { #expect(counts[key] == n) }
        var seen: [UInt64: Int] = [:]
        counts.forEach { seen[$0] = $1 }
        #expect(seen == expected)
        #expect(KeyCounts().isEmpty && KeyCounts()[7] == 0)
    }
}
