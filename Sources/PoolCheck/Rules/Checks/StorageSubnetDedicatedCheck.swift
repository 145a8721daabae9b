import Addressing

/// The storage interface has a static IP inside the storage subnet, nothing else on the
/// host (management included) is on or overlaps that subnet, it has no gateway, and the
/// NFS server is inside it — so storage traffic leaves on the storage NIC.
struct StorageSubnetDedicatedCheck: HostCheck {
    func evaluate(host: HostSubject, in context: RuleContext) -> Finding {
        let address: AddressEvidence
        switch host.configuredStorageAddress(in: context) {
        case .success(let configured): address = configured
        case .failure(let early): return early.finding
        }
        var evidence = ["storage address \(address.summary)"]
        var problems: [String] = []
        // The subnet the host is configured with is the one its traffic uses; the plan's is the expectation.
        let planned = context.plan?.storage?.subnet
        let configured = address.planned ? nil : address.subnet?.canonical
        guard let subnet = configured ?? planned else {
            return host.missing("the storage netmask", run: "`xe pif-param-list uuid=\(host.storagePIF?.uuid ?? "<PIF>")`")
        }
        evidence.append("storage subnet \(subnet) (\(configured != nil ? "as \(host.name)'s mask makes it" : "plan"))")
        if let planned, let configured, configured != planned {
            problems.append("the storage subnet is \(configured) as configured, the plan says \(planned)")
        }
        if let planned, !planned.contains(address.address) {
            problems.append("storage IP \(address.address) is outside the planned storage subnet \(planned)")
        }
        if let mode = address.mode, mode.lowercased() != "static" {
            problems.append("storage IP is configured by \(mode), not static")
        }
        if let gateway = address.gateway, !gateway.isEmpty {
            problems.append("storage interface has gateway \(gateway); only the management interface should")
        }
        var managementSubnets: [(Subnet, String)] = []
        if let own = host.managementAddress, !own.planned, let mine = own.subnet {
            managementSubnets.append((mine.canonical, "\(host.name)'s management interface"))
        }
        if let management = context.managementSubnet, !managementSubnets.contains(where: { $0.0 == management.subnet }) {
            managementSubnets.append((management.subnet, management.origin))
        }
        for (management, origin) in managementSubnets {
            evidence.append("management subnet \(management) (\(origin))")
            if management.overlaps(subnet) {
                problems.append("management subnet \(management) overlaps the storage subnet \(subnet)")
            }
        }
        for other in otherAddresses(of: host, excluding: address) {
            guard let otherSubnet = other.subnet else { continue }
            if otherSubnet.overlaps(subnet) && !managementSubnets.contains(where: { $0.0 == otherSubnet.canonical }) {
                problems.append("\(other.interface ?? "another interface") \(other.address)/\(otherSubnet.prefixLength) is on the storage subnet too")
            }
        }
        if let server = context.nfsServer {
            evidence.append("NFS server \(server.address) (\(server.origin))")
            if !server.planned, let plannedServer = context.plan?.nfs?.server, "\(plannedServer)" != server.address {
                problems.append("the SR's NFS server is \(server.address) (\(server.origin)), the plan says \(plannedServer)")
            }
            if let ip = IPAddress(server.address), !subnet.contains(ip) {
                problems.append("NFS server \(server.address) is outside the storage subnet \(subnet): its traffic will not use the storage NIC")
            }
        }
        if !problems.isEmpty {
            return Finding(host.target, .violated, "\(host.name): " + problems.joined(separator: "; "), evidence: evidence,
                           remediation: remediation(host, address, planned ?? subnet))
        }
        let note = address.planned ? " (planned address, interface not configured yet)" : ""
        return Finding(host.target, .holds, "\(host.name): storage IP \(address.address) is alone on \(subnet)\(note)",
                       evidence: evidence)
    }

    /// Every other addressed interface of the host: PIFs, then OS interfaces not already covered.
    private func otherAddresses(of host: HostSubject, excluding storage: AddressEvidence) -> [AddressEvidence] {
        var result: [AddressEvidence] = []
        for pif in host.pifs ?? [] where pif.uuid != host.storagePIF?.uuid {
            guard let ip = pif.IP.flatMap(IPAddress.init), ip != storage.address else { continue }
            result.append(AddressEvidence(address: ip, netmask: pif.netmask, interface: pif.device,
                                          origin: "xe PIF \(pif.device ?? pif.uuid)", planned: false))
        }
        for interface in host.observation?.interfaces ?? [] where interface.name != storage.interface && interface.name != "lo" {
            for (index, text) in interface.addresses.enumerated() {
                guard let ip = IPAddress(String(text.split(separator: "/")[0])), ip != storage.address,
                      !result.contains(where: { $0.address == ip }) else { continue }
                let mask = interface.netmask(ofAddressAt: index) ?? text.split(separator: "/").dropFirst().first.map(String.init)
                result.append(AddressEvidence(address: ip, netmask: mask, interface: interface.name,
                                              origin: "OS interface \(interface.name)", planned: false))
            }
        }
        return result
    }

    private func remediation(_ host: HostSubject, _ address: AddressEvidence, _ subnet: Subnet) -> String? {
        guard let pif = host.storagePIF, let mask = try? Netmask.dotted(prefixLength: subnet.prefixLength) else { return nil }
        let ip = subnet.contains(address.address) ? "\(address.address)" : "<free address in \(subnet)>"
        return "xe pif-reconfigure-ip uuid=\(pif.uuid) mode=static IP=\(ip) netmask=\(mask)"
    }
}
