import TextFormats
/// The machine-readable report; its shape is a contract (DESIGN.md,
/// "JSON report"), schema `poolcheck.report/v1`. Keys appear in the order
/// the contract lists them. `warnings` (gatherer warnings) is an extra
/// top-level key, which v1 readers ignore.
public struct JSONReporter: Reporter {
    public static let schema = "poolcheck.report/v1"

    public init() {}

    public func render(_ report: RunReport) -> String {
        document(report).rendered()
    }

    func document(_ report: RunReport) -> OrderedJSON {
        .object([
            ("schema", .string(Self.schema)),
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(report.toolVersion))])),
            ("phase", .string(report.phase.rawValue)),
            ("started", .string(ReportClock.iso8601UTC(report.started))),
            ("duration_s", .number(ReportClock.roundedSeconds(report.duration))),
            ("results", .array(report.results.map(Self.result))),
            ("summary", .object(Self.summaryOrder.map { ($0.rawValue, .integer(report.count($0))) } + [
                ("not_checked", .integer(report.results.filter(\.unchecked).count)),
                ("incomplete", .bool(report.isIncomplete)),
            ])),
            ("warnings", .array(report.warnings.map(OrderedJSON.string))),
        ])
    }

    /// The order DESIGN.md lists the counts in.
    static let summaryOrder: [Status] = [.pass, .fail, .warn, .error, .skip]

    private static func result(_ result: CheckResult) -> OrderedJSON {
        .object([
            ("rule", .string(result.rule)),
            ("title", .string(result.title)),
            ("category", .string(result.category)),
            ("severity", .string(result.severity.rawValue)),
            ("target", .object([
                ("kind", .string(result.target.kind)),
                ("name", .string(result.target.name)),
                ("uuid", result.target.uuid.map(OrderedJSON.string) ?? .null),
            ])),
            ("status", .string(result.status.rawValue)),
            ("message", .string(result.message)),
            ("evidence", .array(result.evidence.map(OrderedJSON.string))),
            ("remediation", result.remediation.map(OrderedJSON.string) ?? .null),
        ] + (result.skipReason.map { [("skip_reason", OrderedJSON.string($0.rawValue))] } ?? [])
          + (result.core ? [("core", OrderedJSON.bool(true))] : []))
    }
}
