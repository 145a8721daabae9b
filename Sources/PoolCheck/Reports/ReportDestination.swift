import Foundation

/// Where one `--report FORMAT[:PATH]` goes.
public struct ReportDestination: Sendable, Hashable, CustomStringConvertible {
    public enum Sink: Sendable, Hashable {
        case standardOutput
        case file(String)
    }

    public var format: ReportFormat
    public var sink: Sink

    public init(format: ReportFormat, sink: Sink) {
        self.format = format
        self.sink = sink
    }

    /// What a run writes when no `--report` is given.
    public static let `default` = ReportDestination(format: .text, sink: .standardOutput)

    /// Parses `FORMAT[:PATH]`. PATH "-" or absent means standard output.
    /// The format is matched case-insensitively; the path is taken verbatim
    /// (it may itself contain ':').
    public init(parsing argument: String) throws(ReportDestinationError) {
        let formatPart: Substring
        let pathPart: Substring?
        if let colon = argument.firstIndex(of: ":") {
            formatPart = argument[..<colon]
            pathPart = argument[argument.index(after: colon)...]
        } else {
            formatPart = Substring(argument)
            pathPart = nil
        }
        guard let format = ReportFormat(rawValue: formatPart.lowercased()) else {
            throw .unknownFormat(argument: argument, format: String(formatPart))
        }
        self.format = format
        switch pathPart {
        case nil, "-": self.sink = .standardOutput
        case "": throw .emptyPath(argument: argument)
        case let path?: self.sink = .file(String(path))
        }
    }

    /// Back to the command-line spelling, e.g. `junit:reports/pdx0.xml`.
    public var description: String {
        switch sink {
        case .standardOutput: format.rawValue
        case .file(let path): "\(format.rawValue):\(path)"
        }
    }

    /// Rejects combinations that would garble output: two reports on standard
    /// output (`-` and `/dev/stdout` alike), or two reports into the same file.
    public static func validate(_ destinations: [ReportDestination]) throws(ReportDestinationError) {
        var stdoutUser: ReportDestination?
        var pathUsers: [String: ReportDestination] = [:]
        for destination in destinations {
            var sink = destination.sink
            if case .file(let path) = sink, OutputFile.descriptorNumber(path) == STDOUT_FILENO { sink = .standardOutput }
            switch sink {
            case .standardOutput:
                if let first = stdoutUser { throw .sharedStandardOutput(first.description, destination.description) }
                stdoutUser = destination
            case .file(let path):
                let key = URL(fileURLWithPath: path).standardizedFileURL.path
                if let first = pathUsers[key] { throw .sharedFile(path: path, first.description, destination.description) }
                pathUsers[key] = destination
            }
        }
    }
}

/// One clear line for each way `--report` can be wrong.
public enum ReportDestinationError: Error, Equatable, CustomStringConvertible {
    case unknownFormat(argument: String, format: String)
    case emptyPath(argument: String)
    case sharedStandardOutput(String, String)
    case sharedFile(path: String, String, String)

    public var description: String {
        switch self {
        case let .unknownFormat(argument, format):
            let shown = format.isEmpty ? "an empty format" : "unknown report format '\(format)'"
            return "--report \(argument): \(shown); valid formats: \(ReportFormat.validNames) (FORMAT[:PATH], PATH '-' = stdout)"
        case let .emptyPath(argument):
            return "--report \(argument): empty path after ':'; write FORMAT:PATH, or FORMAT or FORMAT:- for stdout"
        case let .sharedStandardOutput(first, second):
            return "--report \(first) and --report \(second) both write to stdout; give one of them a file path"
        case let .sharedFile(path, first, second):
            return "--report \(first) and --report \(second) both write to \(path); give each report its own file"
        }
    }
}
