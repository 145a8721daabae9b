import Addressing

/// Every host's storage IP is distinct, and none is the NFS server's.
struct StorageIPUniqueCheck: Check {
    func evaluate(_ context: RuleContext) -> [Finding] {
        let target = context.poolTarget
        var owners: [IPAddress: [String]] = [:]
        var evidence: [String] = []
        for host in context.hosts {
            // An audit judges configured addresses only; planned ones stand in only in preflight.
            guard let address = host.storageAddress, !(address.planned && context.phase == .audit) else { continue }
            owners[address.address, default: []].append(host.name)
            evidence.append("\(host.name): \(address.summary)")
        }
        guard !owners.isEmpty else {
            return [Finding(target, .missingFacts, "no storage address is known; plan hosts[].storage_ip or collect `xe pif-list params=all`")]
        }
        if let server = context.nfsServer, let ip = IPAddress(server.address) {
            owners[ip, default: []].append("NFS server")
            evidence.append("NFS server \(server.address) (\(server.origin))")
        }
        let clashes = owners.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
        if !clashes.isEmpty {
            let text = clashes.map { "\($0.key) is used by \($0.value.joined(separator: " and "))" }.joined(separator: "; ")
            return [Finding(target, .violated, text, evidence: evidence)]
        }
        // Distinct among the addresses seen proves nothing about one that was hidden.
        let hidden = context.hosts.filter { $0.storageAddressHidden && context.phase == .audit }.map(\.name)
        if !hidden.isEmpty {
            return [Finding(target, .missingFacts, "the storage address of \(hidden.joined(separator: ", ")) was not shown (masked or no IP column); "
                            + "run `xe pif-list params=all` or `ip addr` there", evidence: evidence)]
        }
        let server = context.nfsServer == nil ? "" : " and the NFS server's"
        return [Finding(target, .holds, "\(evidence.count - (server.isEmpty ? 0 : 1)) hosts' storage addresses\(server) are all distinct",
                        evidence: evidence)]
    }
}
