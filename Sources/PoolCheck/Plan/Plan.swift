import Addressing

/// The desired state of a pool (DESIGN.md "Plan file").
public struct Plan: Sendable, Equatable {
    public struct PoolSpec: Sendable, Equatable {
        public var name: String?
        public var description: String?
        /// Name of the host that is (or will be) the master.
        public var master: String?
    }

    public struct HostSpec: Sendable, Equatable {
        public var name: String
        public var address: IPAddress?
        public var storageIP: IPAddress?
        /// Line in the plan file, for messages.
        public var line: Int?
    }

    public enum Redundancy: String, Sendable, CaseIterable {
        case bond, multipath, none
    }

    public struct NetworkSpec: Sendable, Equatable {
        public var subnet: Subnet
        /// Device (eth2) or bridge the network uses, when planned.
        public var device: String?
        public var vlan: Int?
        public var mtu: Int?
        public var redundancy: Redundancy?
    }

    public struct NFSSpec: Sendable, Equatable {
        public var server: IPAddress
        public var path: String
    }

    public var file: String
    public var pool: PoolSpec
    public var hosts: [HostSpec]
    public var management: NetworkSpec?
    public var storage: NetworkSpec?
    public var nfs: NFSSpec?

    public func host(named name: String) -> HostSpec? { hosts.first { $0.name == name } }

    /// Hosts that join the master's pool (every planned host but the master).
    public var joiningHosts: [HostSpec] { hosts.filter { $0.name != pool.master } }
}
