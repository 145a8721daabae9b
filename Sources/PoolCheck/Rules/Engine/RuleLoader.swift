import Foundation

/// Reads rule files strictly: unknown keys, unknown check kinds and duplicate ids are errors.
public struct RuleLoader: Sendable {
    public let kinds: [String: CheckFactory]

    public init(kinds: [String: CheckFactory] = CheckKinds.all) {
        self.kinds = kinds
    }

    static let ruleKeys = ["id", "title", "category", "severity", "phases", "scope", "check",
                           "rationale", "remediation", "references", "examples"]

    public func parse(_ text: String, file: String) throws -> RuleDefinition {
        let root = try YAMLValue.parse(text, file: file)
        let fields = try root.mapping(allowed: Self.ruleKeys)
        func required(_ key: String) throws -> YAMLValue {
            guard let value = fields[key] else { throw root.error("missing required key '\(key)'") }
            return value
        }
        let id = try required("id").string()
        guard id.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) != nil else {
            throw try required("id").error("rule id '\(id)' must be lower-case words joined by '-'")
        }
        let checkSpec = try required("check")
        guard let kindValue = try checkSpec.entry("kind") else { throw checkSpec.error("needs a 'kind'") }
        let kind = try kindValue.string()
        guard let factory = kinds[kind] else {
            throw kindValue.error("unknown check kind '\(kind)' (known: \(kinds.keys.sorted().joined(separator: ", ")))")
        }
        let scope = try Self.enumValue(try required("scope"), RuleDefinition.Scope.self)
        let remediation = try required("remediation")
        if let problem = RemediationTemplate.problem(in: try remediation.string(), scope: scope) { throw remediation.error(problem) }
        return RuleDefinition(
            id: id,
            title: try required("title").string(),
            category: try required("category").string(),
            severity: try Self.enumValue(try required("severity"), Severity.self),
            phases: try required("phases").stringList().map { word in
                guard let phase = Phase(rawValue: word) else {
                    throw try required("phases").error("'\(word)' is not a phase (preflight, audit)")
                }
                return phase
            },
            scope: scope,
            check: try factory(checkSpec),
            checkKind: kind,
            rationale: try required("rationale").string(),
            remediation: try remediation.string(),
            references: try fields["references"]?.stringList() ?? [],
            examples: try fields["examples"]?.sequence().map(Self.readExample) ?? [],
            file: file)
    }

    private static func enumValue<E: RawRepresentable & CaseIterable>(_ value: YAMLValue, _ type: E.Type) throws -> E
    where E.RawValue == String {
        let word = try value.string()
        guard let result = E(rawValue: word) else {
            throw value.error("'\(word)' is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return result
    }

    private static func readExample(_ value: YAMLValue) throws -> RuleExample {
        let fields = try value.mapping(allowed: ["name", "phase", "plan", "transcript", "expect"])
        guard let name = try fields["name"]?.string() else { throw value.error("an example needs a 'name'") }
        guard let transcript = try fields["transcript"]?.string() else { throw value.error("an example needs a 'transcript'") }
        guard let expectValue = fields["expect"] else { throw value.error("an example needs 'expect'") }
        let expectFields = try expectValue.mapping(allowed: expectValue.keys)  // target names are free
        var expect: [String: Status] = [:]
        for (target, status) in expectFields {
            expect[target] = try enumValue(status, Status.self)
        }
        return RuleExample(name: name, phase: try fields["phase"].map { try enumValue($0, Phase.self) },
                           plan: try fields["plan"]?.string(), transcript: transcript, expect: expect, line: value.line)
    }
}
