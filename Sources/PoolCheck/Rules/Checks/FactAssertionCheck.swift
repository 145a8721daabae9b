import Foundation

/// The generic kind: asserts a XenAPI field of a per-host object, so a user can add a
/// rule with YAML alone. Example: `subject: storage_pif, field: MTU, same_on_every_host: true`.
struct FactAssertionCheck: HostCheck {
    typealias Subject = FactAssertionSubject

    enum Assertion {
        case equals(String)
        case oneOf([String])
        case matches(BoundedPattern)
        case present
        case sameOnEveryHost

        /// Whether judging one host needs the other hosts' values.
        var isComparison: Bool {
            if case .sameOnEveryHost = self { return true }
            return false
        }
    }

    let subject: Subject
    let field: FieldPath
    let assertion: Assertion

    static let factory: CheckFactory = { spec in
        let fields = try spec.mapping(allowed: ["kind", "subject", "field", "equals", "one_of", "matches", "present", "same_on_every_host"])
        let names = Subject.allCases.map(\.rawValue).joined(separator: ", ")
        guard let subjectValue = fields["subject"], let fieldValue = fields["field"] else {
            throw spec.error("needs 'subject' (\(names)) and 'field' (a XenAPI field name)")
        }
        guard let subject = Subject(rawValue: try subjectValue.string()) else { throw subjectValue.error("'subject' must be one of \(names)") }
        let field = FieldPath(try fieldValue.string())
        if let problem = subject.validate(field) { throw fieldValue.error(problem) }
        var assertions: [Assertion] = []
        if let value = fields["equals"] { assertions.append(.equals(try value.string())) }
        if let value = fields["one_of"] { assertions.append(.oneOf(try value.stringList())) }
        if let value = fields["matches"] {
            let pattern = try value.string()
            do {
                assertions.append(.matches(try BoundedPattern(pattern)))
            } catch let refusal as PatternRefusal {
                throw value.error("'\(pattern)' is refused: \(refusal.reason)")
            }
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

    /// Every host's value, once, when the assertion compares hosts. Unset compares as empty
    /// and a missing key as a value no host can have; only "not collected" is unknown.
    private func peerValues(in context: RuleContext) -> PeerValues? {
        guard assertion.isComparison else { return nil }
        return PeerValues(context.hosts.map { host in
            switch reading(for: host, in: context) {
            case .notCollected: (host.name, nil)
            case .unset: (host.name, "")
            case .noSuchKey: (host.name, Self.noSuchKey)
            case .value(let text): (host.name, text)
            }
        })
    }

    private func judge(_ host: HostSubject, peers: PeerValues?, in context: RuleContext) -> Finding {
        let label = "\(subject.rawValue).\(field)"
        let value: String
        switch reading(for: host, in: context) {
        case .notCollected:
            return host.missing(label, run: command(host))
        case .unset:
            // Shown and empty: evidence that there is no value, not a missing fact.
            value = ""
        case .noSuchKey(let key):
            return absentKey(key, host: host, peers: peers, label: label, in: context)
        case .value(let text):
            value = text
        }
        var evidence = ["\(host.name) \(label) = \(value.isEmpty ? "<not set>" : value)"]
        let holds: Bool
        switch assertion {
        case let .equals(expected): holds = value == expected
        case let .oneOf(allowed): holds = allowed.contains(value)
        case let .matches(pattern):
            guard let matched = pattern.matches(value) else {
                return Finding(host.target, .couldNotCheck,
                               "\(host.name): \(label) is \(value.utf8.count) bytes long; poolcheck matches patterns on at most \(BoundedPattern.valueLimit)",
                               evidence: ["\(host.name) \(label) = \(value.prefix(80))..."])
            }
            holds = matched
        case .present: holds = !value.isEmpty
        case .sameOnEveryHost:
            guard let peers else { preconditionFailure("a comparison is judged with its peers' values") }
            if let uncompared = uncollectedPeer(peers, host: host, label: label, in: context) { return uncompared }
            evidence += peerEvidence(peers, besides: host.name, label: label)
            holds = peers.allHave(value)
        }
        return Finding(host.target, holds ? .holds : .violated,
                       "\(host.name): \(label) is \(value.isEmpty ? "not set" : value)\(holds ? "" : ", expected \(expectation)")",
                       evidence: evidence)
    }

    /// The map was read and lacks the key: evidence of absence, never a pass. Compared
    /// across hosts, a host without the key differs from one with it; when no host has
    /// it there is nothing to compare (a misspelled key?), so the check could not run.
    private func absentKey(_ key: String, host: HostSubject, peers: PeerValues?, label: String, in context: RuleContext) -> Finding {
        let evidence = "\(host.name) \(subject.rawValue).\(field.field) has no key '\(key)'"
        if case .sameOnEveryHost = assertion, let peers {
            if let uncompared = uncollectedPeer(peers, host: host, label: label, in: context) { return uncompared }
            if peers.allHave(Self.noSuchKey) {
                return Finding(host.target, .couldNotCheck,
                               "\(host.name): no host's \(subject.rawValue).\(field.field) has the key '\(key)', so there is nothing to compare (is the key spelled right?)",
                               evidence: [evidence])
            }
        }
        var lines = [evidence]
        if let peers { lines += peerEvidence(peers, besides: host.name, label: label) }
        return Finding(host.target, .violated, "\(host.name): \(label): no such key, expected \(expectation)", evidence: lines)
    }

    /// A comparison with a host whose value was not collected cannot be judged: skip, naming it.
    private func uncollectedPeer(_ peers: PeerValues, host: HostSubject, label: String, in context: RuleContext) -> Finding? {
        guard let unknown = peers.firstUnknown(besides: host.name), let other = context.host(named: unknown) else { return nil }
        return Finding(host.target, .missingFacts,
                       "\(unknown)'s \(label) not collected, so \(host.name)'s cannot be compared; run \(command(other)) on \(unknown)")
    }

    private func peerEvidence(_ peers: PeerValues, besides host: String, label: String) -> [String] {
        peers.summary(besides: host, label: label).map { $0.replacingOccurrences(of: Self.noSuchKey, with: "<no such key>") }
    }

    /// How a missing key is compared with other hosts' values (a map value cannot contain it:
    /// poolcheck reads keys and values as text, and this has a NUL).
    private static let noSuchKey = "\u{0}no such key"

    private var expectation: String {
        switch assertion {
        case let .equals(expected): expected
        case let .oneOf(allowed): "one of \(allowed.joined(separator: ", "))"
        case let .matches(pattern): "to match \(pattern.pattern)"
        case .present: "a value"
        case .sameOnEveryHost: "the same on every host"
        }
    }

    /// The field read through its class's field table, by the XenAPI name the facts use.
    private func reading(for host: HostSubject, in context: RuleContext) -> FieldReading {
        let record: (any ModelledRecord)? = switch subject {
        case .host: host.record
        case .pool: host.pool
        case .storagePIF: host.storagePIF
        case .managementPIF: host.managementPIF
        case .storageNetwork: host.storagePIF?.network.flatMap(context.topology.network)
        }
        return record?.reading(field) ?? .notCollected
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
