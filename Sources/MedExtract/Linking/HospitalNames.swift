import Dispatch
import Synchronization

/// The dictionaries' hospital names, read by the linking pass to give a
/// short form or a place-prefixed alias the canonical full name:
///
/// - an affiliated hospital's short form, the parent's abbreviation and an
///   ordinal (`西安交大一附院`, `昆医附二院`, `中山一院`), is the one dictionary
///   name `<university>附属第N医院` / `<university>第N附属医院` /
///   `<university>第N医院` whose university the abbreviation abbreviates
///   (same first character, its characters in order);
/// - a place or national prefix before a known name (`北京` + `301医院`,
///   `武汉` + `协和医院`) is the one dictionary hospital with that name, or
///   ending with it, that the prefix places (the caller checks the place).
///
/// The tables are built from the entries on first use, or on another
/// thread right after the extractor is built (``buildInBackground()``), not
/// while it is built, and then shared by every document.
final class HospitalNames: Sendable {
    /// The tables, built on first use.
    typealias Tables = HospitalNameTables

    /// One `<university><ordinal form>` full name.
    struct Affiliated: Sendable {
        var university: [UInt16]
        var ordinal: [UInt16]
        var form: OrdinalForm
        var name: String
    }

    /// How the ordinal is written in a full name.
    enum OrdinalForm: Int, Sendable {
        /// `附属第N医院`
        case affiliatedThenOrdinal = 0
        /// `第N附属医院`
        case ordinalThenAffiliated = 1
        /// `第N医院`
        case ordinalOnly = 2
    }

    /// Where the names come from.
    private enum Source: Sendable {
        case entries(EntryTable)
        case names([(surface: String, canonical: String?)])
        /// Tables read already (archived with the compiled lexicon).
        case tables
    }

    private let source: Source
    /// The tables when they were given (archived): read with no lock.
    private let given: Tables?
    /// The tables built on first use otherwise.
    private let tables: Mutex<Tables?>

    /// The HOSPITAL entries of a lexicon, decoded on first use.
    init(_ entries: EntryTable) {
        source = .entries(entries)
        given = nil
        tables = Mutex(nil)
    }

    /// Hospital names with their canonical names (nil: the surface itself).
    init(names: [(surface: String, canonical: String?)]) {
        source = .names(names)
        given = nil
        tables = Mutex(nil)
    }

    /// Tables built (or read from an archive) already.
    init(tables: Tables) {
        source = .tables
        given = tables
        self.tables = Mutex(nil)
    }

    private var names: [(surface: String, canonical: String?)] {
        switch source {
        case .names(let names):
            return names
        case .entries(let entries):
            var names: [(surface: String, canonical: String?)] = []
            // Only the two strings read (an entry's code and origin are not).
            for i in entries.indices where entries.label(at: i) == .entity(.hospital) {
                names.append(entries.surfaceAndCanonical(at: i))
            }
            return names
        case .tables:
            return []
        }
    }

    /// The tables, built the first time they are needed (a copy shares their storage).
    var current: Tables {
        if let given { return given }
        return tables.withLock { state in
            let built = state ?? Tables(names: names)
            state = built
            return built
        }
    }

    /// Starts building the tables on a global queue (a document that needs
    /// them meanwhile waits for that build, not for one of its own); nothing
    /// to do for tables read already.
    func buildInBackground() {
        if case .tables = source { return }
        DispatchQueue.global(qos: .utility).async { [self] in _ = current }
    }

    private func withTables<R>(_ body: (Tables) -> R) -> R { body(current) }

    /// The last four units of `units` (at least four) packed into one integer.
    static func tailKey(_ units: [UInt16]) -> UInt64 {
        let n = units.count
        return UInt64(units[n - 4]) << 48 | UInt64(units[n - 3]) << 32 | UInt64(units[n - 2]) << 16 | UInt64(units[n - 1])
    }

    static let yiyuan: [UInt16] = Array("医院".utf16)
    static let fushu: [UInt16] = Array("附属".utf16)
    static let di: UInt16 = 0x7B2C // 第
    static let fu: UInt16 = 0x9644 // 附
    static let yuan: UInt16 = 0x9662 // 院

    /// Whether `u` is a Chinese numeral of one to ten (`一` … `十`).
    static func isNumeral(_ u: UInt16) -> Bool {
        switch u {
        case 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341: true
        default: false
        }
    }

    /// `name` read as `<university><ordinal form>`, the university ending in `大学` or `学院`.
    static func affiliated(_ u: [UInt16], name: String) -> Affiliated? {
        // Most names have no organisation or do not end in 医院: nothing is
        // allocated for them.
        let length = HospitalRegistry.organizationPrefixLength(of: u)
        guard length > 0, u.count - length >= 4, u[u.count - 2] == yiyuan[0], u[u.count - 1] == yiyuan[1] else { return nil }
        let org = Array(u[..<length])
        var rest = Array(u[length...])
        rest.removeLast(2)
        var form = OrdinalForm.ordinalOnly
        if rest.starts(with: fushu) {
            form = .affiliatedThenOrdinal
            rest.removeFirst(2)
        } else if rest.count >= 2, rest.suffix(2).elementsEqual(fushu) {
            form = .ordinalThenAffiliated
            rest.removeLast(2)
        }
        guard rest.first == di else { return nil }
        rest.removeFirst()
        guard (1 ... 2).contains(rest.count), rest.allSatisfy(isNumeral) else { return nil }
        return Affiliated(university: org, ordinal: rest, form: form, name: name)
    }

    /// The full name of an affiliated short form (`X一附院`, `X附一院`,
    /// `X一院`), if exactly one dictionary name fits best.
    func expandAffiliated(_ short: [UInt16]) -> String? {
        guard short.count >= 4, short.last == Self.yuan else { return nil }
        var rest = Array(short.dropLast())
        var preferred = OrdinalForm.affiliatedThenOrdinal
        if rest.last == Self.fu {
            preferred = .ordinalThenAffiliated
            rest.removeLast()
        }
        var ordinal: [UInt16] = []
        while let last = rest.last, Self.isNumeral(last), ordinal.count < 2 {
            ordinal.insert(last, at: 0)
            rest.removeLast()
        }
        guard !ordinal.isEmpty else { return nil }
        if preferred == .affiliatedThenOrdinal, rest.last == Self.fu { rest.removeLast() }
        guard rest.count >= 2, let first = rest.first else { return nil }
        return withTables { t -> String? in
            var best: (rank: Int, length: Int, name: String)?
            var tied = false
            var units: [UInt16] = []
            for name in t.affiliatedNames(first: first) {
                units.removeAll(keepingCapacity: true)
                units.append(contentsOf: name.utf16)
                guard let a = Self.affiliated(units, name: name), a.ordinal == ordinal, Self.isSubsequence(rest, of: a.university) else { continue }
                let rank = a.form == preferred ? 0 : a.form == .ordinalOnly ? 2 : 1
                if let b = best {
                    if (rank, a.university.count) < (b.rank, b.length) {
                        best = (rank, a.university.count, a.name)
                        tied = false
                    } else if (rank, a.university.count) == (b.rank, b.length), a.name != b.name {
                        tied = true
                    }
                } else {
                    best = (rank, a.university.count, a.name)
                }
            }
            return tied ? nil : best?.name
        }
    }

    /// Whether the characters of `short` occur in `long` in order, the first at its start.
    static func isSubsequence(_ short: [UInt16], of long: [UInt16]) -> Bool {
        guard short.count < long.count, short.first == long.first else { return false }
        var i = 0
        for u in long where i < short.count && u == short[i] { i += 1 }
        return i == short.count
    }

    /// Whether `name` is a dictionary name (full name or alias).
    func isKnown(_ name: String) -> Bool {
        withTables { t in t.isFullName(name) || t.canonicalOf.value(for: name) != nil }
    }

    /// The canonical name of a dictionary alias.
    func canonical(of alias: String) -> String? {
        withTables { t in t.canonicalOf.value(for: alias) }
    }

    /// At most this many dictionary names ending with a name are compared.
    static let tailLimit = 400

    /// The names a prefixed `rest` may stand for: the canonical name when
    /// `rest` is an alias, else the full names that end with `rest` (none when
    /// too many do).
    func names(endingWith rest: [UInt16]) -> [String] {
        guard rest.count >= 4 else { return [] }
        let string = String(utf16Units: rest)
        return withTables { t -> [String] in
            if let c = t.canonicalOf.value(for: string) { return [c] }
            let rows = t.tailRows(for: Self.tailKey(rest))
            guard rows.count <= Self.tailLimit else { return [] }
            var tail = string
            return tail.withUTF8 { suffix in t.names(in: rows, endingWith: suffix) }
        }
    }

    /// Whether `name`'s UTF-8 bytes end with `suffix` and have more before
    /// it: `name.hasSuffix(…)` and longer, compared by bytes (the names and
    /// the text come from the same normaliser; see ``ExactText``). A valid
    /// UTF-8 suffix starts at a scalar boundary, so the part before is whole
    /// scalars.
    static func hasLongerByteSuffix(_ name: String, _ suffix: UnsafeBufferPointer<UInt8>) -> Bool {
        var name = name
        return name.withUTF8 { hasLongerByteSuffix($0, suffix) }
    }

    /// ``hasLongerByteSuffix(_:_:)`` of a name given by its UTF-8 bytes.
    static func hasLongerByteSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ suffix: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count > suffix.count else { return false }
        return MemoryCompare.equal(UnsafeBufferPointer(rebasing: bytes[(bytes.count - suffix.count)...]), suffix)
    }
}
