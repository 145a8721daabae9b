/// A check evaluated once per host. A failed probe of its source for that host, or sources
/// that disagree about the host, turn its finding into "could not check" before the check
/// runs, so a dead or disputed host never passes.
public protocol HostCheck: Check {
    /// The hosts this check applies to; every host by default.
    func hosts(in context: RuleContext) -> [HostSubject]
    func evaluate(host: HostSubject, in context: RuleContext) -> Finding
}

extension HostCheck {
    public func hosts(in context: RuleContext) -> [HostSubject] { context.hosts }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        evaluateEachHost(in: context) { evaluate(host: $0, in: context) }
    }

    /// Judges every subject with `judge`, after the checks every host check shares (a
    /// failed source, disputed evidence). A check that compares hosts computes what it
    /// compares once and judges with it, so a run stays linear in hosts.
    func evaluateEachHost(in context: RuleContext, judge: (HostSubject) -> Finding) -> [Finding] {
        let subjects = hosts(in: context)
        if subjects.isEmpty {
            return [context.hosts.isEmpty
                ? Finding(context.poolTarget, .missingFacts, "no host was found in the evidence; give transcripts (--snapshot), --xapi or a plan")
                : Finding(context.poolTarget, .notApplicable, "no host this rule applies to")]
        }
        return subjects.map { host in
            if let source, let failure = context.probeFailure(for: host, source: source) {
                return Finding(host.target, .couldNotCheck, "\(host.name): \(failure.message)",
                               evidence: ["\(failure.source.rawValue) probe of \(failure.target) failed"])
            }
            if source?.suppliesPoolRecords == true, !host.disputes.isEmpty {
                return Finding(host.target, .couldNotCheck, "\(host.name): the evidence disagrees, so nothing can be said: "
                                   + host.disputes.prefix(3).map(\.summary).joined(separator: "; "),
                               evidence: host.disputes.map(\.summary),
                               remediation: "Give one consistent set of evidence (one snapshot folder per moment in time)")
            }
            return judge(host)
        }
    }
}

extension HostSubject {
    /// "no evidence for xs-2" or the commands that would supply a missing fact.
    func missing(_ what: String, run commands: String) -> Finding {
        let prefix = hasEvidence ? "\(name): \(what) not collected" : "no evidence was read for \(name)"
        return Finding(target, .missingFacts, "\(prefix); run \(commands) on \(name)")
    }

    /// The storage address a subnet check can judge, or the finding that says why there is
    /// none: not collected, or (in an audit) interfaces known but the storage one unaddressed.
    func configuredStorageAddress(in context: RuleContext) -> Result<AddressEvidence, FindingError> {
        // Preflight judges the plan ("will the export admit the planned IP?") and says so; an
        // audit judges configured addresses, so a host whose interfaces were not collected is unchecked.
        // A source that failed may have shown the host configured otherwise: then unchecked (error).
        let unverifiable = address(isPlannedFor: context)
        guard let address = storageAddress, !(address.planned && (unverifiable || context.phase == .audit && !interfacesKnown)) else {
            return .failure(FindingError(missing("the storage interface", run: "`xe pif-list params=all` or `ip addr`")))
        }
        if address.planned && context.phase == .audit {
            // The storage PIF's address was not shown (no IP column, or masked in the paste)
            // and the OS listing, if any, was partial: the address is unknown, not absent.
            if storageAddressHidden {
                return .failure(FindingError(missing("the storage interface's address", run: "`xe pif-list params=all` or `ip addr`")))
            }
            return .failure(FindingError(Finding(target, .violated, "\(name) has no address on its storage interface",
                                                 evidence: ["planned \(address.address) is not configured (\(sourceNote))"])))
        }
        return .success(address)
    }
}

extension HostSubject {
    /// The storage PIF is known but its address was not shown (no IP column, or masked in
    /// the paste) and no full OS listing shows one: unknown, which is not "none".
    var storageAddressHidden: Bool {
        guard let pif = storagePIF, !pif.wasShown("IP"), !osListsEveryAddress else { return false }
        return storageAddress == nil || storageAddress?.planned == true
    }

    /// Whether this host's OS showed all its interfaces' addresses (an unfiltered listing).
    fileprivate var osListsEveryAddress: Bool {
        guard let observation, observation.interfaces != nil else { return false }
        return !observation.partialCommands.contains { $0 == "ifconfig" || $0 == "ip addr" }
    }

    /// Whether a planned storage address cannot stand in: the host showed nothing and a
    /// source that could have shown it failed.
    fileprivate func address(isPlannedFor context: RuleContext) -> Bool {
        !hasEvidence && !context.failures(supplying: .xapi).isEmpty
    }
}

/// A finding that ends a check early, carried through `Result`.
struct FindingError: Error {
    let finding: Finding
    init(_ finding: Finding) { self.finding = finding }
}
