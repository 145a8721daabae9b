/// A rule as written in rules/*.yaml: a check kind with parameters, plus the words
/// a person needs (why, how to fix, where to read more) and self-test examples.
public struct RuleDefinition: Sendable {
    public enum Scope: String, Sendable, CaseIterable {
        case pool, host, sr, export
    }

    public var id: String
    public var title: String
    public var category: String
    public var severity: Severity
    public var phases: [Phase]
    public var scope: Scope
    public var check: any Check
    public var checkKind: String
    public var rationale: String
    public var remediation: String
    public var references: [String]
    public var examples: [RuleExample]
    /// Where the rule was read from ("bundled:x.yaml" or a path).
    public var file: String
}

/// An example that documents the rule and doubles as its self-test (`poolcheck rules test`).
public struct RuleExample: Sendable {
    public var name: String
    public var phase: Phase?
    /// A plan in the plan-file format; nil for none.
    public var plan: String?
    /// Terminal transcripts as `poolcheck audit --snapshot` reads them.
    public var transcript: String
    /// Expected status per target name.
    public var expect: [String: Status]
    public var line: Int?
}
