/// Every host of a pool about to be formed is the master of its own pool with HA off:
/// a joining host alone in it (XAPI refuses `xe pool-join` from a pool member, and with HA
/// on), the master-to-be with or without members already (growing a pool).
struct HostNotPooledCheck: HostCheck {
    /// A pool's members and their names for the evidence, found once per pool and run: every
    /// host of a big pool reads the same list, and listing it per host was quadratic.
    private struct Members {
        var hosts: [Host]
        var complete: Bool
        var names: String
    }

    func evaluate(_ context: RuleContext) -> [Finding] {
        var members: [String: Members] = [:]
        return evaluateEachHost(in: context) { host in
            judge(host, in: context) { pool in
                if let known = members[pool] { return known }
                let found = Self.members(ofPool: pool, in: context)
                members[pool] = found
                return found
            }
        }
    }

    func evaluate(host: HostSubject, in context: RuleContext) -> Finding {
        judge(host, in: context) { Self.members(ofPool: $0, in: context) }
    }

    private static func members(ofPool pool: String, in context: RuleContext) -> Members {
        let found = context.topology.members(ofPool: pool)
        return Members(hosts: found.hosts, complete: found.complete, names: names(found.hosts))
    }

    private func judge(_ host: HostSubject, in context: RuleContext, members membersOf: (String) -> Members) -> Finding {
        guard host.hasEvidence else { return host.missing("its pool", run: "`xe host-list` and `xe pool-list`") }
        guard let pool = host.pool else { return host.missing("the pool", run: "`xe pool-list`") }
        guard let own = host.record else {
            return Finding(host.target, .missingFacts,
                           "\(host.name): its own record is not in `xe host-list` output (name-label differs from the prompt?); run `xe host-list` on \(host.name)")
        }
        let members = membersOf(pool.uuid)
        var evidence = ["pool \(pool.uuid) '\(pool.name_label ?? "")' has master \(pool.master ?? "?") (\(host.sourceNote))",
                        "the pool's host list shows \(members.names)"]
        let isMasterToBe = host.name == (context.plan?.pool.master ?? context.masterView?.name)
        if !isMasterToBe, let target = context.masterView?.pool, target.uuid == pool.uuid {
            return Finding(host.target, .notApplicable,
                           "\(host.name) is already a member of pool '\(pool.name_label ?? pool.uuid)'; nothing to join",
                           evidence: evidence)
        }
        guard pool.master != nil else { return host.missing("its pool's master", run: "`xe pool-list params=all`") }
        if pool.master != own.uuid {
            let master = context.topology.hostsByUUID[pool.master!]?.name_label ?? pool.master!
            return Finding(host.target, .violated,
                           "\(host.name) is a member of pool '\(pool.name_label ?? pool.uuid)' whose master is \(master)",
                           evidence: evidence,
                           remediation: "On that pool's master: xe pool-eject host-uuid=\(own.uuid)")
        }
        let others = members.hosts.filter { $0.uuid != own.uuid }
        if !isMasterToBe && !others.isEmpty {
            return Finding(host.target, .violated,
                           "\(host.name) is the master of a pool with \(others.count) other member(s): \(Self.names(others))",
                           evidence: evidence,
                           remediation: "Eject the members first: " + others.map { "xe pool-eject host-uuid=\($0.uuid)" }.joined(separator: "; "))
        }
        guard members.complete else {
            return Finding(host.target, .missingFacts, "\(host.name): its pool's full host list was not read; run `xe host-list` unfiltered on \(host.name)",
                           evidence: evidence)
        }
        guard let ha = pool.ha_enabled else {
            return host.missing("ha-enabled", run: "`xe pool-param-list uuid=\(pool.uuid)`")
        }
        if ha && !isMasterToBe {
            return Finding(host.target, .violated, "\(host.name)'s pool has HA enabled", evidence: evidence,
                           remediation: "xe pool-ha-disable")
        }
        evidence.append("ha-enabled: \(ha)\(ha ? " (join-ha-disabled judges the target pool's HA)" : "")")
        if isMasterToBe {
            let grown = others.isEmpty ? "" : " (growing it: \(others.count) member(s) already: \(Self.names(others)))"
            return Finding(host.target, .holds, "\(host.name), the master-to-be, is the master of its own pool\(grown)", evidence: evidence)
        }
        return Finding(host.target, .holds, "\(host.name) is the master of its own one-host pool", evidence: evidence)
    }

    private static func names(_ hosts: [Host]) -> String {
        abbreviatedList(hosts.map { $0.name_label ?? $0.uuid }, naming: 8)
    }
}
