import TrafficProbe

/// The captures that concern one host, sorted by the role of the interface they were
/// taken on: `--pcap xs-1:management=F`, or a device/bridge name the facts give that role.
struct HostTraffic {
    var management: [TrafficObservation] = []
    var storage: [TrafficObservation] = []
    /// Captures on interfaces whose role the facts do not tell.
    var other: [TrafficObservation] = []
    var problems: [CaptureProblem] = []

    var isEmpty: Bool { management.isEmpty && storage.isEmpty && other.isEmpty && problems.isEmpty }

    init(host: HostSubject, context: RuleContext) {
        guard !context.facts.traffic.isEmpty || !context.facts.captureProblems.isEmpty else { return }
        let single = context.hosts.count == 1
        func mine(_ name: String?) -> Bool { name == host.name || (name == nil && single) }
        let management = Self.names(of: host.managementPIF, address: host.managementAddress, word: "management", host: host, context: context)
        let storage = Self.names(of: host.storagePIF, address: host.storageAddress, word: "storage", host: host, context: context)
            .union([context.plan?.storage?.device].compactMap { $0 })
        for observation in context.facts.traffic where mine(observation.host) {
            if management.contains(observation.interface) {
                self.management.append(observation)
            } else if storage.contains(observation.interface) {
                self.storage.append(observation)
            } else {
                other.append(observation)
            }
        }
        problems = context.facts.captureProblems.filter { mine($0.host) }
    }

    /// The names an interface goes by: the role word, the PIF's device, its network's bridge
    /// (xenbrN), and the OS interface that holds its address.
    private static func names(of pif: PIF?, address: AddressEvidence?, word: String, host: HostSubject,
                              context: RuleContext) -> Set<String> {
        var names: Set<String> = [word]
        if let device = pif?.device {
            names.insert(device)
            names.insert(device.replacingOccurrences(of: "eth", with: "xenbr"))
        }
        if let bridge = pif?.network.flatMap(context.topology.network)?.bridge { names.insert(bridge) }
        if let interface = address?.interface { names.insert(interface) }
        return names
    }
}

extension TrafficObservation {
    /// "xenbr0 (file mgmt.pcap)" for messages.
    var label: String { "\(interface) (\(source.path.map { "file \($0)" } ?? "live capture"))" }

    var storagePackets: Int { isolation?.packets ?? 0 }
}
