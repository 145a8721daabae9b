/// Renders one run into every `--report` destination: each path as `OutputFile`
/// says (files atomically, devices and FIFOs in place), standard output directly.
/// Text on standard output is coloured per `ColorPolicy`; text in a file never is.
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
                    try OutputFile.writeToStandardOutput(text)
                case .file(let path):
                    try OutputFile.write(destination.format.makeReporter(useColor: false).render(report), to: path)
                }
            } catch {
                if firstFailure == nil { firstFailure = error }
            }
        }
        if let firstFailure { throw firstFailure }
    }
}
