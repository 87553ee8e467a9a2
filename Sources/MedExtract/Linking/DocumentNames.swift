/// The distinct hospital names of one document, each numbered the first
/// time it is seen, with what the linking pass works out for each: its full
/// name, its institution's name (``DocumentLinker/linkName(_:units:)``), the
/// longest name the document uses for it (``LongestNames``), its mentions,
/// its place, whether it is a bare campus name.
///
/// A document names a few hospitals many times: each mention's name is
/// hashed once, to number it, and each answer is worked out once a name and
/// read by number after that (the pass kept four tables keyed by the names'
/// strings, and hashed a name five or six times a mention).
struct DocumentNames {
    /// A name's number, by its bytes.
    private var numbers: [ExactText: Int32]
    /// The names, by number.
    private(set) var strings: [String] = []
    /// The UTF-16 units of each name, made the first time they are asked for
    /// (``units(of:)``): the rules that read a name's units read them once
    /// a name, not once a call.
    private var unitCache: [[UInt16]?] = []
    /// What is known of each name, by number.
    var facts: [Facts] = []

    /// A number not worked out yet.
    static let unknown: Int32 = -2
    /// No such name.
    static let none: Int32 = -1

    /// What the pass has worked out for one name.
    struct Facts {
        /// The number of its full name (``DocumentLinker/fullName(of:hint:)``),
        /// ``DocumentNames/none`` for none, ``DocumentNames/unknown`` before it is asked.
        var full = DocumentNames.unknown
        /// The number of its institution name, or ``DocumentNames/unknown``.
        var link = DocumentNames.unknown
        /// The number of the longest name it stands for, or ``DocumentNames/unknown``.
        var longest = DocumentNames.unknown
        /// Mentions as an institution name, before and after the longest
        /// names are taken.
        var firstMentions: Int32 = 0
        var mentions: Int32 = 0
        /// Whether it is a campus written without its institution: 1 yes,
        /// 0 no, -1 not asked.
        var bareCampus: Int8 = -1
        /// Its place (``DocumentLinker/place(ofCode:in:)``), once worked out.
        var placement = Placement()
    }

    /// What ``DocumentLinker/place(ofCode:in:)`` gave for a name.
    struct Placement {
        /// Whether the place was worked out.
        var known = false
        var division: String?
        var province: String?
        var city: String?
    }

    /// An empty table with room for `capacity` names.
    init(capacity: Int) {
        numbers = Dictionary(minimumCapacity: capacity)
        strings.reserveCapacity(capacity)
        facts.reserveCapacity(capacity)
        unitCache.reserveCapacity(capacity)
    }

    /// The number of `name`, numbered now if it is new (one hash either way).
    mutating func number(of name: String) -> Int32 {
        let next = Int32(clamping: strings.count)
        let number = Self.read(&numbers[ExactText(name), default: next])
        if number == next {
            strings.append(name)
            facts.append(Facts())
            unitCache.append(nil)
        }
        return number
    }

    /// The UTF-16 units of name `number`, decoded once.
    mutating func units(of number: Int32) -> [UInt16] {
        let i = Int(number)
        if let known = unitCache[i] { return known }
        let units = [UInt16](utf16Of: strings[i])
        unitCache[i] = units
        return units
    }

    /// The value at `slot` (a dictionary's `subscript(_:default:)` read
    /// through its single lookup, which inserts the default when the key is new).
    private static func read(_ slot: inout Int32) -> Int32 { slot }

    /// The string of name `number`.
    subscript(number: Int32) -> String { strings[Int(number)] }
}
