/// Opens a command's output sink, reporting a failure on standard error and
/// turning it into exit status 1 (the Output layer knows nothing of exit
/// statuses; the commands do).
func openOutput(_ path: String?) throws -> OutputSink {
    do {
        return try OutputSink.create(path)
    } catch {
        printError("medextract: \(error)")
        throw ExitStatus.inputFailure
    }
}
