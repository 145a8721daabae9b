import Foundation

/// The generic kind: asserts a XenAPI field of a per-host object, so a user can add a
/// rule with YAML alone. Example: `subject: storage_pif, field: MTU, same_on_every_host: true`.
struct FactAssertionCheck: HostCheck {
    enum Subject: String, CaseIterable {
        case host, pool
        case storagePIF = "storage_pif"
        case managementPIF = "management_pif"
        case storageNetwork = "storage_network"
    }

    enum Assertion {
        case equals(String)
        case oneOf([String])
        case matches(String)
        case present
        case sameOnEveryHost
    }

    let subject: Subject
    let field: String
    let assertion: Assertion

    static let factory: CheckFactory = { spec in
        let fields = try spec.mapping(allowed: ["kind", "subject", "field", "equals", "one_of", "matches", "present", "same_on_every_host"])
        let names = Subject.allCases.map(\.rawValue).joined(separator: ", ")
        guard let subjectValue = fields["subject"], let fieldValue = fields["field"] else {
            throw spec.error("needs 'subject' (\(names)) and 'field' (a XenAPI field name)")
        }
        guard let subject = Subject(rawValue: try subjectValue.string()) else { throw subjectValue.error("'subject' must be one of \(names)") }
        var assertions: [Assertion] = []
        if let value = fields["equals"] { assertions.append(.equals(try value.string())) }
        if let value = fields["one_of"] { assertions.append(.oneOf(try value.stringList())) }
        if let value = fields["matches"] {
            let pattern = try value.string()
            guard (try? NSRegularExpression(pattern: pattern)) != nil else { throw value.error("'\(pattern)' is not a valid regular expression") }
            assertions.append(.matches(pattern))
        }
        if let value = fields["present"], try value.bool() { assertions.append(.present) }
        if let value = fields["same_on_every_host"], try value.bool() { assertions.append(.sameOnEveryHost) }
        guard assertions.count == 1 else {
            throw spec.error("give exactly one of equals, one_of, matches, present: true, same_on_every_host: true")
        }
        return FactAssertionCheck(subject: subject, field: try fieldValue.string(), assertion: assertions[0])
    }

    func evaluate(host: HostSubject, in context: RuleContext) -> Finding {
        let label = "\(subject.rawValue).\(field)"
        guard let value = value(for: host, in: context) else {
            return host.missing(label, run: command(host))
        }
        var evidence = ["\(host.name) \(label) = \(value)"]
        let holds: Bool
        switch assertion {
        case let .equals(expected): holds = value == expected
        case let .oneOf(allowed): holds = allowed.contains(value)
        case let .matches(pattern): holds = value.range(of: pattern, options: .regularExpression) != nil
        case .present: holds = !value.isEmpty
        case .sameOnEveryHost:
            let otherHosts = context.hosts.filter { $0.name != host.name }
            if let unknown = otherHosts.first(where: { self.value(for: $0, in: context) == nil }) {
                return Finding(host.target, .missingFacts,
                               "\(unknown.name)'s \(label) not collected, so \(host.name)'s cannot be compared; run \(command(unknown)) on \(unknown.name)")
            }
            let others = otherHosts.compactMap { other in self.value(for: other, in: context).map { (other.name, $0) } }
            evidence += others.map { "\($0.0) \(label) = \($0.1)" }
            holds = others.allSatisfy { $0.1 == value }
        }
        return Finding(host.target, holds ? .holds : .violated,
                       "\(host.name): \(label) is \(value.isEmpty ? "empty" : value)\(holds ? "" : ", expected \(expectation)")",
                       evidence: evidence)
    }

    private var expectation: String {
        switch assertion {
        case let .equals(expected): expected
        case let .oneOf(allowed): "one of \(allowed.joined(separator: ", "))"
        case let .matches(pattern): "to match \(pattern)"
        case .present: "a value"
        case .sameOnEveryHost: "the same on every host"
        }
    }

    private func record(for host: HostSubject, in context: RuleContext) -> (any Encodable)? {
        switch subject {
        case .host: host.record
        case .pool: host.pool
        case .storagePIF: host.storagePIF
        case .managementPIF: host.managementPIF
        case .storageNetwork: host.storagePIF?.network.flatMap(context.topology.network)
        }
    }

    /// The field read by its Swift name, which is the XenAPI name the facts use.
    private func value(for host: HostSubject, in context: RuleContext) -> String? {
        guard let record = record(for: host, in: context),
              let child = Mirror(reflecting: record).children.first(where: { $0.label == field }) else { return nil }
        return Self.text(child.value)
    }

    private static func text(_ value: Any) -> String? {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return nil }
            return text(wrapped)
        }
        switch value {
        case let list as [String]: return list.joined(separator: "; ")
        case let map as [String: String]: return map.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
        default: return "\(value)"
        }
    }

    private func command(_ host: HostSubject) -> String {
        switch subject {
        case .host: "`xe host-param-list uuid=\(host.record?.uuid ?? "<host>")`"
        case .pool: "`xe pool-param-list uuid=<pool>`"
        case .storagePIF, .managementPIF: "`xe pif-list params=all`"
        case .storageNetwork: "`xe network-list params=all`"
        }
    }
}
