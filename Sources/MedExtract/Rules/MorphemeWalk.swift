/// Walks left from a head over a run of morphemes (backward maximum matching):
/// at each position it takes the longest lexicon token ending there that the
/// caller accepts, so `脊柱微创骨科` is read `脊柱|微创|骨|科` from its suffix.
struct MorphemeWalk {
    /// Where the walk stopped (the start of the leftmost token taken).
    var start: Int
    /// How many tokens were taken.
    var tokens: Int
    /// How many of the tokens were substantive (see `walk`'s `isSubstantive`).
    var substantiveTokens = 0

    /// Walks left from `position`, taking tokens for which `accept` holds, and
    /// single connectors (`与`, `和`, `及`, `-`) only between two tokens.
    /// A connector is crossed only when the part left of it is at least two
    /// characters long and `isComplete` does not call it a whole name of its own
    /// (`妇产科和骨科` are two departments, `呼吸与危重症` is one name).
    static func walk(
        from position: Int, in context: RecognitionContext, maxLength: Int,
        accept: (LexiconMatch) -> Bool,
        isComplete: (LexiconMatch) -> Bool = { _ in false },
        isSubstantive: (LexiconMatch) -> Bool = { _ in true }
    ) -> MorphemeWalk {
        let units = context.units
        var p = position
        var tokens = 0
        var substantive = 0
        while p > 0 && position - p < maxLength {
            if let token = context.longestMatch(endingAt: p, where: accept) {
                p = token.start
                tokens += 1
                if isSubstantive(token) { substantive += 1 }
                continue
            }
            // A connector joins two morphemes: 呼吸与危重症, 医师-药师.
            if tokens > 0, p >= 3, isConnector(units[p - 1]),
               let token = context.longestMatch(endingAt: p - 1, where: accept),
               p - 1 - token.start >= 2, !isComplete(token) {
                p = token.start
                tokens += 1
                if isSubstantive(token) { substantive += 1 }
                continue
            }
            break
        }
        return MorphemeWalk(start: p, tokens: tokens, substantiveTokens: substantive)
    }

    static func isConnector(_ u: UInt16) -> Bool {
        u == 0x4E0E || u == 0x548C || u == 0x53CA || u == 0x2D // 与 和 及 -
    }
}
