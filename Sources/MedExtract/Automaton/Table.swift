#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Memory that ``Table``s read: a file mapped into memory, or bytes the
/// memory allocated and owns. Freed (unmapped) when the last table reading
/// it goes away; never written after it is made.
final class TableMemory: @unchecked Sendable {
    /// The bytes; their start is aligned to 16 bytes (a page, when mapped).
    let bytes: UnsafeRawBufferPointer
    private let isMapped: Bool

    private init(bytes: UnsafeRawBufferPointer, isMapped: Bool) {
        self.bytes = bytes
        self.isMapped = isMapped
    }

    /// A copy of `source` in memory of its own.
    static func copying(_ source: UnsafeRawBufferPointer) -> TableMemory {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(source.count, 1), alignment: 16)
        if let base = source.baseAddress, source.count > 0 {
            copy.baseAddress?.copyMemory(from: base, byteCount: source.count)
        }
        return TableMemory(bytes: UnsafeRawBufferPointer(rebasing: copy[0 ..< source.count]), isMapped: false)
    }

    /// The file at `path` mapped read-only, or nil when it cannot be opened,
    /// is empty or cannot be mapped. Only the bundle's own resource files are
    /// mapped: a file cut short while mapped would fault, and those are not
    /// rewritten while a process reads them.
    static func mapping(path: String) -> TableMemory? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size > 0, let size = Int(exactly: status.st_size) else { return nil }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else { return nil }
        return TableMemory(bytes: UnsafeRawBufferPointer(start: address, count: size), isMapped: true)
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if isMapped {
            _ = munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }
}

/// A read-only table of plain values: a run of an archive's bytes read in
/// place (the built-in lexicon's automaton and pattern values are used
/// straight from the mapped file, with no copy to make at start-up), or a
/// copy of an array in memory of its own.
///
/// A value type: copies share the memory, which lives as long as any of them.
struct Table<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    /// Keeps `base` valid.
    private let memory: TableMemory?
    private let base: UnsafePointer<Element>?
    /// The number of elements.
    let count: Int

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    /// An empty table.
    init() {
        memory = nil
        base = nil
        count = 0
    }

    /// A table of `elements`, copied into memory of its own.
    init(_ elements: [Element]) {
        let memory = elements.withUnsafeBytes { TableMemory.copying($0) }
        self.memory = memory
        base = elements.isEmpty ? nil : memory.bytes.baseAddress?.assumingMemoryBound(to: Element.self)
        count = elements.isEmpty ? 0 : elements.count
    }

    /// `count` elements at byte `offset` of `memory`, read in place; the
    /// caller has checked that they fit and that `offset` is aligned for
    /// `Element`.
    init(memory: TableMemory, offset: Int, count: Int) {
        self.memory = memory
        base = count == 0 ? nil : memory.bytes.baseAddress.map { ($0 + offset).assumingMemoryBound(to: Element.self) }
        self.count = base == nil ? 0 : count
    }

    /// Element `index` (which must be in range, as for an array).
    @inline(__always)
    subscript(index: Int) -> Element {
        precondition(index >= 0 && index < count, "Table index out of range")
        return base.unsafelyUnwrapped[index]
    }

    /// Calls `body` with the elements as a buffer, valid during the call.
    @inline(__always)
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try withExtendedLifetime(memory) { try body(UnsafeBufferPointer(start: base, count: count)) }
    }
}

extension Table: Equatable where Element: Equatable {
    static func == (lhs: Table, rhs: Table) -> Bool {
        lhs.elementsEqual(rhs)
    }
}

extension Table: Hashable where Element: Hashable {
    func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for element in self { hasher.combine(element) }
    }
}
