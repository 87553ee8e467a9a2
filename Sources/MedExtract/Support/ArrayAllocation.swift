/// Short arrays allocated without the standard library's generic entry
/// points.
///
/// On Linux, `Array(repeating:count:)` and
/// `Array(unsafeUninitializedCapacity:initializingWith:)` allocate through a
/// function of the standard library that is not specialised for the element
/// type: it looks the storage class's type metadata up at run time, a few
/// hundred instructions an array (callgrind), more than filling a short one
/// costs. `reserveCapacity` is specialised in the caller, so the arrays made
/// per document, per entity and per name are allocated through it; arrays
/// longer than ``smallArrayLimit`` (a document's worth) keep the standard
/// initialisers, whose fixed cost is then small beside filling them.
extension Array {
    /// The longest array the helpers allocate through `reserveCapacity`.
    @inline(__always)
    static var smallArrayLimit: Int { 512 }

    /// `count` copies of `value`: the same as `init(repeating:count:)`, but
    /// empty for a negative `count` instead of a trap.
    @inline(__always)
    init(filledWith value: Element, count: Int) {
        guard count <= Self.smallArrayLimit else {
            self.init(repeating: value, count: count)
            return
        }
        self.init()
        guard count > 0 else { return }
        reserveCapacity(count)
        for _ in 0 ..< count { append(value) }
    }
}

extension Array where Element: BitwiseCopyable {
    /// `count` copies of `value`: the same as `init(repeating:count:)`,
    /// filled a block at a time (empty for a negative `count`).
    @inline(__always)
    init(filledWith value: Element, count: Int) {
        self = .initialized(capacity: count) { buffer in
            buffer.initialize(repeating: value)
            return buffer.count
        }
    }

    /// The elements `body` writes into a buffer of `capacity` elements,
    /// returning how many it wrote (clamped to `0 ... capacity`): the same as
    /// `init(unsafeUninitializedCapacity:initializingWith:)`. A short array
    /// is written on the stack and copied into storage of its exact size.
    @inline(__always)
    static func initialized(capacity: Int, by body: (UnsafeMutableBufferPointer<Element>) -> Int) -> [Element] {
        let capacity = Swift.max(capacity, 0)
        guard capacity <= smallArrayLimit else {
            return [Element](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = Swift.min(Swift.max(body(buffer), 0), capacity)
            }
        }
        return withUnsafeTemporaryAllocation(of: Element.self, capacity: capacity) { scratch in
            let written = Swift.min(Swift.max(body(scratch), 0), capacity)
            var array: [Element] = []
            array.reserveCapacity(written)
            array.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<written]))
            return array
        }
    }
}
