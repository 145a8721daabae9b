// What a prefix covers, and membership.
//
// Usable addresses: IPv4 reserves the network and broadcast addresses for
// prefixes up to /30; a /31 is a point-to-point link with both addresses usable
// (RFC 3021); a /32 is the one address. IPv6 has no broadcast and every address
// in a prefix counts as usable, including the all-zero-host "subnet-router
// anycast" address (RFC 4291 section 2.6.1): hosts may not normally be
// configured with it, but it is an address of the prefix, not a reserved edge
// like IPv4's, so it is neither excluded nor reported by `isNetworkOrBroadcast`.
extension Subnet {
    private var hostBits: Bits128 {
        Bits128.lowBits(family.bitWidth - prefixLength)
    }

    private var maskBits: Bits128 {
        Bits128.lowBits(family.bitWidth) & ~hostBits
    }

    /// IPv4 prefixes that keep a network and a broadcast address (/0 to /30).
    private var reservesEdges: Bool {
        family == .v4 && prefixLength <= 30
    }

    /// The address with host bits cleared.
    public var network: IPAddress {
        IPAddress(family: family, bits: address.bits & maskBits)
    }

    /// The all-host-bits-set address of an IPv4 prefix up to /30; nil for
    /// /31 and /32 (no broadcast, RFC 3021) and for IPv6 (no broadcast at all).
    public var broadcast: IPAddress? {
        reservesEdges ? lastAddress : nil
    }

    /// The lowest address of the prefix (the network address).
    public var firstAddress: IPAddress {
        network
    }

    /// The highest address of the prefix (all host bits set).
    public var lastAddress: IPAddress {
        IPAddress(family: family, bits: address.bits | hostBits)
    }

    /// The lowest address a host may use: network + 1 for IPv4 up to /30,
    /// otherwise the network address itself. Never nil; optional so callers
    /// need not change if a future family has prefixes without usable hosts.
    public var firstUsable: IPAddress? {
        reservesEdges ? network.successor() : network
    }

    /// The highest address a host may use: broadcast - 1 for IPv4 up to /30,
    /// otherwise the last address. Never nil (see `firstUsable`).
    public var lastUsable: IPAddress? {
        reservesEdges ? lastAddress.predecessor() : lastAddress
    }

    /// How many addresses the prefix holds, saturating at `UInt64.max` (IPv6 /64 and shorter).
    public var addressCount: UInt64 {
        let hostBitCount = family.bitWidth - prefixLength
        return hostBitCount >= 64 ? .max : 1 << UInt64(hostBitCount)
    }

    /// Addresses hosts may use: IPv4 2^(32-p) - 2 up to /30, 2 for /31, 1 for /32;
    /// IPv6 every address (saturating at `UInt64.max`).
    public var usableHostCount: UInt64 {
        reservesEdges ? addressCount - 2 : addressCount
    }

    /// The mask as an address: 255.255.255.240 for an IPv4 /28, ffff:ffff:ffff:ffff:: for an IPv6 /64.
    public var netmask: IPAddress {
        IPAddress(family: family, bits: maskBits)
    }

    /// Whether the address as written is not the network address ("172.16.0.40/28").
    public var hasHostBitsSet: Bool {
        address != network
    }

    /// The same prefix written from its network address: 172.16.0.40/28 -> 172.16.0.32/28.
    public var canonical: Subnet {
        Subnet(unchecked: network, prefixLength: prefixLength)
    }

    /// Whether the address lies in the prefix; always false across families.
    public func contains(_ address: IPAddress) -> Bool {
        address.family == family && address.bits & maskBits == network.bits
    }

    /// Whether every address of `other` lies in this prefix; false across families.
    public func contains(_ other: Subnet) -> Bool {
        other.family == family && other.prefixLength >= prefixLength && contains(other.network)
    }

    /// Whether the two prefixes share any address; false across families.
    /// Prefixes either nest or are disjoint, so sharing means one holds the other's network.
    public func overlaps(_ other: Subnet) -> Bool {
        contains(other.network) || other.contains(network)
    }

    /// Whether `address` is this IPv4 prefix's network or broadcast address,
    /// which a host must not be configured with. Only IPv4 /0 to /30 have them;
    /// /31, /32 and IPv6 always answer false (see the note at the top of this file).
    public func isNetworkOrBroadcast(_ address: IPAddress) -> Bool {
        reservesEdges && (address == network || address == lastAddress)
    }
}
