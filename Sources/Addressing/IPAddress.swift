/// IPv4 or IPv6.
public enum AddressFamily: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case v4
    case v6

    /// 32 or 128.
    public var bitWidth: Int {
        switch self {
        case .v4: return 32
        case .v6: return 128
        }
    }

    /// "IPv4" or "IPv6", for messages.
    public var description: String {
        switch self {
        case .v4: return "IPv4"
        case .v6: return "IPv6"
        }
    }
}

/// An address of either family. Orders every IPv4 address before every IPv6 one.
public enum IPAddress: Hashable, Comparable, Sendable {
    case v4(IPv4Address)
    case v6(IPv6Address)

    /// A dotted quad or IPv6 text; see `IPv4Address.init?(_:)` and `IPv6Address.init?(_:)`.
    public init?(_ string: String) {
        if let address = IPv4Address(string) {
            self = .v4(address)
        } else if let address = IPv6Address(string) {
            self = .v6(address)
        } else {
            return nil
        }
    }

    /// Like `init?(_:)` but says why the text was refused:
    /// "'300.1.1.1' is not an IPv4 or IPv6 address".
    public init(parsing text: String) throws {
        guard let address = IPAddress(text) else { throw AddressingError.notAnAddress(text) }
        self = address
    }

    public var family: AddressFamily {
        switch self {
        case .v4: return .v4
        case .v6: return .v6
        }
    }

    /// fe80::/10: an address every IPv6 link has, never one an admin configured for a network.
    public var isLinkLocalIPv6: Bool {
        guard case .v6(let address) = self else { return false }
        let octets = address.octets
        return octets[0] == 0xfe && octets[1] & 0xc0 == 0x80
    }

    /// Network-order octets (4 or 16), as in a packet header.
    public var octets: [UInt8] {
        switch self {
        case .v4(let address): return address.octets
        case .v6(let address): return address.octets
        }
    }

    /// The next address, or nil at the top of the family's space.
    public func successor() -> IPAddress? {
        switch self {
        case .v4(let address): return address.successor().map(IPAddress.v4)
        case .v6(let address): return address.successor().map(IPAddress.v6)
        }
    }

    /// The previous address, or nil at the bottom of the family's space.
    public func predecessor() -> IPAddress? {
        switch self {
        case .v4(let address): return address.predecessor().map(IPAddress.v4)
        case .v6(let address): return address.predecessor().map(IPAddress.v6)
        }
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        switch (lhs, rhs) {
        case let (.v4(left), .v4(right)): return left < right
        case let (.v6(left), .v6(right)): return left < right
        case (.v4, .v6): return true
        case (.v6, .v4): return false
        }
    }
}

extension IPAddress: CustomStringConvertible, LosslessStringConvertible {
    public var description: String {
        switch self {
        case .v4(let address): return address.description
        case .v6(let address): return address.description
        }
    }
}

extension IPAddress: TextCodable {}

// Bridging to the shared 128-bit arithmetic.
extension IPAddress {
    var bits: Bits128 {
        switch self {
        case .v4(let address): return Bits128(address)
        case .v6(let address): return Bits128(address)
        }
    }

    /// An address of `family` from bits (IPv4 takes the low 32).
    init(family: AddressFamily, bits: Bits128) {
        switch family {
        case .v4: self = .v4(IPv4Address(UInt32(truncatingIfNeeded: bits.low)))
        case .v6: self = .v6(IPv6Address(bits))
        }
    }
}
