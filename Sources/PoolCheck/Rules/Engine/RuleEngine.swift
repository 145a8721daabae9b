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
        for rule in catalog.rules where rule.phases.contains(phase) {
            results += rule.check.evaluate(context).map { Self.result(of: $0, rule: rule) }
        }
        let elapsed = ContinuousClock.now - clock
        return RunReport(toolVersion: ToolInfo.version, phase: phase, started: started,
                         duration: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                         results: results, hosts: context.hosts.map(\.name), warnings: facts.warnings)
    }

    static func result(of finding: Finding, rule: RuleDefinition) -> CheckResult {
        let status: Status
        switch finding.verdict {
        case .holds: status = .pass
        case .violated: status = rule.severity == .error ? .fail : .warn
        case .notApplicable, .missingFacts: status = .skip
        case .couldNotCheck: status = .error
        }
        let remediation: String? = switch status {
        case .fail, .warn: finding.remediation ?? rule.remediation
        case .error: finding.remediation
        case .pass, .skip: nil
        }
        return CheckResult(rule: rule.id, title: rule.title, category: rule.category, severity: rule.severity,
                           target: finding.target, status: status, message: finding.message,
                           evidence: finding.evidence, remediation: remediation)
    }
}
