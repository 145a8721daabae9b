import Addressing
import Testing
import TrafficProbe

@Suite("Frame decoder")
struct FrameDecoderTests {
    @Test func ethernetIPv4TCPSynWithMSS() {
        let bytes = SyntheticPacket.tcp(Lab.hostStorage, 812, to: Lab.server, 2049, flags: [.syn], mss: 8960)
            .encode(for: .ethernet)
        let frame = FrameDecoder.decode(bytes, linkType: .ethernet)
        #expect(frame.problem == nil)
        #expect(frame.sourceMAC?.description == "02:16:3e:00:00:01")
        #expect(frame.destinationMAC?.description == "02:16:3e:00:00:02")
        #expect(frame.etherType == 0x0800)
        #expect(frame.sourceAddress == Lab.hostStorage)
        #expect(frame.destinationAddress == Lab.server)
        #expect(frame.ipPacketLength == 44)
        let tcp = try! #require(frame.tcp)
        #expect(tcp.sourcePort == 812 && tcp.destinationPort == 2049)
        #expect(tcp.flags == [.syn])
        #expect(tcp.headerLength == 24)
        #expect(tcp.maximumSegmentSize == 8960)
    }

    @Test func singleAndDoubleVLANTagsAreRecorded() {
        let single = SyntheticPacket.udp(Lab.hostStorage, 900, to: Lab.server, 111,
                                         vlans: [VLANTag(tpid: 0x8100, priority: 5, dropEligible: false, vlanID: 200)])
        let frame = FrameDecoder.decode(single.encode(for: .ethernet), linkType: .ethernet)
        #expect(frame.vlans.ids == [200])
        #expect(frame.vlans.outer?.priority == 5)
        #expect(frame.udp?.destinationPort == 111)

        let qinq = SyntheticPacket.tcp(Lab.hostStorage, 812, to: Lab.server, 2049, vlans: [
            VLANTag(tpid: 0x88A8, priority: 0, dropEligible: true, vlanID: 100),
            VLANTag(tpid: 0x8100, priority: 3, dropEligible: false, vlanID: 4094),
        ])
        let tagged = FrameDecoder.decode(qinq.encode(for: .ethernet), linkType: .ethernet)
        #expect(tagged.vlans.depth == 2)
        #expect(tagged.vlans.ids == [100, 4094])
        #expect(tagged.vlans.outer?.tpid == 0x88A8)
        #expect(tagged.vlans.outer?.dropEligible == true)
        #expect(tagged.tcp?.destinationPort == 2049)
        #expect(tagged.problem == nil)
    }

    /// The authentication header counts its length in 4-octet units minus 2 (RFC 4302),
    /// unlike the other extension headers: a 24-octet AH says 4.
    @Test func ipv6AuthenticationHeaderIsWalkedInItsOwnUnits() {
        let segment = FrameBuilder.tcp(sourcePort: 700, destinationPort: 2049, flags: [.syn], mss: 1440)
        let authentication: [UInt8] = [6, 4, 0, 0] + [UInt8](repeating: 0, count: 20)
        let packet = FrameBuilder.ipv6(source: IPAddress("fd00::35")!, destination: IPAddress("fd00::34")!,
                                       nextHeader: 51, payload: authentication + segment)
        let bytes = FrameBuilder.link(.ethernet, source: MACAddress(rawValue: 1), destination: MACAddress(rawValue: 2),
                                      etherType: 0x86DD, payload: packet)
        let frame = FrameDecoder.decode(bytes, linkType: .ethernet)
        #expect(frame.problem == nil)
        #expect(frame.tcp?.destinationPort == 2049)
        #expect(frame.tcp?.maximumSegmentSize == 1440)
    }

    @Test func ipv6WithExtensionHeadersReachesTCP() {
        let source = IPAddress("fd00::35")!
        let destination = IPAddress("fd00::34")!
        let segment = FrameBuilder.tcp(sourcePort: 700, destinationPort: 2049, flags: [.syn], mss: 1440)
        // Hop-by-hop (8 bytes, padding option) then destination options (16 bytes) then TCP.
        let hopByHop: [UInt8] = [60, 0, 1, 4, 0, 0, 0, 0]
        let destinationOptions: [UInt8] = [6, 1] + [UInt8](repeating: 0, count: 14)
        let packet = FrameBuilder.ipv6(source: source, destination: destination, nextHeader: 0,
                                       payload: hopByHop + destinationOptions + segment)
        let bytes = FrameBuilder.link(.ethernet, source: MACAddress(rawValue: 1), destination: MACAddress(rawValue: 2),
                                      etherType: 0x86DD, payload: packet)
        let frame = FrameDecoder.decode(bytes, linkType: .ethernet)
        #expect(frame.problem == nil)
        #expect(frame.sourceAddress == source)
        #expect(frame.destinationAddress?.description == "fd00::34")
        #expect(frame.tcp?.destinationPort == 2049)
        #expect(frame.tcp?.maximumSegmentSize == 1440)
        guard case .ipv6(let header) = frame.network else {
            Issue.record("not decoded as IPv6")
            return
        }
        #expect(header.protocolNumber == 6)
        #expect(frame.ipPacketLength == 40 + 24 + 24)
    }

    @Test func laterFragmentsCarryNoTransportHeader() {
        // IPv6: fragment header with offset 1 (8 bytes), then bytes that would look like TCP.
        let fragment: [UInt8] = [6, 0, 0, 8, 0, 0, 0, 1]
        let fakeTCP = FrameBuilder.tcp(sourcePort: 1, destinationPort: 2049, flags: [.syn])
        let packet6 = FrameBuilder.ipv6(source: IPAddress("fd00::1")!, destination: IPAddress("fd00::2")!,
                                        nextHeader: 44, payload: fragment + fakeTCP)
        let frame6 = FrameDecoder.decode(FrameBuilder.link(.ethernet, source: MACAddress(rawValue: 1),
                                                           destination: MACAddress(rawValue: 2),
                                                           etherType: 0x86DD, payload: packet6),
                                         linkType: .ethernet)
        #expect(frame6.tcp == nil)
        #expect(frame6.transport == .other(protocolNumber: 6))

        // IPv4: fragment offset 185 * 8.
        var packet4 = FrameBuilder.ipv4(source: Lab.hostStorage, destination: Lab.server, protocolNumber: 17,
                                        payload: FrameBuilder.udp(sourcePort: 1, destinationPort: 111))
        packet4[6] = 0x00
        packet4[7] = 185
        let frame4 = FrameDecoder.decode(FrameBuilder.link(.ethernet, source: MACAddress(rawValue: 1),
                                                           destination: MACAddress(rawValue: 2),
                                                           etherType: 0x0800, payload: packet4),
                                         linkType: .ethernet)
        #expect(frame4.udp == nil)
        guard case .ipv4(let header) = frame4.network else {
            Issue.record("not decoded as IPv4")
            return
        }
        #expect(header.fragmentOffset == 1480)
    }

    @Test func ethernetPaddingIsNotReadAsTCPOptions() {
        // A SYN whose header claims options, in a frame padded to 60 bytes:
        // the options would run into padding, past the IP Total Length.
        var segment = FrameBuilder.tcp(sourcePort: 812, destinationPort: 2049, flags: [.syn])
        segment[12] = 0x60  // data offset 6 words: 4 option bytes that are not in the packet
        let packet = FrameBuilder.ipv4(source: Lab.hostStorage, destination: Lab.server, protocolNumber: 6,
                                       payload: segment)
        var bytes = FrameBuilder.link(.ethernet, source: MACAddress(rawValue: 1), destination: MACAddress(rawValue: 2),
                                      etherType: 0x0800, payload: packet)
        bytes += [2, 4, 0x23, 0x28]  // padding that happens to look like an MSS option
        let frame = FrameDecoder.decode(bytes, linkType: .ethernet)
        #expect(frame.tcp?.maximumSegmentSize == nil)
        #expect(frame.problem == .truncated(layer: "tcp options"))
    }

    @Test func malformedHeadersAreNamedNotTrusted() {
        var packet = FrameBuilder.ipv4(source: Lab.hostStorage, destination: Lab.server, protocolNumber: 6,
                                       payload: FrameBuilder.tcp(sourcePort: 1, destinationPort: 2049, flags: [.syn]))
        packet[0] = 0x43  // IHL 3 words: impossible
        let badIHL = FrameDecoder.decode(FrameBuilder.link(.ethernet, source: MACAddress(rawValue: 1),
                                                           destination: MACAddress(rawValue: 2),
                                                           etherType: 0x0800, payload: packet),
                                         linkType: .ethernet)
        #expect(badIHL.problem == .malformed(layer: "ipv4"))
        #expect(badIHL.network == .none)

        var segment = FrameBuilder.tcp(sourcePort: 812, destinationPort: 2049, flags: [.syn], mss: 1460)
        segment[21] = 0  // MSS option length 0 must not loop forever
        let zeroLength = FrameDecoder.decode(
            FrameBuilder.link(.ethernet, source: MACAddress(rawValue: 1), destination: MACAddress(rawValue: 2),
                              etherType: 0x0800,
                              payload: FrameBuilder.ipv4(source: Lab.hostStorage, destination: Lab.server,
                                                         protocolNumber: 6, payload: segment)),
            linkType: .ethernet)
        #expect(zeroLength.tcp?.destinationPort == 2049)
        #expect(zeroLength.tcp?.maximumSegmentSize == nil)

        var shortOffset = FrameBuilder.tcp(sourcePort: 812, destinationPort: 2049, flags: [.ack])
        shortOffset[12] = 0x20  // data offset 2 words
        let bad = FrameDecoder.decode(
            FrameBuilder.link(.ethernet, source: MACAddress(rawValue: 1), destination: MACAddress(rawValue: 2),
                              etherType: 0x0800,
                              payload: FrameBuilder.ipv4(source: Lab.hostStorage, destination: Lab.server,
                                                         protocolNumber: 6, payload: shortOffset)),
            linkType: .ethernet)
        #expect(bad.problem == .malformed(layer: "tcp"))
        #expect(bad.tcp?.destinationPort == 2049)
    }

    @Test func everyPrefixOfAFrameDecodesWithoutReadingPastIt() {
        let full = SyntheticPacket.tcp(Lab.hostStorage, 812, to: Lab.server, 2049, flags: [.syn], mss: 1460,
                                       vlans: [VLANTag(tpid: 0x8100, priority: 0, dropEligible: false, vlanID: 7)])
            .encode(for: .ethernet)
        for length in 0..<full.count {
            let frame = FrameDecoder.decode(Array(full.prefix(length)), linkType: .ethernet)
            #expect(frame.problem != nil, "prefix of \(length) bytes should be reported as truncated")
            if length < 14 { #expect(frame.sourceMAC == nil) }
            if length < 18 + 20 { #expect(frame.sourceAddress == nil) }
            if length < full.count { #expect(frame.tcp?.maximumSegmentSize == nil) }
        }
        #expect(FrameDecoder.decode(full, linkType: .ethernet).problem == nil)
    }

    @Test func lacpPDUIsDecoded() {
        let actor = LACPParticipant(systemPriority: 65535, system: MACAddress("00:1b:21:aa:bb:cc")!, key: 9,
                                    portPriority: 255, port: 2,
                                    state: [.activity, .aggregation, .synchronization, .collecting, .distributing])
        let partner = LACPParticipant(systemPriority: 32768, system: MACAddress("00:0c:29:11:22:33")!, key: 13,
                                      portPriority: 32768, port: 27, state: [.activity, .shortTimeout])
        let bytes = FrameBuilder.link(.ethernet, source: MACAddress("00:1b:21:aa:bb:01")!,
                                      destination: FrameBuilder.slowProtocolsMulticast,
                                      etherType: 0x8809, payload: FrameBuilder.lacp(actor: actor, partner: partner))
        #expect(bytes.count == 124)
        let frame = FrameDecoder.decode(bytes, linkType: .ethernet)
        let pdu = try! #require(frame.lacp)
        #expect(pdu.version == 1)
        #expect(pdu.actor == actor)
        #expect(pdu.partner == partner)
        #expect(pdu.actor?.state.flagNames == ["activity", "aggregation", "synchronization", "collecting",
                                               "distributing"])
        // Cut inside the partner TLV: actor kept, partner absent, truncation named.
        let cut = FrameDecoder.decode(Array(bytes.prefix(14 + 2 + 20 + 10)), linkType: .ethernet)
        #expect(cut.lacp?.actor == actor)
        #expect(cut.lacp?.partner == nil)
        #expect(cut.problem == .truncated(layer: "lacp"))
    }

    @Test func cookedCapturesCarryDirectionAndInterfaceIndex() {
        var packet = SyntheticPacket.tcp(Lab.hostManagement, 812, to: Lab.server, 2049)
        packet.cookedPacketType = 4
        packet.interfaceIndex = 7
        let sll = FrameDecoder.decode(packet.encode(for: .linuxSLL), linkType: .linuxSLL)
        #expect(sll.cookedPacketType == 4)
        #expect(sll.cookedInterfaceIndex == nil)
        #expect(sll.sourceMAC == packet.sourceMAC)
        #expect(sll.tcp?.destinationPort == 2049)
        let sll2 = FrameDecoder.decode(packet.encode(for: .linuxSLL2), linkType: .linuxSLL2)
        #expect(sll2.cookedPacketType == 4)
        #expect(sll2.cookedInterfaceIndex == 7)
        #expect(sll2.destinationAddress == Lab.server)
        #expect(sll2.problem == nil)
    }

    @Test func addressesPrintInCanonicalForm() {
        #expect(IPAddress("172.16.0.34")?.description == "172.16.0.34")
        #expect(IPAddress("2001:DB8:0:0:0:0:0:1")?.description == "2001:db8::1")
        #expect(IPAddress("172.16.0.256") == nil)
        #expect(IPAddress("storage") == nil)
        #expect(MACAddress("02:16:3E:00:00:01")?.description == "02:16:3e:00:00:01")
        #expect(MACAddress("02:16:3e:00:00") == nil)
    }

    @Test func arbitraryBytesNeverTrap() {
        // Deterministic pseudo-random frames on every link type; the fuzzer
        // (fuzz/run-decoder.sh) explores far more, this guards regressions.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        var decodedIP = 0
        for round in 0..<20_000 {
            let length = Int(next() % 160)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: next()) }
            if round % 2 == 0 && length > 14 {  // steer half of them into IPv4/VLAN paths
                bytes[12] = round % 4 == 0 ? 0x08 : 0x81
                bytes[13] = 0x00
                if length > 14 { bytes[14] = 0x45 }
            }
            let linkType = [LinkType.ethernet, .linuxSLL, .linuxSLL2][round % 3]
            let frame = FrameDecoder.decode(bytes, linkType: linkType)
            if frame.sourceAddress != nil { decodedIP += 1 }
        }
        #expect(decodedIP > 0)
    }
}
