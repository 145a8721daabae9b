/// Every live source that was asked answered. Host rules already turn a failed probe of
/// their host into `error`; this rule makes sure a failure no host claims (an address that
/// is not in the plan, an audit without a plan) is never lost and never reads as a pass.
struct SourcesAnsweredCheck: Check {
    /// Reads the failures themselves, not evidence they could have cut off.
    var source: EvidenceKind? { nil }

    func evaluate(_ context: RuleContext) -> [Finding] {
        if context.facts.probeFailures.isEmpty {
            return [Finding(context.poolTarget, .holds, "every source that was asked answered")]
        }
        return context.facts.probeFailures.map { failure in
            Finding(Target(kind: "server", name: failure.target), .couldNotCheck, failure.message,
                    evidence: ["\(failure.source.rawValue) probe of \(failure.target)"])
        }
    }
}
