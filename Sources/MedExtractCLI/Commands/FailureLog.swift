/// Prints input failures on standard error, at most ``limit`` per file: a
/// file with thousands of bad lines shows the first 20, then one line with
/// the count of the others.
struct FailureLog {
    /// The most failures listed for one file.
    static let limit = 20

    /// All failures, listed or not.
    private(set) var count = 0
    private var perPath: [String: Int] = [:]
    /// Files over the limit, in the order they went over it.
    private var overflowing: [String] = []

    /// Counts a failure and prints it unless its file is over the limit.
    mutating func report(_ failure: InputFailure) {
        count += 1
        let seen = perPath[failure.path, default: 0] + 1
        perPath[failure.path] = seen
        if seen <= Self.limit {
            printError("medextract: \(failure)")
        } else if seen == Self.limit + 1 {
            overflowing.append(failure.path)
        }
    }

    /// Prints the count of unlisted failures of each file over the limit.
    func finish() {
        for path in overflowing {
            let more = perPath[path, default: 0] - Self.limit
            printError("medextract: \(path): \(more) more error\(more == 1 ? "" : "s") not shown (first \(Self.limit) listed)")
        }
    }
}
