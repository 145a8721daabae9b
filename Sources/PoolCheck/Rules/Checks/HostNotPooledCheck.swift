/// Every host of a pool about to be formed is the master of its own pool with HA off:
/// a joining host alone in it (XAPI refuses `xe pool-join` from a pool member, and with HA
/// on), the master-to-be with or without members already (growing a pool).
struct HostNotPooledCheck: HostCheck {
    func evaluate(host: HostSubject, in context: RuleContext) -> Finding {
        guard host.hasEvidence else { return host.missing("its pool", run: "`xe host-list` and `xe pool-list`") }
        guard let pool = host.pool else { return host.missing("the pool", run: "`xe pool-list`") }
        guard let own = host.record else {
            return Finding(host.target, .missingFacts,
                           "\(host.name): its own record is not in `xe host-list` output (name-label differs from the prompt?); run `xe host-list` on \(host.name)")
        }
        let members = context.topology.members(ofPool: pool.uuid)
        var evidence = ["pool \(pool.uuid) '\(pool.name_label ?? "")' has master \(pool.master ?? "?") (\(host.sourceNote))",
                        "the pool's host list shows \(Self.names(members.hosts))"]
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
