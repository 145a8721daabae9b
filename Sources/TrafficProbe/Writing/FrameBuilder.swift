import Addressing
/// Builds wire-format frames for tests, the lab and benchmarks: link headers
/// (Ethernet with VLAN tags, Linux SLL, SLL2), IPv4/IPv6, TCP/UDP, LACP.
public enum FrameBuilder {
    /// Wraps a network-layer payload in the link header `linkType` uses.
    ///
    /// VLAN tags are inline on every link type. On Ethernet they sit between the
    /// source MAC and the ethertype. On a cooked header the protocol field holds
    /// the outer tag's TPID and each tag's TCI and next type follow the header:
    /// libpcap re-inserts a tag the kernel had moved to metadata that way in SLL
    /// captures (pcap-linux.c: the tag goes at the protocol field's offset; it
    /// does not for SLL2), and both carry a tag so that the kernel left in the
    /// packet (inserted in software on transmit, the inner tag of a QinQ frame).
    public static func link(_ linkType: LinkType, source: MACAddress, destination: MACAddress,
                            vlans: [VLANTag] = [], etherType: UInt16, payload: [UInt8],
                            cookedPacketType: UInt16 = 0, interfaceIndex: UInt32 = 1) -> [UInt8] {
        var frame: [UInt8] = []
        frame.reserveCapacity(payload.count + 24 + 4 * vlans.count)
        let protocolField = vlans.first?.tpid ?? etherType
        switch linkType {
        case .linuxSLL:
            frame.append16(cookedPacketType)
            frame.append16(1)  // ARPHRD_ETHER
            frame.append16(6)
            frame.append(contentsOf: source.bytes + [0, 0])
            frame.append16(protocolField)
            frame.appendTagBodies(vlans, etherType: etherType)
        case .linuxSLL2:
            frame.append16(protocolField)
            frame.append16(0)
            frame.append32(interfaceIndex)
            frame.append16(1)  // ARPHRD_ETHER
            frame.append(UInt8(truncatingIfNeeded: cookedPacketType))
            frame.append(6)
            frame.append(contentsOf: source.bytes + [0, 0])
            frame.appendTagBodies(vlans, etherType: etherType)
        default:
            frame.append(contentsOf: destination.bytes)
            frame.append(contentsOf: source.bytes)
            for tag in vlans {
                frame.append16(tag.tpid)
                frame.append16(tag.tci)
            }
            frame.append16(etherType)
        }
        frame.append(contentsOf: payload)
        return frame
    }

    /// An IPv4 packet with a correct header checksum. `totalLength` overrides
    /// the header's Total Length (to mimic offloaded or damaged packets).
    public static func ipv4(source: IPAddress, destination: IPAddress, protocolNumber: UInt8,
                            payload: [UInt8], timeToLive: UInt8 = 64, totalLength: Int? = nil) -> [UInt8] {
        var header: [UInt8] = [0x45, 0]
        header.append16(UInt16(truncatingIfNeeded: totalLength ?? (20 + payload.count)))
        header.append16(0x1234)  // identification
        header.append16(0x4000)  // don't fragment
        header.append(timeToLive)
        header.append(protocolNumber)
        header.append16(0)  // checksum, filled below
        header.append(contentsOf: source.octets)
        header.append(contentsOf: destination.octets)
        let checksum = internetChecksum(header)
        header[10] = UInt8(checksum >> 8)
        header[11] = UInt8(checksum & 0xFF)
        return header + payload
    }

    public static func ipv6(source: IPAddress, destination: IPAddress, nextHeader: UInt8,
                            payload: [UInt8], hopLimit: UInt8 = 64) -> [UInt8] {
        var header: [UInt8] = [0x60, 0, 0, 0]
        header.append16(UInt16(truncatingIfNeeded: payload.count))
        header.append(nextHeader)
        header.append(hopLimit)
        header.append(contentsOf: source.octets)
        header.append(contentsOf: destination.octets)
        return header + payload
    }

    /// A TCP segment (checksum left zero: nothing here verifies it), with an
    /// MSS option when `mss` is given, then `payloadLength` zero bytes.
    public static func tcp(sourcePort: UInt16, destinationPort: UInt16, flags: TCPFlags,
                           mss: UInt16? = nil, payloadLength: Int = 0) -> [UInt8] {
        let optionBytes = mss == nil ? 0 : 4
        var segment: [UInt8] = []
        segment.reserveCapacity(20 + optionBytes + payloadLength)
        segment.append16(sourcePort)
        segment.append16(destinationPort)
        segment.append32(1000)  // sequence
        segment.append32(flags.contains(.ack) ? 2000 : 0)
        segment.append16(UInt16((20 + optionBytes) / 4) << 12 | flags.rawValue)
        segment.append16(64240)  // window
        segment.append16(0)  // checksum
        segment.append16(0)  // urgent pointer
        if let mss {
            segment.append(2)
            segment.append(4)
            segment.append16(mss)
        }
        segment.append(contentsOf: repeatElement(0, count: payloadLength))
        return segment
    }

    public static func udp(sourcePort: UInt16, destinationPort: UInt16, payloadLength: Int = 0) -> [UInt8] {
        var datagram: [UInt8] = []
        datagram.append16(sourcePort)
        datagram.append16(destinationPort)
        datagram.append16(UInt16(truncatingIfNeeded: 8 + payloadLength))
        datagram.append16(0)
        datagram.append(contentsOf: repeatElement(0, count: payloadLength))
        return datagram
    }

    /// An LACPDU (slow protocols payload, ethertype 0x8809) with actor,
    /// partner, collector and terminator TLVs, padded to the standard 110 bytes.
    public static func lacp(actor: LACPParticipant, partner: LACPParticipant) -> [UInt8] {
        var pdu: [UInt8] = [1, 1]  // subtype LACP, version 1
        for (type, participant) in [(UInt8(1), actor), (UInt8(2), partner)] {
            pdu.append(type)
            pdu.append(20)
            pdu.append16(participant.systemPriority)
            pdu.append(contentsOf: participant.system.bytes)
            pdu.append16(participant.key)
            pdu.append16(participant.portPriority)
            pdu.append16(participant.port)
            pdu.append(participant.state.rawValue)
            pdu.append(contentsOf: [0, 0, 0])
        }
        pdu.append(contentsOf: [3, 16])  // collector information
        pdu.append16(0)  // max delay
        pdu.append(contentsOf: repeatElement(0, count: 12))
        pdu.append(contentsOf: [0, 0])  // terminator
        pdu.append(contentsOf: repeatElement(0, count: 110 - pdu.count))
        return pdu
    }

    /// The slow-protocols multicast address LACPDUs go to.
    public static let slowProtocolsMulticast = MACAddress(rawValue: 0x0180_C200_0002)

    static func internetChecksum(_ bytes: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        var index = 0
        while index + 1 < bytes.count {
            sum += UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
            index += 2
        }
        if index < bytes.count { sum += UInt32(bytes[index]) << 8 }
        while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
        return ~UInt16(sum)
    }
}

/// A TCP or UDP packet between two IP addresses, described as values and
/// encoded for any supported link type.
public struct SyntheticPacket: Sendable, Hashable {
    public enum Transport: Sendable, Hashable {
        case tcp(sourcePort: UInt16, destinationPort: UInt16, flags: TCPFlags, mss: UInt16?)
        case udp(sourcePort: UInt16, destinationPort: UInt16)
    }

    public var sourceMAC = MACAddress(rawValue: 0x0216_3E00_0001)
    public var destinationMAC = MACAddress(rawValue: 0x0216_3E00_0002)
    public var vlans: [VLANTag] = []
    public var source: IPAddress
    public var destination: IPAddress
    public var transport: Transport
    public var payloadLength: Int
    /// SLL/SLL2 packet type (0 to us, 4 sent by us).
    public var cookedPacketType: UInt16 = 0
    public var interfaceIndex: UInt32 = 1

    public init(source: IPAddress, destination: IPAddress, transport: Transport,
                payloadLength: Int = 0, vlans: [VLANTag] = []) {
        self.source = source
        self.destination = destination
        self.transport = transport
        self.payloadLength = payloadLength
        self.vlans = vlans
    }

    /// A TCP segment; SYNs carry `mss`.
    public static func tcp(_ source: IPAddress, _ sourcePort: UInt16, to destination: IPAddress,
                           _ destinationPort: UInt16, flags: TCPFlags = [.ack, .psh], mss: UInt16? = nil,
                           payloadLength: Int = 0, vlans: [VLANTag] = []) -> SyntheticPacket {
        SyntheticPacket(source: source, destination: destination,
                        transport: .tcp(sourcePort: sourcePort, destinationPort: destinationPort,
                                        flags: flags, mss: mss),
                        payloadLength: payloadLength, vlans: vlans)
    }

    public static func udp(_ source: IPAddress, _ sourcePort: UInt16, to destination: IPAddress,
                           _ destinationPort: UInt16, payloadLength: Int = 0,
                           vlans: [VLANTag] = []) -> SyntheticPacket {
        SyntheticPacket(source: source, destination: destination,
                        transport: .udp(sourcePort: sourcePort, destinationPort: destinationPort),
                        payloadLength: payloadLength, vlans: vlans)
    }

    public func encode(for linkType: LinkType) -> [UInt8] {
        let segment: [UInt8]
        let protocolNumber: UInt8
        switch transport {
        case .tcp(let sourcePort, let destinationPort, let flags, let mss):
            segment = FrameBuilder.tcp(sourcePort: sourcePort, destinationPort: destinationPort,
                                       flags: flags, mss: mss, payloadLength: payloadLength)
            protocolNumber = 6
        case .udp(let sourcePort, let destinationPort):
            segment = FrameBuilder.udp(sourcePort: sourcePort, destinationPort: destinationPort,
                                       payloadLength: payloadLength)
            protocolNumber = 17
        }
        let ipPacket = source.family == .v4
            ? FrameBuilder.ipv4(source: source, destination: destination, protocolNumber: protocolNumber,
                                payload: segment)
            : FrameBuilder.ipv6(source: source, destination: destination, nextHeader: protocolNumber,
                                payload: segment)
        return FrameBuilder.link(linkType, source: sourceMAC, destination: destinationMAC, vlans: vlans,
                                 etherType: source.family == .v4 ? EtherType.ipv4 : EtherType.ipv6,
                                 payload: ipPacket, cookedPacketType: cookedPacketType,
                                 interfaceIndex: interfaceIndex)
    }
}

extension [UInt8] {
    /// After a cooked header whose protocol field held the first tag's TPID: each
    /// tag's TCI followed by the next tag's TPID, or by `etherType` after the last.
    mutating func appendTagBodies(_ vlans: [VLANTag], etherType: UInt16) {
        for (index, tag) in vlans.enumerated() {
            append16(tag.tci)
            append16(index + 1 < vlans.count ? vlans[index + 1].tpid : etherType)
        }
    }

    mutating func append16(_ value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(value & 0xFF))
    }

    mutating func append32(_ value: UInt32) {
        append16(UInt16(value >> 16))
        append16(UInt16(value & 0xFFFF))
    }
}
