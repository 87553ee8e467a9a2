import MedExtract
import Synchronization

/// Lets the process that is about to exit skip taking its extractor apart.
///
/// An extractor holds tens of thousands of table storages, strings and
/// dictionaries; releasing them when a command ends (about 6.6 M
/// instructions, on the main thread, after the last output) only to exit
/// right after is work nobody sees the result of: the operating system takes
/// the whole address space back at once. ``MedExtractCommand/main(_:)``,
/// which always exits, turns the retention on; ``MedExtractCommand/run(_:)``
/// (a command run inside a longer-lived process, as the tests do) leaves it
/// off, so that there every extractor is freed as usual.
enum ExitWithoutTeardown {
    /// Whether extractors are kept until the process exits.
    private static let enabled = Atomic<Bool>(false)
    /// The extractor kept (the latest one; an earlier one is freed when it is replaced).
    private static let kept = Mutex<MedExtractor?>(nil)

    /// From now on, keep the extractors ``keep(_:)`` is given until the
    /// process exits. Called only by the entry point that exits.
    static func enable() {
        enabled.store(true, ordering: .relaxed)
    }

    /// Keeps `extractor` alive until the process exits, when enabled;
    /// otherwise does nothing.
    static func keep(_ extractor: MedExtractor) {
        guard enabled.load(ordering: .relaxed) else { return }
        kept.withLock { $0 = extractor }
    }

    /// Whether an extractor is being kept (for tests).
    static var isKeeping: Bool { kept.withLock { $0 != nil } }
}
