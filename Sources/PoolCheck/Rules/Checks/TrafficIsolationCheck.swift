import TrafficProbe

/// Storage traffic crosses the storage interface and never the management one, as seen on
/// the wire. No packet in the window, or a capture file that holds no packet at all, is
/// inconclusive (error), never a pass.
struct TrafficIsolationCheck: HostCheck {
    var source: EvidenceKind? { .traffic }

    func evaluate(host: HostSubject, in context: RuleContext) -> Finding {
        let traffic = HostTraffic(host: host, context: context)
        if traffic.isEmpty {
            return Finding(host.target, .missingFacts,
                           "no capture for \(host.name); give --pcap \(host.name):management=FILE and \(host.name):storage=FILE, or --capture")
        }
        var evidence = (traffic.management.map { "management \($0.label): \($0.packets) packets, \($0.storagePackets) to/from the NFS server" }
            + traffic.storage.map { "storage \($0.label): \($0.packets) packets, \($0.storagePackets) to/from the NFS server" })
        evidence += traffic.other.map { "\($0.label): role unknown (not the management or storage interface in the facts)" }
        for problem in traffic.problems {
            evidence.append("\(problem.interface): \(problem.message)")
            if problem.kind == "no_such_interface" || problem.kind == "interface_down" {
                return Finding(host.target, .violated, "\(host.name): \(problem.message)", evidence: evidence)
            }
            return Finding(host.target, .couldNotCheck, "\(host.name): \(problem.message)", evidence: evidence)
        }
        if let observation = (traffic.management + traffic.storage + traffic.other).first, observation.isolation == nil {
            return Finding(host.target, .missingFacts,
                           "the NFS server's address is unknown, so storage packets cannot be told apart; plan storage.nfs.server",
                           evidence: evidence)
        }
        if let leak = traffic.management.first(where: { $0.storagePackets > 0 }) {
            let examples = (leak.isolation?.examples ?? []).prefix(3).map {
                "\($0.source):\($0.sourcePort) → \($0.destination):\($0.destinationPort) \($0.service.rawValue)"
            }
            return Finding(host.target, .violated,
                           "\(host.name): \(leak.storagePackets) storage packets on the management interface \(leak.label): "
                               + examples.joined(separator: "; "),
                           evidence: evidence,
                           remediation: "Find the route that sends the NFS server's traffic over management (`ip route get <server>`); "
                               + "the storage PIF's netmask must cover the server (xe pif-reconfigure-ip)")
        }
        if let empty = (traffic.management + traffic.storage).first(where: { $0.capturedPackets == 0 }) {
            return Finding(host.target, .couldNotCheck, "\(host.name): nothing captured on \(empty.label): no proof either way",
                           evidence: evidence)
        }
        guard !traffic.management.isEmpty, !traffic.storage.isEmpty else {
            let missing = traffic.management.isEmpty ? "management" : "storage"
            return Finding(host.target, .missingFacts, "\(host.name): no capture of its \(missing) interface; both are needed",
                           evidence: evidence)
        }
        if traffic.storage.allSatisfy({ $0.storagePackets == 0 }) {
            return Finding(host.target, .couldNotCheck,
                           "\(host.name): no storage traffic on either interface in the window; inconclusive (capture longer, or during I/O)",
                           evidence: evidence)
        }
        return Finding(host.target, .holds,
                       "\(host.name): \(traffic.storage.map(\.storagePackets).reduce(0, +)) storage packets on the storage interface, none on management",
                       evidence: evidence)
    }
}
