import Foundation

/// How one check ended. Could-not-check is `error`, never `skip` or `pass`.
public enum Status: String, Codable, Sendable, CaseIterable, Comparable {
    /// The check ran and holds.
    case pass
    /// The check ran and is violated (severity error).
    case fail
    /// The check ran and is violated (severity warning or info).
    case warn
    /// The check could not run: a probe failed (timeout, refused, auth).
    case error
    /// Not applicable, or a needed fact is absent (the message says which).
    case skip

    /// Order in which a person wants to read results: problems first.
    public var urgency: Int {
        switch self {
        case .fail: 0
        case .error: 1
        case .warn: 2
        case .skip: 3
        case .pass: 4
        }
    }

    public static func < (lhs: Status, rhs: Status) -> Bool { lhs.urgency < rhs.urgency }
}

public enum Severity: String, Codable, Sendable, CaseIterable {
    case error, warning, info
}

public enum Phase: String, Codable, Sendable, CaseIterable {
    case preflight, audit
}

/// What a result is about.
public struct Target: Codable, Sendable, Hashable {
    /// "pool", "host", "sr", "export" or "server".
    public var kind: String
    public var name: String
    public var uuid: String?

    public init(kind: String, name: String, uuid: String? = nil) {
        self.kind = kind
        self.name = name
        self.uuid = uuid
    }
}

/// Why a result is `skip`: the rule does not apply, or it was not checked because the
/// evidence it needs was not given (the message names the command that supplies it).
public enum SkipReason: String, Codable, Sendable {
    case notApplicable = "not_applicable"
    case noEvidence = "no_evidence"
}

/// One rule's verdict on one target.
public struct CheckResult: Codable, Sendable, Equatable {
    public var rule: String
    public var title: String
    public var category: String
    public var severity: Severity
    public var target: Target
    public var status: Status
    public var message: String
    /// The facts that decided it, each naming where it was read.
    public var evidence: [String]
    /// What to do, with the real `xe` command where one exists; nil when nothing to do.
    public var remediation: String?
    /// Set when `status` is skip.
    public var skipReason: SkipReason?
    /// A core check (DESIGN.md): one that goes unchecked makes the run incomplete.
    public var core: Bool

    /// Not checked for lack of evidence.
    public var unchecked: Bool { status == .skip && skipReason == .noEvidence }

    public init(rule: String, title: String, category: String, severity: Severity, target: Target,
                status: Status, message: String, evidence: [String] = [], remediation: String? = nil,
                skipReason: SkipReason? = nil, core: Bool = false) {
        self.rule = rule
        self.title = title
        self.category = category
        self.severity = severity
        self.target = target
        self.status = status
        self.message = message
        self.evidence = evidence
        self.remediation = remediation
        self.skipReason = status == .skip ? skipReason ?? .notApplicable : nil
        self.core = core
    }
}

/// Everything one run produced; reporters render this.
public struct RunReport: Sendable, Equatable {
    public var toolVersion: String
    public var phase: Phase
    public var started: Date
    public var duration: TimeInterval
    public var results: [CheckResult]
    /// Hosts the run looked at, in plan/evidence order (one JUnit suite each).
    public var hosts: [String]
    /// Gatherer warnings (unplaced transcript lines etc.), shown but not results.
    public var warnings: [String]

    public init(toolVersion: String, phase: Phase, started: Date, duration: TimeInterval,
                results: [CheckResult], hosts: [String], warnings: [String] = []) {
        self.toolVersion = toolVersion
        self.phase = phase
        self.started = started
        self.duration = duration
        self.results = results
        self.hosts = hosts
        self.warnings = warnings
    }

    public func count(_ status: Status) -> Int { results.lazy.filter { $0.status == status }.count }

    /// Core checks that went unchecked for lack of evidence: while there is one, the run
    /// is incomplete and neither headed PASS nor exits 0.
    public var uncheckedCore: [CheckResult] { results.filter { $0.core && $0.unchecked } }

    public var isIncomplete: Bool { results.contains { $0.core && $0.unchecked } }

    /// DESIGN.md: 0 no fail and no error, every core check judged; 1 at least one fail;
    /// 3 no fail but an error; 4 no fail and no error but a core check unchecked
    /// (0 instead with `allowIncomplete`).
    public func exitStatus(allowIncomplete: Bool = false) -> Int32 {
        if count(.fail) > 0 { return 1 }
        if count(.error) > 0 { return 3 }
        if isIncomplete && !allowIncomplete { return 4 }
        return 0
    }
}

public enum ToolInfo {
    public static let name = "poolcheck"
    public static let version = "0.1.0"
}
