import Addressing

/// The storage netmask is contiguous, is the planned prefix (a /27 where a /28 was
/// planned silently widens the subnet), is the same on every host, and the IP is
/// neither the network nor the broadcast address.
struct StorageSubnetMaskCheck: HostCheck {
    func evaluate(_ context: RuleContext) -> [Finding] {
        let peers = peerPrefixes(in: context)
        return evaluateEachHost(in: context) { judge($0, peers: peers, in: context) }
    }

    func evaluate(host: HostSubject, in context: RuleContext) -> Finding {
        judge(host, peers: peerPrefixes(in: context), in: context)
    }

    /// Without a plan, hosts are compared with each other: every host's prefix, once.
    private func peerPrefixes(in context: RuleContext) -> PeerValues? {
        guard context.plan?.storage?.subnet == nil else { return nil }
        return PeerValues(context.hosts.map { host in
            (host.name, host.storageAddress?.netmask.flatMap { Int($0) ?? (try? Netmask.prefixLength(dotted: $0)) }.map(String.init))
        })
    }

    private func judge(_ host: HostSubject, peers: PeerValues?, in context: RuleContext) -> Finding {
        let address: AddressEvidence
        switch host.configuredStorageAddress(in: context) {
        case .success(let configured): address = configured
        case .failure(let early): return early.finding
        }
        guard let mask = address.netmask else {
            return host.missing("the storage netmask", run: "`xe pif-param-list uuid=\(host.storagePIF?.uuid ?? "<PIF>")`")
        }
        var evidence = ["storage address \(address.summary)"]
        let prefix: Int
        do {
            prefix = try Int(mask) ?? Netmask.prefixLength(dotted: mask)
        } catch {
            return Finding(host.target, .violated, "\(host.name): \(error)", evidence: evidence,
                           remediation: fix(host, address, prefix: context.plan?.storage?.subnet.prefixLength))
        }
        if let planned = context.plan?.storage?.subnet {
            evidence.append("planned storage subnet \(planned)")
            if prefix != planned.prefixLength {
                return Finding(host.target, .violated,
                               "\(host.name): storage netmask is /\(prefix) (\(mask)), the plan says /\(planned.prefixLength)",
                               evidence: evidence, remediation: fix(host, address, prefix: planned.prefixLength))
            }
        } else if let peers, let differing = peers.firstDiffering(from: String(prefix)) {
            evidence.append("\(differing.host) uses /\(differing.value)")
            return Finding(host.target, .violated,
                           "\(host.name): storage netmask /\(prefix) differs from \(differing.host)'s /\(differing.value)",
                           evidence: evidence)
        }
        if let subnet = try? Subnet(address: address.address, prefixLength: prefix), subnet.isNetworkOrBroadcast(address.address) {
            return Finding(host.target, .violated,
                           "\(host.name): \(address.address) is the network or broadcast address of \(subnet.canonical)",
                           evidence: evidence)
        }
        let note = address.planned ? " (planned address, interface not configured yet)" : ""
        return Finding(host.target, .holds, "\(host.name): storage netmask /\(prefix) as planned\(note)", evidence: evidence)
    }

    private func fix(_ host: HostSubject, _ address: AddressEvidence, prefix: Int?) -> String? {
        guard let pif = host.storagePIF, let prefix, let mask = try? Netmask.dotted(prefixLength: prefix) else { return nil }
        return "xe pif-reconfigure-ip uuid=\(pif.uuid) mode=static IP=\(address.address) netmask=\(mask)"
    }
}
