/// A check evaluated once per host. A failed probe of `source` for that host turns its
/// finding into "could not check" before the check runs, so a dead host never passes.
public protocol HostCheck: Check {
    /// The fact source whose failure makes this check `error` ("xapi", "nfs", "traffic").
    var source: String { get }
    /// The hosts this check applies to; every host by default.
    func hosts(in context: RuleContext) -> [HostSubject]
    func evaluate(host: HostSubject, in context: RuleContext) -> Finding
}

extension HostCheck {
    public var source: String { "xapi" }

    public func hosts(in context: RuleContext) -> [HostSubject] { context.hosts }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        hosts(in: context).map { host in
            if let failure = context.probeFailure(for: host, source: source) {
                return Finding(host.target, .couldNotCheck, "\(host.name): \(failure.message)",
                               evidence: ["\(failure.source) probe of \(failure.target) failed"])
            }
            return evaluate(host: host, in: context)
        }
    }
}

extension HostSubject {
    /// "no evidence for xs-2" or the commands that would supply a missing fact.
    func missing(_ what: String, run commands: String) -> Finding {
        let prefix = view == nil ? "no evidence was read for \(name)" : "\(name): \(what) not collected"
        return Finding(target, .missingFacts, "\(prefix); run \(commands) on \(name)")
    }

    /// The storage address a subnet check can judge, or the finding that says why there
    /// is none: not collected, or (in an audit) planned but not configured yet.
    func configuredStorageAddress(in context: RuleContext) -> (address: AddressEvidence?, finding: Finding?) {
        guard let address = storageAddress else {
            return (nil, missing("the storage interface", run: "`xe pif-list params=all` or `ifconfig`"))
        }
        if address.planned && context.phase == .audit {
            return (nil, Finding(target, .violated, "\(name) has no address on its storage interface yet",
                                 evidence: ["planned \(address.address) is not configured"]))
        }
        return (address, nil)
    }
}
