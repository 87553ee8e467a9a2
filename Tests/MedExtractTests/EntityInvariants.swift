import Testing
@testable import MedExtract

/// Checks that hold for every extraction result on every string.
enum EntityInvariants {
    /// Offsets in bounds, spans non-empty, sorted and non-overlapping, and each
    /// entity's text equal to the original text at its scalar offsets, its
    /// UTF-16 offsets and its `String.Index` range (scalar-aligned, not
    /// necessarily on `Character` boundaries: `宣武医院\u{301}`).
    static func check(_ entities: [Entity], in text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let scalars = Array(text.unicodeScalars)
        let utf16 = Array(text.utf16)
        var previousEnd = 0
        for entity in entities {
            let s = entity.scalarOffsets
            let u = entity.utf16Offsets
            guard s.lowerBound >= 0, s.upperBound <= scalars.count, u.lowerBound >= 0, u.upperBound <= utf16.count,
                  entity.range.lowerBound >= text.startIndex, entity.range.upperBound <= text.endIndex else {
                Issue.record("offsets out of bounds: \(s) \(u) in \(scalars.count) scalars", sourceLocation: sourceLocation)
                return
            }
            #expect(!s.isEmpty, "empty entity", sourceLocation: sourceLocation)
            #expect(s.lowerBound >= previousEnd, "entities unsorted or overlapping", sourceLocation: sourceLocation)
            previousEnd = s.upperBound
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[s])
            #expect(String(view) == entity.text, "scalar offsets disagree with text", sourceLocation: sourceLocation)
            #expect(String(decoding: utf16[u], as: UTF16.self) == entity.text, "UTF-16 offsets disagree with text", sourceLocation: sourceLocation)
            #expect(String(text.unicodeScalars[entity.range]) == entity.text, "range disagrees with text", sourceLocation: sourceLocation)
            #expect(String(text[entity.range]) == entity.text, "range disagrees with text", sourceLocation: sourceLocation)
            #expect(text.unicodeScalars.distance(from: text.startIndex, to: entity.range.lowerBound) == s.lowerBound, sourceLocation: sourceLocation)
            #expect(text.utf16.distance(from: text.startIndex, to: entity.range.upperBound) == u.upperBound, sourceLocation: sourceLocation)
        }
    }
}
