import Foundation

/// Turns a whole run into one document. Reporters are pure: no I/O, no clock,
/// so the same `RunReport` always renders to the same bytes.
public protocol Reporter: Sendable {
    func render(_ report: RunReport) -> String
}

/// The formats `--report FORMAT[:PATH]` accepts.
public enum ReportFormat: String, Sendable, CaseIterable, Hashable {
    case text, json, junit

    /// "text, json, junit": for error messages and help text.
    public static var validNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The reporter for this format. `useColor` only matters for `text`
    /// (see `ColorPolicy` for how a caller decides it).
    public func makeReporter(useColor: Bool = false) -> any Reporter {
        switch self {
        case .text: TextReporter(useColor: useColor)
        case .json: JSONReporter()
        case .junit: JUnitReporter()
        }
    }

    /// Conventional file extension, for callers that name files themselves.
    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .json: "json"
        case .junit: "xml"
        }
    }
}
