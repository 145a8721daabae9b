/// A pcap link-layer header type (LINKTYPE_/DLT_ value).
public struct LinkType: RawRepresentable, Hashable, Sendable, Codable {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Ethernet (DLT_EN10MB), 802.1Q/802.1ad tags inline.
    public static let ethernet = LinkType(rawValue: 1)
    /// Linux cooked capture v1 (DLT_LINUX_SLL), older `tcpdump -i any`.
    public static let linuxSLL = LinkType(rawValue: 113)
    /// Linux cooked capture v2 (DLT_LINUX_SLL2), `tcpdump -i any` since libpcap 1.10.
    public static let linuxSLL2 = LinkType(rawValue: 276)

    /// Link types the frame decoder understands.
    public static let supported: [LinkType] = [.ethernet, .linuxSLL, .linuxSLL2]

    public var isSupported: Bool { LinkType.supported.contains(self) }

    /// Short name as libpcap spells it, for messages.
    public var name: String {
        switch self {
        case .ethernet: return "EN10MB"
        case .linuxSLL: return "LINUX_SLL"
        case .linuxSLL2: return "LINUX_SLL2"
        default: return "DLT \(rawValue)"
        }
    }
}

/// Ethertypes the decoder acts on.
public enum EtherType {
    public static let ipv4: UInt16 = 0x0800
    public static let ipv6: UInt16 = 0x86DD
    public static let vlan: UInt16 = 0x8100
    public static let serviceVLAN: UInt16 = 0x88A8
    public static let legacyQinQ: UInt16 = 0x9100
    public static let slowProtocols: UInt16 = 0x8809

    static func isVLANTag(_ value: UInt16) -> Bool {
        value == vlan || value == serviceVLAN || value == legacyQinQ
    }
}
