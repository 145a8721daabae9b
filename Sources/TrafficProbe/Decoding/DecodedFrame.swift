import Addressing
/// One 802.1Q / 802.1ad tag as found on the wire.
public struct VLANTag: Hashable, Sendable, Codable {
    /// Tag protocol identifier: 0x8100 (C-tag), 0x88a8 (S-tag), 0x9100.
    public let tpid: UInt16
    public let priority: UInt8
    public let dropEligible: Bool
    public let vlanID: UInt16

    public init(tpid: UInt16, priority: UInt8, dropEligible: Bool, vlanID: UInt16) {
        self.tpid = tpid
        self.priority = priority & 0x7
        self.dropEligible = dropEligible
        self.vlanID = vlanID & 0x0FFF
    }

    init(tpid: UInt16, tci: UInt16) {
        self.init(tpid: tpid, priority: UInt8(tci >> 13), dropEligible: tci & 0x1000 != 0,
                  vlanID: tci & 0x0FFF)
    }

    var tci: UInt16 { UInt16(priority) << 13 | (dropEligible ? 0x1000 : 0) | vlanID }
}

/// The VLAN tags of a frame, outermost first. Keeps the first two inline so
/// decoding a tagged frame allocates nothing; `depth` counts all of them.
public struct VLANStack: Hashable, Sendable {
    public private(set) var outer: VLANTag?
    public private(set) var inner: VLANTag?
    public private(set) var depth: Int = 0

    public init() {}

    mutating func push(_ tag: VLANTag) {
        if depth == 0 { outer = tag } else if depth == 1 { inner = tag }
        depth += 1
    }

    public var isEmpty: Bool { depth == 0 }

    /// VLAN IDs outermost first (at most the first two).
    public var ids: [UInt16] {
        [outer, inner].compactMap { $0?.vlanID }
    }
}

public struct IPv4Header: Sendable, Hashable {
    public let source: IPAddress
    public let destination: IPAddress
    public let protocolNumber: UInt8
    /// The header's Total Length: the IP packet size the sender claimed.
    public let totalLength: UInt16
    public let headerLength: Int
    public let timeToLive: UInt8
    /// Fragment offset in bytes; non-zero means no transport header here.
    public let fragmentOffset: Int
    public let moreFragments: Bool
}

public struct IPv6Header: Sendable, Hashable {
    public let source: IPAddress
    public let destination: IPAddress
    /// The upper-layer protocol after any extension headers.
    public let protocolNumber: UInt8
    public let payloadLength: UInt16
    public let hopLimit: UInt8
    /// True for a fragment other than the first (no transport header).
    public let isLaterFragment: Bool
}

public struct TCPFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let fin = TCPFlags(rawValue: 0x001)
    public static let syn = TCPFlags(rawValue: 0x002)
    public static let rst = TCPFlags(rawValue: 0x004)
    public static let psh = TCPFlags(rawValue: 0x008)
    public static let ack = TCPFlags(rawValue: 0x010)
    public static let urg = TCPFlags(rawValue: 0x020)
    public static let ece = TCPFlags(rawValue: 0x040)
    public static let cwr = TCPFlags(rawValue: 0x080)
}

public struct TCPHeader: Sendable, Hashable {
    public let sourcePort: UInt16
    public let destinationPort: UInt16
    public let flags: TCPFlags
    public let headerLength: Int
    /// The MSS option, when present (legal only in SYN segments).
    public let maximumSegmentSize: UInt16?
}

public struct UDPHeader: Sendable, Hashable {
    public let sourcePort: UInt16
    public let destinationPort: UInt16
    public let length: UInt16
}

public enum NetworkLayer: Sendable, Hashable {
    case none
    case ipv4(IPv4Header)
    case ipv6(IPv6Header)
    case slowProtocol(SlowProtocolPDU)
    case other(etherType: UInt16)
}

public enum TransportLayer: Sendable, Hashable {
    case none
    case tcp(TCPHeader)
    case udp(UDPHeader)
    case other(protocolNumber: UInt8)
}

/// What stopped decoding early, if anything.
public enum DecodeProblem: Sendable, Hashable {
    /// The capture ended inside this layer's header (snap length or damage).
    case truncated(layer: String)
    /// A header field is impossible (bad version, header length too small).
    case malformed(layer: String)
}

/// Everything the decoder learned about one frame. Pure value; holds no
/// pointer into capture buffers.
public struct DecodedFrame: Sendable, Hashable {
    public var linkType: LinkType
    /// Ethernet source, or the SLL/SLL2 link-layer address when it is a MAC.
    public var sourceMAC: MACAddress?
    /// Ethernet destination (absent for cooked captures).
    public var destinationMAC: MACAddress?
    /// SLL/SLL2 packet type: 0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us.
    public var cookedPacketType: UInt16?
    /// SLL2 interface index (which interface `tcpdump -i any` saw it on).
    public var cookedInterfaceIndex: UInt32?
    public var vlans = VLANStack()
    /// The innermost ethertype, after VLAN tags; nil for 802.3 length frames.
    public var etherType: UInt16?
    public var network: NetworkLayer = .none
    public var transport: TransportLayer = .none
    public var problem: DecodeProblem?

    public init(linkType: LinkType) { self.linkType = linkType }

    public var sourceAddress: IPAddress? {
        switch network {
        case .ipv4(let header): return header.source
        case .ipv6(let header): return header.source
        default: return nil
        }
    }

    public var destinationAddress: IPAddress? {
        switch network {
        case .ipv4(let header): return header.destination
        case .ipv6(let header): return header.destination
        default: return nil
        }
    }

    /// The IP packet size the header claims (IPv4 Total Length, IPv6 40 + Payload Length).
    public var ipPacketLength: Int? {
        switch network {
        case .ipv4(let header): return Int(header.totalLength)
        case .ipv6(let header): return 40 + Int(header.payloadLength)
        default: return nil
        }
    }

    public var tcp: TCPHeader? {
        if case .tcp(let header) = transport { return header }
        return nil
    }

    public var udp: UDPHeader? {
        if case .udp(let header) = transport { return header }
        return nil
    }

    public var lacp: LACPPDU? {
        if case .slowProtocol(.lacp(let pdu)) = network { return pdu }
        return nil
    }
}
