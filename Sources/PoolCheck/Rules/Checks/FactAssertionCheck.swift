import Foundation

/// The generic kind: asserts a XenAPI field of a per-host object, so a user can add a
/// rule with YAML alone. Example: `subject: storage_pif, field: MTU, same_on_every_host: true`.
struct FactAssertionCheck: HostCheck {
    enum Subject: String, CaseIterable {
        case host, pool
        case storagePIF = "storage_pif"
        case managementPIF = "management_pif"
        case storageNetwork = "storage_network"

        /// The fields the subject's XenAPI class models, which are the ones a rule can assert.
        var fieldNames: [String] {
            switch self {
            case .host: ["uuid"] + Host.fields.map(\.name)
            case .pool: ["uuid"] + Pool.fields.map(\.name)
            case .storagePIF, .managementPIF: ["uuid"] + PIF.fields.map(\.name)
            case .storageNetwork: ["uuid"] + Network.fields.map(\.name)
            }
        }
    }

    enum Assertion {
        case equals(String)
        case oneOf([String])
        case matches(String)
        case present
        case sameOnEveryHost

        /// Whether judging one host needs the other hosts' values.
        var isComparison: Bool {
            if case .sameOnEveryHost = self { return true }
            return false
        }
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
        let field = try fieldValue.string()
        guard subject.fieldNames.contains(field) else {
            throw fieldValue.error("'\(field)' is not a field poolcheck reads for \(subject.rawValue); it reads \(subject.fieldNames.joined(separator: ", "))")
        }
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
        return FactAssertionCheck(subject: subject, field: field, assertion: assertions[0])
    }

    func evaluate(_ context: RuleContext) -> [Finding] {
        let peers = peerValues(in: context)
        return evaluateEachHost(in: context) { judge($0, peers: peers, in: context) }
    }

    func evaluate(host: HostSubject, in context: RuleContext) -> Finding {
        judge(host, peers: peerValues(in: context), in: context)
    }

    /// Every host's value, once, when the assertion compares hosts.
    private func peerValues(in context: RuleContext) -> PeerValues? {
        assertion.isComparison ? PeerValues(context.hosts.map { ($0.name, value(for: $0, in: context)) }) : nil
    }

    private func judge(_ host: HostSubject, peers: PeerValues?, in context: RuleContext) -> Finding {
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
            guard let peers else { preconditionFailure("a comparison is judged with its peers' values") }
            if let unknown = peers.firstUnknown(besides: host.name), let other = context.host(named: unknown) {
                return Finding(host.target, .missingFacts,
                               "\(unknown)'s \(label) not collected, so \(host.name)'s cannot be compared; run \(command(other)) on \(unknown)")
            }
            evidence += peers.summary(besides: host.name, label: label)
            holds = peers.allHave(value)
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

    /// The field read through its class's field table, by the XenAPI name the facts use.
    private func value(for host: HostSubject, in context: RuleContext) -> String? {
        switch subject {
        case .host: host.record?.text(ofField: field)
        case .pool: host.pool?.text(ofField: field)
        case .storagePIF: host.storagePIF?.text(ofField: field)
        case .managementPIF: host.managementPIF?.text(ofField: field)
        case .storageNetwork: host.storagePIF?.network.flatMap(context.topology.network)?.text(ofField: field)
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
