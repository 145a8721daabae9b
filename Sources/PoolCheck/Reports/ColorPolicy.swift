#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Decides whether the text report may use ANSI colour. Colour only on a
/// terminal, never in files or pipes, and never when the user opted out:
/// `NO_COLOR` with any non-empty value (https://no-color.org), or `TERM=dumb`.
public enum ColorPolicy {
    public static func useColor(isTerminal: Bool, environment: [String: String]) -> Bool {
        guard isTerminal else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return true
    }

    /// For a report written to standard output of this process.
    public static func useColorOnStandardOutput(environment: [String: String]) -> Bool {
        useColor(isTerminal: isatty(STDOUT_FILENO) == 1, environment: environment)
    }
}
