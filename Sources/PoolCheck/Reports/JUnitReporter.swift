import TextFormats
/// JUnit XML for CI (Jenkins, GitLab), valid against the Windy Road schema
/// (`shared/schemas/JUnit.xsd`), which fixes the shape:
///
/// - root `<testsuites>` (no attributes allowed) holding one `<testsuite>`
///   per host, then one for the pool; results whose target is not a host
///   (pool, SR, export, server) go to the pool suite, named after the pool
///   (from its results) or "pool". Every suite carries the required
///   `package`, `id` (0, 1, ...), `name`, zone-free UTC `timestamp`,
///   `hostname` (the host itself; the pool name for the pool suite),
///   `tests`, `failures`, `errors`, `time`, and the optional `skipped`.
/// - each suite must contain `<properties>`, then its test cases, then
///   `<system-out>` and `<system-err>`, in that order, even when empty.
/// - a `<testcase>` may hold at most one of `skipped`, `error`, `failure`
///   and nothing else, so evidence and remediation cannot sit inside it: they
///   go into the failure/error body (what CI shows for a red test) and, for
///   every result including passes, into the suite's `<system-out>`.
///
/// Status mapping:
/// - `fail`  -> `<failure type="error">`
/// - `warn`  -> `<failure type="warning">`: a violated check is a failure in
///   every JUnit reader, and the type lets tools tell the two apart. Note a
///   Jenkins build turns "unstable" on warnings; the exit status (0 when only
///   warnings) remains the gate.
/// - `error` -> `<error type="error">` (the check could not run)
/// - `skip`  -> `<skipped message=...>`: the schema declares `skipped`
///   without a type (xs:anyType), so the `message` attribute is valid.
/// - `pass`  -> an empty test case.
///
/// Per-check timings are not measured (rules do no I/O), so test cases report
/// `time="0"`; the run's duration is the `duration_s` property.
/// Gatherer warnings go to the pool suite's `<system-err>`.
public struct JUnitReporter: Reporter {
    public init() {}

    public func render(_ report: RunReport) -> String {
        let suites = TargetGroup.groups(of: report)
        let timestamp = ReportClock.zoneFreeUTC(report.started)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<!-- poolcheck \(report.phase.rawValue): fail = failure type=\"error\", warn = failure type=\"warning\", error = error, skip = skipped; evidence in system-out -->\n"
        out += "<testsuites>\n"
        var names = UniqueTestNames()
        for (id, suite) in suites.enumerated() {
            let failures = suite.results.filter { $0.status == .fail || $0.status == .warn }.count
            let errors = suite.results.filter { $0.status == .error }.count
            let skipped = suite.results.filter { $0.status == .skip }.count
            out += "  <testsuite package=\"poolcheck\" id=\"\(id)\" name=\"\(XMLText.attribute(suite.name))\""
            out += " timestamp=\"\(timestamp)\" hostname=\"\(XMLText.attribute(suite.isPool ? suite.poolName : suite.name))\""
            out += " tests=\"\(suite.results.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"0\">\n"
            out += "    <properties>\n"
            for (name, value) in Self.properties(report, suite) {
                out += "      <property name=\"\(XMLText.attribute(name))\" value=\"\(XMLText.attribute(value))\"/>\n"
            }
            out += "    </properties>\n"
            var systemOut = ""
            for result in suite.results {
                let classname = XMLText.token("poolcheck.\(result.category).\(result.rule)")
                let name = names.claim(classname: classname, base: XMLText.token("\(result.rule) on \(result.target.reportLabel)"),
                                       uuid: result.target.uuid)
                out += "    <testcase classname=\"\(XMLText.attribute(classname))\" name=\"\(XMLText.attribute(name))\" time=\"0\""
                let details = Self.details(result)
                switch result.status {
                case .pass:
                    out += "/>\n"
                case .fail, .warn:
                    let type = result.status == .fail ? "error" : "warning"
                    out += ">\n      <failure type=\"\(type)\" message=\"\(XMLText.attribute(result.message))\">"
                    out += XMLText.content(details) + "</failure>\n    </testcase>\n"
                case .error:
                    out += ">\n      <error type=\"error\" message=\"\(XMLText.attribute(result.message))\">"
                    out += XMLText.content(details) + "</error>\n    </testcase>\n"
                case .skip:
                    out += ">\n      <skipped message=\"\(XMLText.attribute((result.unchecked ? "not checked, no evidence given: " : "not applicable: ") + result.message))\"/>\n    </testcase>\n"
                }
                systemOut += "== \(name): \(result.status.rawValue)\n\(details)\n"
            }
            out += "    <system-out>\(XMLText.content(systemOut))</system-out>\n"
            let systemErr = suite.isPool ? report.warnings.map { "warning: \($0)\n" }.joined() : ""
            out += "    <system-err>\(XMLText.content(systemErr))</system-err>\n"
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// Message, evidence and remediation as a person reads them in CI.
    static func details(_ result: CheckResult) -> String {
        var lines = [result.message]
        if !result.evidence.isEmpty {
            lines.append("evidence:")
            lines += result.evidence.map { "  - \($0)" }
        }
        if let remediation = result.remediation { lines.append("remediation: \(remediation)") }
        return lines.joined(separator: "\n")
    }

    private static func properties(_ report: RunReport, _ suite: TargetGroup) -> [(String, String)] {
        [
            ("poolcheck.version", report.toolVersion),
            ("poolcheck.phase", report.phase.rawValue),
            ("poolcheck.started", ReportClock.iso8601UTC(report.started)),
            ("poolcheck.duration_s", ReportClock.secondsText(report.duration)),
            ("poolcheck.suite", suite.isPool ? "pool" : "host"),
        ]
    }
}

/// classname+name must be unique across the whole file (CI tools merge
/// test cases that share both). Two results for the same rule and target
/// name (e.g. two SRs called "NFS SR") are told apart by uuid, else by number.
struct UniqueTestNames {
    private var taken: Set<String> = []

    mutating func claim(classname: String, base: String, uuid: String?) -> String {
        var candidates = [base]
        if let uuid, !uuid.isEmpty { candidates.append("\(base) [\(XMLText.token(uuid))]") }
        for candidate in candidates {
            if taken.insert("\(classname)\u{0}\(candidate)").inserted { return candidate }
        }
        var number = 2
        while !taken.insert("\(classname)\u{0}\(base) #\(number)").inserted { number += 1 }
        return "\(base) #\(number)"
    }
}
