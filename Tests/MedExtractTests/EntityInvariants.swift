import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

/// Checks that hold for every extraction result on every string.
enum EntityInvariants {
    /// Offsets in bounds, spans non-empty, sorted and non-overlapping, and each
    /// entity's text equal to the original text at its scalar offsets, its
    /// UTF-16 offsets and its `String.Index` range (scalar-aligned, not
    /// necessarily on `Character` boundaries: `宣武医院\u{301}`). Records one
    /// issue for the first entity that breaks one (cheap on 50,000 entities).
    static func check(_ entities: [Entity], in text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let problem = firstProblem(entities, in: text) {
            Issue.record("\(problem)", sourceLocation: sourceLocation)
        }
    }

    /// A description of the first broken invariant, or nil.
    static func firstProblem(_ entities: [Entity], in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        let utf16 = Array(text.utf16)
        var previousEnd = 0
        var lastIndex = text.startIndex
        var scalarOffset = 0
        var utf16Offset = 0
        for (i, entity) in entities.enumerated() {
            let s = entity.scalarOffsets
            let at = "entity \(i) \(entity.label) \(s) \(entity.text.debugDescription)"
            guard s.lowerBound >= 0, s.upperBound <= scalars.count else {
                return "\(at): out of bounds (\(scalars.count) scalars, \(utf16.count) UTF-16 units)"
            }
            if s.isEmpty { return "\(at): empty" }
            if s.lowerBound < previousEnd { return "\(at): unsorted or overlapping the previous entity" }
            previousEnd = s.upperBound
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[s])
            if String(view) != entity.text { return "\(at): scalar offsets give \(String(view).debugDescription)" }
            // Walk on from the previous entity (linear in the text, not quadratic)
            // to the String.Index range and UTF-16 offsets of the span.
            let unicode = text.unicodeScalars
            let lower = unicode.index(lastIndex, offsetBy: s.lowerBound - scalarOffset)
            let upper = unicode.index(lower, offsetBy: s.count)
            utf16Offset += text.utf16.distance(from: lastIndex, to: lower)
            let u = utf16Offset ..< utf16Offset + text.utf16.distance(from: lower, to: upper)
            lastIndex = lower
            scalarOffset = s.lowerBound
            let fromUTF16 = String(decoding: utf16[u], as: UTF16.self)
            if fromUTF16 != entity.text { return "\(at): UTF-16 offsets \(u) give \(fromUTF16.debugDescription)" }
            if String(text.unicodeScalars[lower ..< upper]) != entity.text || String(text[lower ..< upper]) != entity.text {
                return "\(at): String.Index range gives \(String(text[lower ..< upper]).debugDescription)"
            }
        }
        return nil
    }
}
