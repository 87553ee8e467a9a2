import ArgumentParser
import Foundation
@_spi(Tooling) import MedExtract

/// The `medextract` command.
public struct MedExtractCommand: ParsableCommand {
    /// The command's name, abstract and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "medextract",
        abstract: "Find hospitals, departments, medical procedures and figures in Chinese medical and health-news text.",
        discussion: """
        Exit status: 0 when every input was processed; 1 when some input could not be read or parsed \
        (the others are still processed, each failure is reported on standard error as path:line: reason); \
        2 on a usage error.
        """,
        version: "0.1.0",
        subcommands: [ExtractCommand.self, EvaluateCommand.self, DictCommand.self, FixturesCommand.self]
    )

    /// Creates the command (used by ArgumentParser).
    public init() {}

    /// Runs the command line in `arguments` (default: the process's) and
    /// exits with the documented status.
    public static func main(_ arguments: [String]? = nil) -> Never {
        reserveStandardDescriptors()
        MemoryTuning.returnLargeBuffersWhenFreed()
        // This process exits right after the command: its extractor is not taken apart first.
        ExitWithoutTeardown.enable()
        // The commands that build an extractor with the built-in
        // dictionaries: their loading starts on the other core now and
        // overlaps the parsing of the arguments.
        if let command = (arguments ?? Array(CommandLine.arguments.dropFirst())).first, Self.extractorCommands.contains(command) {
            MedExtractor.beginLoadingBuiltinDictionaries()
        }
        let status = run(arguments)
        Foundation.exit(status)
    }

    /// The subcommands that build an extractor with the built-in dictionaries.
    static let extractorCommands: Set<String> = ["extract", "evaluate", "fixtures"]

    /// Runs a command line and returns the exit status instead of exiting.
    public static func run(_ arguments: [String]?) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let code as ExitCode {
            return code.rawValue
        } catch let failure as OutputError {
            if failure.isBrokenPipe { stopOnBrokenPipe() }
            printError("medextract: \(failure)")
            return 1
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return 0
            }
            printError(fullMessage(for: error))
            return code == .validationFailure ? 2 : code.rawValue
        }
    }
}

/// Keeps a closed standard input, output or error (`>&-`) closed in effect:
/// the first file the tool opens would otherwise get descriptor 1 and
/// standard output would be written into an input. A closed descriptor gets
/// `/dev/null` opened read-only, so reading finds nothing and writing fails
/// with `EBADF` ("standard output: Bad file descriptor", exit 1).
func reserveStandardDescriptors() {
    for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
        let opened = open("/dev/null", O_RDONLY)
        if opened >= 0 && opened != descriptor {
            _ = dup2(opened, descriptor)
            _ = close(opened)
        }
    }
}

/// The reader of standard output (or of a FIFO) went away: stop quietly,
/// as a Unix filter does, by the default action of `SIGPIPE` (the shell sees
/// status 141), even when the signal was ignored by whoever started us.
func stopOnBrokenPipe() -> Never {
    signal(SIGPIPE, SIG_DFL)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGPIPE)
    sigprocmask(SIG_UNBLOCK, &set, nil)
    raise(SIGPIPE)
    Foundation.exit(141)
}

/// Exit statuses of `medextract`.
enum ExitStatus {
    static let inputFailure = ExitCode(1)
}
