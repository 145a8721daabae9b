/// A joining host must be the master of its own one-host pool with HA off
/// (XAPI refuses `xe pool-join` otherwise: HA_IS_ENABLED, and a pool's members cannot join another pool).
struct HostNotPooledCheck: HostCheck {
    func hosts(in context: RuleContext) -> [HostSubject] {
        guard let master = context.plan?.pool.master else { return context.hosts }
        return context.hosts.filter { $0.name != master }
    }

    func evaluate(host: HostSubject, in context: RuleContext) -> Finding {
        guard let database = host.database, let hosts = database.hosts else {
            return host.missing("the host list", run: "`xe host-list`")
        }
        guard let pool = database.pool else { return host.missing("the pool", run: "`xe pool-list`") }
        guard let own = host.record else {
            return Finding(host.target, .missingFacts,
                           "\(host.name): its own record is not in `xe host-list` output (name-label differs from the prompt?)")
        }
        var evidence = ["pool \(pool.uuid) '\(pool.name_label ?? "")' has master \(pool.master ?? "?") (xe pool-list on \(host.name))",
                        "xe host-list on \(host.name) shows \(hosts.records.map { $0.name_label ?? $0.uuid }.joined(separator: ", "))"]
        if let target = context.masterView?.pool, target.uuid == pool.uuid, context.masterView?.name != host.name {
            return Finding(host.target, .notApplicable,
                           "\(host.name) is already a member of pool '\(pool.name_label ?? pool.uuid)'; nothing to join",
                           evidence: evidence)
        }
        if pool.master != own.uuid {
            let master = hosts.records.first { $0.uuid == pool.master }?.name_label ?? pool.master ?? "?"
            return Finding(host.target, .violated,
                           "\(host.name) is a member of pool '\(pool.name_label ?? pool.uuid)' whose master is \(master)",
                           evidence: evidence,
                           remediation: "On that pool's master: xe pool-eject host-uuid=\(own.uuid)")
        }
        let others = hosts.records.filter { $0.uuid != own.uuid }
        if !others.isEmpty {
            return Finding(host.target, .violated,
                           "\(host.name) is the master of a pool with \(others.count) other member(s): "
                               + others.map { $0.name_label ?? $0.uuid }.joined(separator: ", "),
                           evidence: evidence,
                           remediation: "Eject the members first: " + others.map { "xe pool-eject host-uuid=\($0.uuid)" }.joined(separator: "; "))
        }
        guard hosts.complete else {
            return Finding(host.target, .missingFacts, "\(host.name): `xe host-list` output was filtered; run it unfiltered",
                           evidence: evidence)
        }
        if pool.ha_enabled == true {
            return Finding(host.target, .violated, "\(host.name)'s pool has HA enabled", evidence: evidence,
                           remediation: "xe pool-ha-disable")
        }
        evidence.append(pool.ha_enabled == false ? "ha-enabled: false" : "ha-enabled not shown (see join-ha-disabled)")
        return Finding(host.target, .holds, "\(host.name) is the master of its own one-host pool", evidence: evidence)
    }
}
