/// What a check found about one target, before severity turns "violated" into fail or warn.
public struct Finding: Sendable, Equatable {
    public enum Verdict: Sendable, Equatable {
        /// The check ran and holds.
        case holds
        /// The check ran and is violated.
        case violated
        /// The rule does not apply to this target.
        case notApplicable
        /// A fact the check needs was not collected; the message names the command that supplies it.
        case missingFacts
        /// A probe failed, so nothing can be said.
        case couldNotCheck
    }

    public var target: Target
    public var verdict: Verdict
    public var message: String
    public var evidence: [String]
    /// A concrete fix (an `xe` command with uuids) replacing the rule's general remediation.
    public var remediation: String?

    public init(_ target: Target, _ verdict: Verdict, _ message: String, evidence: [String] = [], remediation: String? = nil) {
        self.target = target
        self.verdict = verdict
        self.message = message
        self.evidence = evidence
        self.remediation = remediation
    }
}

/// A check kind: Swift code that a rule file names and parameterises.
public protocol Check: Sendable {
    /// The kind of source the check's evidence comes from; when one such source failed, a
    /// finding that lacks evidence is `error` naming it. Nil for a check that reads no
    /// gathered evidence.
    var source: EvidenceKind? { get }
    /// Evaluates against the facts; one finding per target.
    func evaluate(_ context: RuleContext) -> [Finding]
}

extension Check {
    public var source: EvidenceKind? { .xapi }
}

/// Builds a check from the `check:` mapping of a rule file; it must reject keys it does not know
/// (`try spec.mapping(allowed: ["kind", ...])`).
public typealias CheckFactory = @Sendable (_ spec: YAMLValue) throws -> any Check
