// Texts built to find super-linear paths: long chains of entity heads, long
// runs without punctuation, digits, dictionary prefixes everywhere.

@_spi(Benchmarks) import MedExtract

/// The kinds of adversarial document of `Adversarial/*`. Each is built at
/// its full size and at a quarter of it (``AdversarialText/sizes``): if the
/// time per MB of the two differs, the cost is not linear in the length.
enum AdversarialText: CaseIterable {
    /// `北京` followed by `医院` repeated (1 MB): every head could extend the
    /// hospital name before it.
    case chainedHeads
    /// ASCII digits, `0123456789` repeated (one million): one number, 1 MB
    /// long, for the figure rules.
    case digits
    /// The ideographs of the seeds in order with every non-ideograph removed
    /// (100,000, about 300 KB): one clause without punctuation.
    case ideographsWithoutPunctuation
    /// Characters each of which is the first character of a built-in
    /// dictionary entry, in a seeded random order (1 MB): a dictionary match
    /// could start at every position.
    case entryFirstCharacters

    /// The full size and a quarter of it, in the unit of ``name(size:)``.
    var sizes: [Int] {
        switch self {
        case .chainedHeads, .entryFirstCharacters: [250_000, 1_000_000]
        case .digits: [250_000, 1_000_000]
        case .ideographsWithoutPunctuation: [25_000, 100_000]
        }
    }

    /// The benchmark name of the document of `size`.
    func name(size: Int) -> String {
        switch self {
        case .chainedHeads: "chained heads 北京医院医院… \(Self.bytes(size))"
        case .digits: "\(Self.grouped(size)) ASCII digits"
        case .ideographsWithoutPunctuation: "\(Self.grouped(size)) ideographs without punctuation"
        case .entryFirstCharacters: "every character starts an entry \(Self.bytes(size))"
        }
    }

    /// The document of `size`: UTF-8 bytes for chained heads and entry first
    /// characters, digits, ideographs.
    func text(size: Int) -> String {
        switch self {
        case .chainedHeads:
            return "北京" + String(repeating: "医院", count: (size - 6) / 6)
        case .digits:
            return String(String(repeating: "0123456789", count: size / 10 + 1).prefix(size))
        case .ideographsWithoutPunctuation:
            let ideographs = corpus.ideographs
            var scalars = String.UnicodeScalarView()
            for i in 0 ..< size { scalars.append(ideographs[i % ideographs.count]) }
            return String(scalars)
        case .entryFirstCharacters:
            let starts = Self.entryFirstScalars(of: extractor.lexicon)
            var random = SeededSequence()
            var scalars = String.UnicodeScalarView()
            var length = 0
            while true {
                let scalar = starts[random.next(starts.count)]
                guard length + UTF8.width(scalar) <= size else { break }
                scalars.append(scalar)
                length += UTF8.width(scalar)
            }
            return String(scalars)
        }
    }

    /// A size in bytes as `250 KB` or `1 MB` (decimal units).
    static func bytes(_ n: Int) -> String {
        n >= 1_000_000 && n % 1_000_000 == 0 ? "\(n / 1_000_000) MB" : "\(n / 1000) KB"
    }

    /// `n` with thousands separated by commas (`1,000,000`).
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var result = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }

    /// The distinct first scalars of the surfaces of `lexicon`'s entity
    /// dictionary entries (built-in plus any MEDEXTRACT_BENCH_DICTIONARIES),
    /// sorted; stops the run when there is none.
    static func entryFirstScalars(of lexicon: Lexicon) -> [Unicode.Scalar] {
        var seen = Set<Unicode.Scalar>()
        for entry in lexicon.entries {
            if let first = entry.surface.unicodeScalars.first { seen.insert(first) }
        }
        precondition(!seen.isEmpty, "the lexicon has no entries")
        return seen.sorted { $0.value < $1.value }
    }
}
