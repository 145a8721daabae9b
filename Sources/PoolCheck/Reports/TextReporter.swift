/// The report a person reads in a terminal, in about five seconds:
///
/// 1. the verdict and the counts, then what was checked and when;
/// 2. a table with one row per host (and one for the pool): counts per
///    status and the rules that need attention. Rows are targets because
///    a pool has 2 to 64 hosts and 10 to 20 rules: a host-per-column matrix
///    would not fit a terminal at 64 hosts, a row per host always does;
/// 3. failures and errors with message, evidence and remediation;
/// 4. warnings (message and fix), skips (one line each);
/// 5. passes, condensed to one entry per rule;
/// 6. gatherer warnings (first few; the JSON report has them all).
///
/// Colour is the caller's decision (`ColorPolicy`); without it the output
/// contains no escape sequences at all.
public struct TextReporter: Reporter {
    public var useColor: Bool
    /// Gatherer warnings printed before "... and N more".
    public var maxInputWarnings: Int

    public init(useColor: Bool, maxInputWarnings: Int = 10) {
        self.useColor = useColor
        self.maxInputWarnings = maxInputWarnings
    }

    public func render(_ report: RunReport) -> String {
        var out: [String] = []
        out += header(report)
        out.append("")
        out += table(report)
        out += detailed("FAILURES", report.results.filter { $0.status == .fail })
        out += detailed("ERRORS", report.results.filter { $0.status == .error })
        out += warnings(report.results.filter { $0.status == .warn })
        out += oneLiners("NOT CHECKED, NO EVIDENCE GIVEN", report.results.filter(\.unchecked))
        out += oneLiners("NOT APPLICABLE", report.results.filter { $0.status == .skip && !$0.unchecked })
        out += passes(report)
        out += inputWarnings(report.warnings)
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Sections

    private func header(_ report: RunReport) -> [String] {
        let verdict: (String, Style) =
            report.count(.fail) > 0 ? ("FAIL", .failure)
            : report.count(.error) > 0 ? ("ERROR", .error)
            : report.isIncomplete ? ("INCOMPLETE", .error)
            : report.count(.warn) > 0 ? ("PASS with warnings", .warning)
            : ("PASS", .pass)
        let counts = Self.readingOrder.map { "\(report.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        let checks = report.results.count == 1 ? "1 check" : "\(report.results.count) checks"
        let hosts = TargetGroup.hostCount(of: report)
        var context = ["poolcheck \(TerminalText.line(report.toolVersion)) \(report.phase.rawValue)"]
        if let pool = report.results.first(where: { $0.target.kind == "pool" })?.target.name {
            context.append("pool \(TerminalText.line(pool))")
        }
        context.append(hosts == 1 ? "1 host" : "\(hosts) hosts")
        context.append("started \(ReportClock.iso8601UTC(report.started))")
        context.append("took \(ReportClock.secondsText(report.duration)) s")
        var lines = [
            paint("\(verdict.0): ", verdict.1, bold: true) + "\(checks): \(counts)",
            context.joined(separator: " · "),
        ]
        let unchecked = report.uncheckedCore
        if !unchecked.isEmpty {
            let rules = Set(unchecked.map(\.rule)).sorted().joined(separator: ", ")
            lines.append("incomplete: \(unchecked.count) core check(s) not judged for lack of evidence (\(rules)); see NOT CHECKED below")
        }
        return lines
    }

    private func table(_ report: RunReport) -> [String] {
        let rows = TargetGroup.groups(of: report).map { group in
            (label: TerminalText.line(group.isPool && group.poolName != "pool" ? "pool \(group.poolName)" : group.name),
             results: group.results)
        }
        let columns: [Status] = Self.readingOrder
        let targetWidth = max("TARGET".count, rows.map(\.label.count).max() ?? 0)
        let widths = columns.map { max($0.rawValue.count, 4) }
        var lines: [String] = []
        var heading = "TARGET".padding(to: targetWidth)
        for (status, width) in zip(columns, widths) { heading += "  " + status.rawValue.uppercased().padding(left: width) }
        lines.append(paint(heading + "  NEEDS ATTENTION", nil, bold: true))
        for row in rows {
            var line = row.label.padding(to: targetWidth)
            for (status, width) in zip(columns, widths) {
                let count = row.results.filter { $0.status == status }.count
                let cell = (count == 0 ? "-" : String(count)).padding(left: width)
                line += "  " + (count == 0 ? cell : paint(cell, Style(status), bold: false))
            }
            var attention: [String] = []
            var seen: Set<String> = []
            // Fail first, then error, then warn; rule order kept within each.
            let problems = row.results.enumerated()
                .filter { $0.element.status != .pass && $0.element.status != .skip }
                .sorted { ($0.element.status.urgency, $0.offset) < ($1.element.status.urgency, $1.offset) }
                .map(\.element)
            for result in problems {
                let text = result.status == .fail ? result.rule : "\(result.rule) (\(result.status.rawValue))"
                if seen.insert(text).inserted { attention.append(paint(TerminalText.line(text), Style(result.status), bold: false)) }
            }
            if !attention.isEmpty { line += "  " + attention.joined(separator: ", ") }
            lines.append(line)
        }
        return lines
    }

    /// Failures and errors: everything needed to act, without opening JSON.
    private func detailed(_ title: String, _ results: [CheckResult]) -> [String] {
        guard let first = results.first else { return [] }
        var lines = ["", section(title, results.count, Style(first.status))]
        for result in results {
            lines.append(contentsOf: headline(result))
            if !result.evidence.isEmpty {
                lines.append(Self.indent + "evidence:")
                lines += result.evidence.map { Self.indent + "  - " + TerminalText.block($0, indent: Self.indent + "    ") }
            }
            if let remediation = result.remediation {
                lines.append(Self.indent + "fix: " + TerminalText.block(remediation, indent: Self.indent + "     "))
            }
        }
        return lines
    }

    private func warnings(_ results: [CheckResult]) -> [String] {
        guard !results.isEmpty else { return [] }
        var lines = ["", section("WARNINGS", results.count, .warning)]
        for result in results {
            lines.append(contentsOf: headline(result))
            if let remediation = result.remediation {
                lines.append(Self.indent + "fix: " + TerminalText.block(remediation, indent: Self.indent + "     "))
            }
        }
        return lines
    }

    private func oneLiners(_ title: String, _ results: [CheckResult]) -> [String] {
        guard !results.isEmpty else { return [] }
        return ["", section(title, results.count, .skipped)] + results.flatMap(headline)
    }

    /// One entry per rule: "host-not-pooled (xs-1, xs-2)", or "(all 64 hosts)".
    private func passes(_ report: RunReport) -> [String] {
        let passed = report.results.filter { $0.status == .pass }
        guard !passed.isEmpty else { return [] }
        let hostCount = TargetGroup.hostCount(of: report)
        var order: [String] = []
        var targets: [String: [Target]] = [:]
        for result in passed {
            if targets[result.rule] == nil { order.append(result.rule) }
            targets[result.rule, default: []].append(result.target)
        }
        let entries = order.map { rule -> String in
            let list = targets[rule] ?? []
            let where_: String
            if list.count > 1, list.count == hostCount, list.allSatisfy({ $0.kind == "host" }) {
                where_ = "all \(hostCount) hosts"
            } else if list.count > 6 {
                where_ = "\(list.count) targets"
            } else {
                where_ = list.map { TerminalText.line($0.reportLabel) }.joined(separator: ", ")
            }
            return "\(TerminalText.line(rule)) (\(where_))"
        }
        return ["", section("PASSED", passed.count, .pass)] + Self.wrap(entries, width: 100, indent: "  ")
    }

    private func inputWarnings(_ warnings: [String]) -> [String] {
        guard !warnings.isEmpty else { return [] }
        var lines = ["", section("INPUT WARNINGS", warnings.count, .warning)]
        lines += warnings.prefix(maxInputWarnings).map { "  " + TerminalText.line($0) }
        if warnings.count > maxInputWarnings {
            lines.append("  ... and \(warnings.count - maxInputWarnings) more (the JSON report lists them all)")
        }
        return lines
    }

    // MARK: Pieces

    /// "  FAIL  storage-redundancy on xs-1: message" (continuation lines indented).
    private func headline(_ result: CheckResult) -> [String] {
        let tag = result.status.rawValue.uppercased().padding(to: 5)
        let subject = "\(TerminalText.line(result.rule)) on \(TerminalText.line(result.target.reportLabel))"
        return ["  " + paint(tag, Style(result.status), bold: true) + " " + subject + ": "
                + TerminalText.block(result.message, indent: Self.indent)]
    }

    private func section(_ title: String, _ count: Int, _ style: Style) -> String {
        paint("\(title) (\(count))", style, bold: true)
    }

    /// Continuation indent, under the text after "  FAIL  ".
    private static let indent = String(repeating: " ", count: 8)

    /// Problems first, as in the verdict line.
    static let readingOrder: [Status] = [.fail, .error, .warn, .skip, .pass]

    private static func wrap(_ entries: [String], width: Int, indent: String) -> [String] {
        var lines: [String] = []
        var current = indent
        for (index, entry) in entries.enumerated() {
            let piece = entry + (index == entries.count - 1 ? "" : ";")
            if current != indent, current.count + 1 + piece.count > width {
                lines.append(current)
                current = indent
            }
            current += (current == indent ? "" : " ") + piece
        }
        lines.append(current)
        return lines
    }

    // MARK: Colour

    enum Style {
        case failure, error, warning, skipped, pass

        init(_ status: Status) {
            switch status {
            case .fail: self = .failure
            case .error: self = .error
            case .warn: self = .warning
            case .skip: self = .skipped
            case .pass: self = .pass
            }
        }

        var code: String {
            switch self {
            case .failure: "31"
            case .error: "35"
            case .warning: "33"
            case .skipped: "2"
            case .pass: "32"
            }
        }
    }

    private func paint(_ text: String, _ style: Style?, bold: Bool) -> String {
        guard useColor else { return text }
        let codes = (bold ? ["1"] : []) + (style.map { [$0.code] } ?? [])
        guard !codes.isEmpty else { return text }
        return "\u{1B}[\(codes.joined(separator: ";"))m\(text)\u{1B}[0m"
    }
}

private extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    func padding(left width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
