import Foundation

/// Runs every rule of the phase against the facts and turns findings into results.
public struct RuleEngine: Sendable {
    public let catalog: RuleCatalog

    public init(catalog: RuleCatalog) {
        self.catalog = catalog
    }

    public func run(facts: Facts, plan: Plan?, phase: Phase, started: Date = Date()) -> RunReport {
        let clock = ContinuousClock.now
        let context = RuleContext(facts: facts, plan: plan, phase: phase)
        var results: [CheckResult] = []
        let hostsByName = Dictionary(context.hosts.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for rule in catalog.rules where rule.phases.contains(phase) {
            let core = CoreRules.isCore(rule.id, phase: phase)
            let fillsIn = rule.remediation.contains("<")
            results += rule.check.evaluate(context).map { finding in
                let target = finding.target
                let values = !fillsIn ? [:] : target.kind == "host" ? hostsByName[target.name].map(RemediationTemplate.values) ?? [:]
                    : target.kind == "pool" ? target.uuid.map { ["pool": $0] } ?? [:] : [:]
                return Self.result(of: Self.accounted(finding, rule: rule, context: context), rule: rule, core: core, placeholders: values)
            }
        }
        let elapsed = ContinuousClock.now - clock
        return RunReport(toolVersion: ToolInfo.version, phase: phase, started: started,
                         duration: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                         results: results, hosts: context.hosts.map(\.name),
                         warnings: facts.warnings + facts.conflicts.map { "sources disagree: \($0.summary)" })
    }

    /// Evidence accounting: a finding that lacks evidence while a source that could have
    /// supplied it failed is `error` naming that source; a pool-wide finding on evidence
    /// that disagrees is `error` too. Never `fail` or `skip` from what was lost.
    static func accounted(_ finding: Finding, rule: RuleDefinition, context: RuleContext) -> Finding {
        guard let source = rule.check.source else { return finding }
        if finding.verdict == .missingFacts {
            // A host's rules read its records too, whatever else they read: a failed XAPI source
            // may be what is missing there.
            let hostRecords = finding.target.kind == "host" && !source.suppliesPoolRecords
            let failed = context.failures(supplying: source) + (hostRecords ? context.failures(supplying: .xapi) : [])
            if !failed.isEmpty {
                return Finding(finding.target, .couldNotCheck,
                               "not checked: " + failed.map { "\($0.source.rawValue) source \($0.target) failed: \($0.message)" }.joined(separator: "; "),
                               evidence: [finding.message])
            }
        }
        if finding.target.kind != "host", source.suppliesPoolRecords, finding.verdict != .couldNotCheck,
           finding.verdict != .notApplicable, !context.disputes.isEmpty {
            return Finding(finding.target, .couldNotCheck,
                           "the evidence disagrees, so nothing can be said: " + context.disputes.prefix(3).map(\.summary).joined(separator: "; "),
                           evidence: context.disputes.map(\.summary))
        }
        return finding
    }

    /// `placeholders` fill the rule's general remediation (a finding's own fix is concrete already).
    static func result(of finding: Finding, rule: RuleDefinition, core: Bool = false, placeholders: [String: String] = [:]) -> CheckResult {
        let status: Status
        switch finding.verdict {
        case .holds: status = .pass
        case .violated: status = rule.severity == .error ? .fail : .warn
        case .notApplicable, .missingFacts: status = .skip
        case .couldNotCheck: status = .error
        }
        let remediation: String? = switch status {
        case .fail, .warn: finding.remediation ?? RemediationTemplate.fill(rule.remediation, with: placeholders)
        case .error: finding.remediation
        case .pass, .skip: nil
        }
        return CheckResult(rule: rule.id, title: rule.title, category: rule.category, severity: rule.severity,
                           target: finding.target, status: status, message: finding.message,
                           evidence: finding.evidence, remediation: remediation,
                           skipReason: finding.verdict == .missingFacts ? .noEvidence : .notApplicable, core: core)
    }
}
