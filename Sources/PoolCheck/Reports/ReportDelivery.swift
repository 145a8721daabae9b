#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders one run into every `--report` destination: files atomically,
/// standard output directly. Text on standard output is coloured per
/// `ColorPolicy`; text in a file never is.
public enum ReportDelivery {
    /// Tries every destination even when one fails (the JUnit file matters
    /// to CI even if stdout is closed), then throws the first failure.
    public static func deliver(_ report: RunReport, to destinations: [ReportDestination],
                               environment: [String: String]) throws(ReportWriteError) {
        var firstFailure: ReportWriteError?
        for destination in destinations {
            do {
                switch destination.sink {
                case .standardOutput:
                    let useColor = ColorPolicy.useColorOnStandardOutput(environment: environment)
                    let text = destination.format.makeReporter(useColor: useColor).render(report)
                    try AtomicFileWriter.writeAll(Array(text.utf8), to: STDOUT_FILENO, path: "-")
                case .file(let path):
                    try AtomicFileWriter.write(destination.format.makeReporter(useColor: false).render(report), to: path)
                }
            } catch {
                if firstFailure == nil { firstFailure = error }
            }
        }
        if let firstFailure { throw firstFailure }
    }
}
