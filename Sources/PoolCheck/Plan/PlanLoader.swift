import Addressing
import Foundation

/// Reads and validates a plan file; every mistake is an InputError with file:line.
public enum PlanLoader {
    public static func load(path: String) throws -> Plan {
        try parse(try TextFile.read(path, what: "plan"), file: path)
    }

    public static func parse(_ text: String, file: String) throws -> Plan {
        let root = try YAMLValue.parse(text, file: file).mapping(allowed: ["pool", "hosts", "networks", "storage"])
        var plan = Plan(file: file, pool: .init(), hosts: [], management: nil, storage: nil, nfs: nil)
        if let pool = root["pool"] {
            let fields = try pool.mapping(allowed: ["name", "description", "master"])
            plan.pool = .init(name: try fields["name"]?.string(), description: try fields["description"]?.string(),
                              master: try fields["master"]?.string())
        }
        guard let hosts = root["hosts"] else { throw InputError(file: file, line: nil, "the plan lists no hosts (key 'hosts')") }
        plan.hosts = try hosts.sequence().map(readHost)
        if let networks = root["networks"] {
            let fields = try networks.mapping(allowed: ["management", "storage"])
            plan.management = try fields["management"].map(readNetwork)
            plan.storage = try fields["storage"].map(readNetwork)
        }
        if let storage = root["storage"] {
            let fields = try storage.mapping(allowed: ["nfs"])
            if let nfs = fields["nfs"] {
                let spec = try nfs.mapping(allowed: ["server", "path"])
                guard let server = spec["server"], let path = spec["path"] else {
                    throw nfs.error("needs both 'server' and 'path'")
                }
                let exportPath = try path.string()
                guard exportPath.hasPrefix("/") else { throw path.error("'\(exportPath)' is not an absolute path") }
                plan.nfs = .init(server: try readAddress(server), path: exportPath)
            }
        }
        try validate(plan, root: root)
        return plan
    }

    private static func readHost(_ value: YAMLValue) throws -> Plan.HostSpec {
        let fields = try value.mapping(allowed: ["name", "address", "storage_ip"])
        guard let name = try fields["name"]?.string(), !name.isEmpty else { throw value.error("a host needs a 'name'") }
        return Plan.HostSpec(name: name, address: try fields["address"].map(readAddress),
                             storageIP: try fields["storage_ip"].map(readAddress), line: value.line)
    }

    private static func readNetwork(_ value: YAMLValue) throws -> Plan.NetworkSpec {
        if !value.isMapping {
            return Plan.NetworkSpec(subnet: try readSubnet(value))
        }
        let fields = try value.mapping(allowed: ["subnet", "device", "vlan", "mtu", "redundancy"])
        guard let subnet = fields["subnet"] else { throw value.error("needs a 'subnet'") }
        var spec = Plan.NetworkSpec(subnet: try readSubnet(subnet), device: try fields["device"]?.string())
        if let vlan = fields["vlan"] {
            spec.vlan = try vlan.int()
            guard (0...4094).contains(spec.vlan!) else { throw vlan.error("VLAN tag must be 0-4094") }
        }
        if let mtu = fields["mtu"] {
            spec.mtu = try mtu.int()
            guard (68...65535).contains(spec.mtu!) else { throw mtu.error("MTU must be 68-65535") }
        }
        if let redundancy = fields["redundancy"] {
            let word = try redundancy.string()
            guard let value = Plan.Redundancy(rawValue: word) else {
                throw redundancy.error("'\(word)' is not one of bond, multipath, none")
            }
            spec.redundancy = value
        }
        return spec
    }

    private static func readAddress(_ value: YAMLValue) throws -> IPAddress {
        let text = try value.string()
        guard let address = IPAddress(text) else { throw value.error("'\(text)' is not an IP address") }
        return address
    }

    private static func readSubnet(_ value: YAMLValue) throws -> Subnet {
        let text = try value.string()
        do {
            return try Subnet(parsing: text)
        } catch {
            throw value.error("'\(text)' is not a subnet: \(error)")
        }
    }

    /// Cross-field checks: planned addresses inside their subnets, names unique.
    private static func validate(_ plan: Plan, root: [String: YAMLValue]) throws {
        var seen: Set<String> = []
        for host in plan.hosts {
            let at = InputErrorSite(file: plan.file, line: host.line)
            guard seen.insert(host.name).inserted else { throw at.error("host '\(host.name)' is listed twice") }
            if let ip = host.storageIP, let storage = plan.storage, !storage.subnet.contains(ip) {
                throw at.error("hosts '\(host.name)': storage_ip \(ip) is outside the storage subnet \(storage.subnet)")
            }
            if let ip = host.address, let management = plan.management, !management.subnet.contains(ip) {
                throw at.error("hosts '\(host.name)': address \(ip) is outside the management subnet \(management.subnet)")
            }
        }
        if let master = plan.pool.master, plan.host(named: master) == nil {
            throw InputErrorSite(file: plan.file, line: root["pool"]?.line)
                .error("pool master '\(master)' is not one of the planned hosts")
        }
    }
}

private struct InputErrorSite {
    let file: String
    let line: Int?
    func error(_ message: String) -> InputError { InputError(file: file, line: line, message) }
}
