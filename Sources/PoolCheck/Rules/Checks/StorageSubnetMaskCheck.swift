import Addressing

/// The storage netmask is contiguous, is the planned prefix (a /27 where a /28 was
/// planned silently widens the subnet), is the same on every host, and the IP is
/// neither the network nor the broadcast address.
struct StorageSubnetMaskCheck: HostCheck {
    func evaluate(host: HostSubject, in context: RuleContext) -> Finding {
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
        } else {
            let others = context.hosts.compactMap { other -> (String, Int)? in
                guard other.name != host.name, let mask = other.storageAddress?.netmask,
                      let prefix = Int(mask) ?? (try? Netmask.prefixLength(dotted: mask)) else { return nil }
                return (other.name, prefix)
            }
            if let differing = others.first(where: { $0.1 != prefix }) {
                evidence.append("\(differing.0) uses /\(differing.1)")
                return Finding(host.target, .violated,
                               "\(host.name): storage netmask /\(prefix) differs from \(differing.0)'s /\(differing.1)",
                               evidence: evidence)
            }
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
