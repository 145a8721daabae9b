import Addressing

/// An interface address with where it was read, so a result can say "xs-1 eth2 IP
/// 172.16.0.35/255.255.255.240 (xe pif-list)" or "planned, not configured yet".
public struct AddressEvidence: Sendable, Equatable {
    public var address: IPAddress
    /// The netmask as written (dotted or prefix), nil when only the address is known.
    public var netmask: String?
    public var gateway: String?
    /// Static, DHCP or None (xe's IP-configuration-mode), when known.
    public var mode: String?
    /// Device or bridge carrying the address.
    public var interface: String?
    public var origin: String
    /// True when this comes from the plan because the interface is not configured yet.
    public var planned: Bool

    public init(address: IPAddress, netmask: String?, gateway: String? = nil, mode: String? = nil,
                interface: String?, origin: String, planned: Bool) {
        self.address = address
        self.netmask = netmask
        self.gateway = gateway
        self.mode = mode
        self.interface = interface
        self.origin = origin
        self.planned = planned
    }

    /// The address with its mask; nil when the mask is absent or not a valid contiguous mask.
    public var subnet: Subnet? {
        guard let netmask else { return nil }
        if let prefix = Int(netmask) { return try? Subnet(address: address, prefixLength: prefix) }
        return try? Subnet(address: address, netmask: netmask)
    }

    public var summary: String {
        let mask = netmask.map { " netmask \($0)" } ?? ""
        let on = interface.map { " on \($0)" } ?? ""
        return "\(address)\(mask)\(on) (\(origin))"
    }
}
