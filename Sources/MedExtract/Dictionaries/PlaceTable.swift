/// The gazetteer's places of a ``Lexicon``, by index.
///
/// Places of the precompiled built-in lexicon are kept as their gazetteer
/// lines' fields and become ``PlaceEntry`` values only when one is read, so
/// building an extractor does not grow with the gazetteer.
@_spi(Benchmarks) public struct PlaceTable: RandomAccessCollection, Sendable {
    /// The precompiled places, first in index order.
    let archived: ArchivedRows
    /// Places parsed at construction, after the archived ones.
    let compiled: [PlaceEntry]

    init(archived: ArchivedRows = ArchivedRows(), compiled: [PlaceEntry]) {
        self.archived = archived
        self.compiled = compiled
    }

    /// The first index (0).
    public var startIndex: Int { 0 }
    /// One past the last index.
    public var endIndex: Int { archived.count + compiled.count }

    /// Place `index`.
    public subscript(index: Int) -> PlaceEntry {
        index < archived.count ? archived.place(at: index) : compiled[index - archived.count]
    }

    /// The full name of place `index` (``PlaceEntry/canonical``), decoding
    /// only that field.
    func canonical(at index: Int) -> String {
        index < archived.count ? archived.canonical(at: index) : compiled[index - archived.count].canonical
    }

    /// The level and code of place `index` (``PlaceEntry/level``,
    /// ``PlaceEntry/code``), decoding only those fields.
    func levelAndCode(at index: Int) -> (level: PlaceLevel, code: String) {
        guard index < archived.count else {
            let place = compiled[index - archived.count]
            return (place.level, place.code)
        }
        return archived.levelAndCode(at: index)
    }
}

/// The data lines of a gazetteer file, stored as string indices per field
/// (read in place from a mapped archive).
struct ArchivedRows: Sendable {
    var strings = StringTable()
    /// `fieldStart[i] ..< fieldStart[i + 1]` are row `i`'s entries in `fields`.
    var fieldStart = Table<Int32>([0])
    /// String index of each field.
    var fields = Table<Int32>()
    /// The file line of each row.
    var line = Table<Int32>()
    /// The file the rows came from.
    var path = ""

    var count: Int { line.count }

    init() {}

    /// Stores the data rows of a gazetteer file.
    init(rows: [TSVReader.Row], path: String) {
        var builder = StringTableBuilder()
        var fieldStart: [Int32] = [0], fields: [Int32] = [], line: [Int32] = []
        for row in rows {
            for field in row.fields { fields.append(builder.add(String(field))) }
            fieldStart.append(Int32(fields.count))
            line.append(Int32(truncatingIfNeeded: row.line))
        }
        strings = builder.table
        self.fieldStart = Table(fieldStart)
        self.fields = Table(fields)
        self.line = Table(line)
        self.path = path
    }

    /// Row `i` parsed as a place. The rows were checked when the lexicon was
    /// compiled; a row that no longer parses (a damaged archive) gives a
    /// place named by its first field, so reading never traps.
    func place(at i: Int) -> PlaceEntry {
        let row = (Int(fieldStart[i]) ..< Int(fieldStart[i + 1])).map { Substring(strings.string(at: Int(fields[$0]))) }
        if let place = try? GazetteerFile.place(fields: row, path: path, line: Int(line[i])) { return place }
        let name = String(row.first ?? "")
        return PlaceEntry(surface: name, level: .county, canonical: name)
    }

    /// Row `i`'s canonical name as ``place(at:)`` gives it (the third field,
    /// else the surface), without parsing the rest of the row.
    func canonical(at i: Int) -> String {
        let first = Int(fieldStart[i]), end = Int(fieldStart[i + 1])
        guard end - first >= 3 && end - first <= 5 else { return place(at: i).canonical }
        let canonical = Substring(strings.string(at: Int(fields[first + 2]))).trimmingSpaces
        if !canonical.isEmpty { return String(canonical) }
        return String(Substring(strings.string(at: Int(fields[first]))).trimmingSpaces)
    }

    /// Row `i`'s level and code as ``place(at:)`` gives them, without
    /// making strings of the other fields.
    func levelAndCode(at i: Int) -> (level: PlaceLevel, code: String) {
        let first = Int(fieldStart[i]), end = Int(fieldStart[i + 1])
        guard end - first >= 3 && end - first <= 5,
              let level = PlaceLevel(rawValue: String(Substring(strings.string(at: Int(fields[first + 1]))).trimmingSpaces))
        else {
            let place = place(at: i)
            return (place.level, place.code)
        }
        let code = end - first > 3 ? String(Substring(strings.string(at: Int(fields[first + 3]))).trimmingSpaces) : ""
        return (level, code)
    }

    func write(to writer: inout ByteWriter) {
        strings.write(to: &writer)
        writer.writeTable(fieldStart)
        writer.writeTable(fields)
        writer.writeTable(line)
        writer.writeString(path)
    }

    init(reading reader: inout ByteReader) throws(ArchiveError) {
        strings = try StringTable(reading: &reader)
        fieldStart = try reader.readTable()
        fields = try reader.readTable()
        line = try reader.readTable()
        path = try reader.readString()
        guard fieldStart.count == line.count + 1, fieldStart.first == 0, Int(fieldStart.last ?? -1) == fields.count else {
            throw ArchiveError(description: "inconsistent gazetteer rows")
        }
        guard ArchiveChecks.isNondecreasing(fieldStart) else {
            let i = (1 ..< fieldStart.count).first { fieldStart[$0] < fieldStart[$0 - 1] } ?? 1
            throw ArchiveError(description: "inconsistent gazetteer row \(i - 1)")
        }
        guard ArchiveChecks.all(fields, from: 0, below: strings.count) else {
            throw ArchiveError(description: "gazetteer string index out of range")
        }
    }
}
