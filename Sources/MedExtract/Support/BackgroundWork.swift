import Dispatch
import Synchronization

/// A throwing computation started on a global queue when created, whose
/// result the creator collects later with ``value()``, waiting for it if it
/// has not finished: independent parts of an extractor's construction run
/// at the same time on a machine with more than one core.
final class BackgroundWork<Value: Sendable>: Sendable {
    private let result = Mutex<Result<Value, MedExtractError>?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `work` on a global queue.
    init(_ work: @escaping @Sendable () throws(MedExtractError) -> Value) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let outcome: Result<Value, MedExtractError>
            do throws(MedExtractError) { outcome = .success(try work()) } catch { outcome = .failure(error) }
            result.withLock { $0 = outcome }
            finished.signal()
        }
    }

    /// The value `work` returned, or the error it threw, once it has finished.
    func value() throws(MedExtractError) -> Value {
        while true {
            if let outcome = result.withLock({ $0 }) { return try outcome.get() }
            // Set before the signal; signalled again for the next caller.
            finished.wait()
            finished.signal()
        }
    }
}
