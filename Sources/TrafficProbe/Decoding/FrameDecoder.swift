import Addressing
/// Decodes captured frames layer by layer: link (Ethernet, Linux SLL, SLL2),
/// VLAN tags, IPv4/IPv6 (with extension headers), TCP/UDP, slow protocols.
///
/// Total: every input, including empty, truncated and hostile bytes, gives a
/// frame; what could not be read is left out and named in `problem`. Reads
/// never go past the captured bytes handed in.
public enum FrameDecoder {
    /// VLAN tags followed before giving up (real frames carry one or two).
    static let maximumVLANTags = 8
    /// IPv6 extension headers followed before giving up.
    static let maximumExtensionHeaders = 16

    public static func decode(_ bytes: [UInt8], linkType: LinkType) -> DecodedFrame {
        bytes.withUnsafeBytes { decode($0, linkType: linkType) }
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer, linkType: LinkType) -> DecodedFrame {
        let reader = ByteReader(bytes: bytes)
        var frame = DecodedFrame(linkType: linkType)
        guard let (etherType, payload) = decodeLink(reader, into: &frame) else { return frame }
        decodeEtherPayload(reader, etherType: etherType, at: payload, into: &frame)
        return frame
    }

    // MARK: Link layer

    /// Returns the ethertype and where its payload starts, or nil when the
    /// link header is incomplete or carries no ethertype.
    private static func decodeLink(_ reader: ByteReader, into frame: inout DecodedFrame)
        -> (UInt16, Int)?
    {
        switch frame.linkType {
        case .ethernet:
            guard let destination = reader.u48(0), let source = reader.u48(6),
                  let type = reader.u16(12)
            else {
                frame.problem = .truncated(layer: "ethernet")
                return nil
            }
            frame.destinationMAC = MACAddress(rawValue: destination)
            frame.sourceMAC = MACAddress(rawValue: source)
            return etherTypeOrLength(type, payload: 14, into: &frame)
        case .linuxSLL:
            // packet type(2) ARPHRD(2) address length(2) address(8) protocol(2)
            guard let packetType = reader.u16(0), let hardware = reader.u16(2),
                  let addressLength = reader.u16(4), let type = reader.u16(14)
            else {
                frame.problem = .truncated(layer: "linux-sll")
                return nil
            }
            frame.cookedPacketType = packetType
            if addressLength == 6, let address = reader.u48(6) {
                frame.sourceMAC = MACAddress(rawValue: address)
            }
            return cookedProtocol(type, hardware: hardware, payload: 16, into: &frame)
        case .linuxSLL2:
            // protocol(2) reserved(2) ifindex(4) ARPHRD(2) packet type(1) address length(1) address(8)
            guard let type = reader.u16(0), let interfaceIndex = reader.u32(4),
                  let hardware = reader.u16(8), let packetType = reader.u8(10),
                  let addressLength = reader.u8(11), reader.has(8, at: 12)
            else {
                frame.problem = .truncated(layer: "linux-sll2")
                return nil
            }
            frame.cookedPacketType = UInt16(packetType)
            frame.cookedInterfaceIndex = interfaceIndex
            if addressLength == 6, let address = reader.u48(12) {
                frame.sourceMAC = MACAddress(rawValue: address)
            }
            return cookedProtocol(type, hardware: hardware, payload: 20, into: &frame)
        default:
            frame.problem = .malformed(layer: "unsupported link type \(frame.linkType.rawValue)")
            return nil
        }
    }

    /// Ethernet II carries an ethertype (>= 0x0600); smaller values are an
    /// 802.3 length field with LLC after it, which carries nothing we analyse.
    private static func etherTypeOrLength(_ value: UInt16, payload: Int, into frame: inout DecodedFrame)
        -> (UInt16, Int)?
    {
        guard value >= 0x0600 else { return nil }
        return (value, payload)
    }

    private static let arphrdNetlink: UInt16 = 824

    private static func cookedProtocol(_ value: UInt16, hardware: UInt16, payload: Int,
                                       into frame: inout DecodedFrame) -> (UInt16, Int)? {
        // Netlink captures reuse the field for the netlink family.
        guard hardware != arphrdNetlink else { return nil }
        return etherTypeOrLength(value, payload: payload, into: &frame)
    }

    // MARK: VLAN and network layer

    private static func decodeEtherPayload(_ reader: ByteReader, etherType firstType: UInt16,
                                           at start: Int, into frame: inout DecodedFrame) {
        var etherType = firstType
        var offset = start
        while EtherType.isVLANTag(etherType) {
            guard frame.vlans.depth < maximumVLANTags else {
                frame.problem = .malformed(layer: "vlan (more than \(maximumVLANTags) tags)")
                return
            }
            guard let tci = reader.u16(offset), let next = reader.u16(offset + 2) else {
                frame.problem = .truncated(layer: "vlan")
                return
            }
            frame.vlans.push(VLANTag(tpid: etherType, tci: tci))
            etherType = next
            offset += 4
        }
        guard etherType >= 0x0600 else { return }
        frame.etherType = etherType
        switch etherType {
        case EtherType.ipv4:
            decodeIPv4(reader, at: offset, into: &frame)
        case EtherType.ipv6:
            decodeIPv6(reader, at: offset, into: &frame)
        case EtherType.slowProtocols:
            guard let (pdu, truncated) = SlowProtocolDecoder.decode(reader, at: offset) else {
                frame.problem = .truncated(layer: "slow-protocols")
                return
            }
            frame.network = .slowProtocol(pdu)
            if truncated { frame.problem = .truncated(layer: "lacp") }
        default:
            frame.network = .other(etherType: etherType)
        }
    }

    private static func decodeIPv4(_ reader: ByteReader, at offset: Int, into frame: inout DecodedFrame) {
        guard let versionAndLength = reader.u8(offset), let totalLength = reader.u16(offset + 2),
              let fragment = reader.u16(offset + 6), let ttl = reader.u8(offset + 8),
              let protocolNumber = reader.u8(offset + 9),
              let source = reader.u32(offset + 12), let destination = reader.u32(offset + 16)
        else {
            frame.problem = .truncated(layer: "ipv4")
            return
        }
        let headerLength = Int(versionAndLength & 0x0F) * 4
        guard versionAndLength >> 4 == 4, headerLength >= 20 else {
            frame.problem = .malformed(layer: "ipv4")
            return
        }
        let fragmentOffset = Int(fragment & 0x1FFF) * 8
        frame.network = .ipv4(IPv4Header(
            source: .v4(IPv4Address(source)), destination: .v4(IPv4Address(destination)), protocolNumber: protocolNumber,
            totalLength: totalLength, headerLength: headerLength, timeToLive: ttl,
            fragmentOffset: fragmentOffset, moreFragments: fragment & 0x2000 != 0))
        guard fragmentOffset == 0 else {
            frame.transport = .other(protocolNumber: protocolNumber)
            return
        }
        // Transport bytes end at the IP packet's end (Ethernet pads short
        // frames), unless Total Length is implausible, as with offloaded frames.
        let packetEnd = Int(totalLength) >= headerLength ? offset + Int(totalLength) : reader.count
        decodeTransport(reader, protocolNumber: protocolNumber, at: offset + headerLength,
                        end: min(packetEnd, reader.count), into: &frame)
    }

    private static func decodeIPv6(_ reader: ByteReader, at offset: Int, into frame: inout DecodedFrame) {
        guard let first = reader.u8(offset), let payloadLength = reader.u16(offset + 4),
              let nextHeader = reader.u8(offset + 6), let hopLimit = reader.u8(offset + 7),
              let sourceHigh = reader.u64(offset + 8), let sourceLow = reader.u64(offset + 16),
              let destinationHigh = reader.u64(offset + 24), let destinationLow = reader.u64(offset + 32)
        else {
            frame.problem = .truncated(layer: "ipv6")
            return
        }
        guard first >> 4 == 6 else {
            frame.problem = .malformed(layer: "ipv6")
            return
        }
        let packetEnd = payloadLength > 0 ? offset + 40 + Int(payloadLength) : reader.count
        let end = min(packetEnd, reader.count)
        let walk = walkExtensionHeaders(reader, first: nextHeader, at: offset + 40, end: end)
        frame.network = .ipv6(IPv6Header(
            source: .v6(IPv6Address(high: sourceHigh, low: sourceLow)),
            destination: .v6(IPv6Address(high: destinationHigh, low: destinationLow)),
            protocolNumber: walk.protocolNumber, payloadLength: payloadLength, hopLimit: hopLimit,
            isLaterFragment: walk.laterFragment))
        if walk.truncated {
            frame.problem = .truncated(layer: "ipv6 extension header")
            return
        }
        guard !walk.laterFragment else {
            frame.transport = .other(protocolNumber: walk.protocolNumber)
            return
        }
        decodeTransport(reader, protocolNumber: walk.protocolNumber, at: walk.offset, end: end,
                        into: &frame)
    }

    private struct ExtensionWalk {
        var protocolNumber: UInt8
        var offset: Int
        var laterFragment = false
        var truncated = false
    }

    private static func walkExtensionHeaders(_ reader: ByteReader, first: UInt8, at start: Int,
                                             end: Int) -> ExtensionWalk {
        var walk = ExtensionWalk(protocolNumber: first, offset: start)
        for _ in 0..<maximumExtensionHeaders {
            switch walk.protocolNumber {
            // hop-by-hop, routing, destination options, mobility, HIP, shim6; and the
            // authentication header, whose length counts 4-octet units minus 2, not 8 minus 1
            case 0, 43, 60, 135, 139, 140, 51:
                guard walk.offset + 2 <= end, let next = reader.u8(walk.offset),
                      let length = reader.u8(walk.offset + 1)
                else {
                    walk.truncated = true
                    return walk
                }
                walk.offset += walk.protocolNumber == 51 ? (Int(length) + 2) * 4 : (Int(length) + 1) * 8
                walk.protocolNumber = next
            case 44:  // fragment
                guard walk.offset + 8 <= end, let next = reader.u8(walk.offset),
                      let offsetAndFlags = reader.u16(walk.offset + 2)
                else {
                    walk.truncated = true
                    return walk
                }
                walk.protocolNumber = next
                walk.offset += 8
                if offsetAndFlags >> 3 != 0 {
                    walk.laterFragment = true
                    return walk
                }
            default:
                return walk
            }
        }
        return walk
    }

    // MARK: Transport layer

    private static let tcpProtocol: UInt8 = 6
    private static let udpProtocol: UInt8 = 17

    private static func decodeTransport(_ reader: ByteReader, protocolNumber: UInt8, at offset: Int,
                                        end: Int, into frame: inout DecodedFrame) {
        switch protocolNumber {
        case tcpProtocol:
            decodeTCP(reader, at: offset, end: end, into: &frame)
        case udpProtocol:
            guard offset + 8 <= end, let source = reader.u16(offset),
                  let destination = reader.u16(offset + 2), let length = reader.u16(offset + 4)
            else {
                frame.problem = .truncated(layer: "udp")
                frame.transport = .other(protocolNumber: protocolNumber)
                return
            }
            frame.transport = .udp(UDPHeader(sourcePort: source, destinationPort: destination, length: length))
        default:
            frame.transport = .other(protocolNumber: protocolNumber)
        }
    }

    private static let mssOption: UInt8 = 2

    private static func decodeTCP(_ reader: ByteReader, at offset: Int, end: Int,
                                  into frame: inout DecodedFrame) {
        guard offset + 20 <= end, let source = reader.u16(offset),
              let destination = reader.u16(offset + 2),
              let offsetAndFlags = reader.u16(offset + 12)
        else {
            frame.problem = .truncated(layer: "tcp")
            frame.transport = .other(protocolNumber: tcpProtocol)
            return
        }
        let headerLength = Int(offsetAndFlags >> 12) * 4
        let flags = TCPFlags(rawValue: offsetAndFlags & 0x01FF)
        guard headerLength >= 20 else {
            frame.problem = .malformed(layer: "tcp")
            frame.transport = .tcp(TCPHeader(sourcePort: source, destinationPort: destination,
                                             flags: flags, headerLength: headerLength,
                                             maximumSegmentSize: nil))
            return
        }
        let optionsEnd = min(offset + headerLength, end)
        if offset + headerLength > end { frame.problem = .truncated(layer: "tcp options") }
        frame.transport = .tcp(TCPHeader(
            sourcePort: source, destinationPort: destination, flags: flags, headerLength: headerLength,
            maximumSegmentSize: findMSS(reader, from: offset + 20, to: optionsEnd)))
    }

    private static func findMSS(_ reader: ByteReader, from start: Int, to end: Int) -> UInt16? {
        var cursor = start
        while cursor < end, let kind = reader.u8(cursor) {
            switch kind {
            case 0: return nil  // end of options
            case 1: cursor += 1  // no-op padding
            default:
                guard cursor + 1 < end, let length = reader.u8(cursor + 1), length >= 2,
                      cursor + Int(length) <= end
                else { return nil }
                if kind == mssOption, length == 4 { return reader.u16(cursor + 2) }
                cursor += Int(length)
            }
        }
        return nil
    }
}
