// Writes seed inputs for the decoder fuzzer: one file per representative
// frame (link-type selector byte + frame), built with FrameBuilder.
import Addressing
#if canImport(Glibc)
import Glibc
#endif

@main
enum MakeSeeds {
    static func main() {
        let directory = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "fuzz-corpus"
        let server = IPAddress("172.16.0.34")!
        let host = IPAddress("172.16.0.35")!
        let server6 = IPAddress("fd00::34")!
        let host6 = IPAddress("fd00::35")!
        let tag = VLANTag(tpid: 0x8100, priority: 0, dropEligible: false, vlanID: 200)
        let outer = VLANTag(tpid: 0x88A8, priority: 0, dropEligible: false, vlanID: 10)

        var packets: [SyntheticPacket] = [
            .tcp(host, 812, to: server, 2049, flags: [.syn], mss: 1460),
            .tcp(server, 2049, to: host, 812, flags: [.syn, .ack], mss: 8960, vlans: [tag]),
            .tcp(host, 812, to: server, 2049, payloadLength: 40, vlans: [outer, tag]),
            .udp(host, 900, to: server, 111, payloadLength: 20),
            .tcp(host6, 700, to: server6, 2049, flags: [.syn], mss: 1440),
            .udp(server6, 20048, to: host6, 900, payloadLength: 8),
        ]
        packets[0].cookedPacketType = 4
        // IPv6 with an 802.1Q tag and with a QinQ stack: on SLL/SLL2 the tags are inline after
        // the cooked header (protocol field = the outer TPID), as libpcap writes them.
        packets.append(.tcp(host6, 701, to: server6, 2049, payloadLength: 16, vlans: [tag]))
        packets.append(.udp(server6, 111, to: host6, 902, payloadLength: 8, vlans: [outer, tag]))

        var seeds: [[UInt8]] = []
        for (selector, linkType) in [LinkType.ethernet, .linuxSLL, .linuxSLL2].enumerated() {
            for packet in packets { seeds.append([UInt8(selector)] + packet.encode(for: linkType)) }
        }
        let participant = LACPParticipant(systemPriority: 1, system: MACAddress(rawValue: 0x0000_1B21_AABB), key: 9,
                                          portPriority: 1, port: 2, state: [.activity, .synchronization])
        seeds.append([0] + FrameBuilder.link(.ethernet, source: MACAddress(rawValue: 1),
                                             destination: FrameBuilder.slowProtocolsMulticast, etherType: 0x8809,
                                             payload: FrameBuilder.lacp(actor: participant, partner: participant)))
        // IPv6 with hop-by-hop and fragment headers.
        let extensionHeaders: [UInt8] = [44, 0, 1, 4, 0, 0, 0, 0] + [6, 0, 0, 0, 0, 0, 0, 1]
        seeds.append([0] + FrameBuilder.link(.ethernet, source: MACAddress(rawValue: 1), destination: MACAddress(rawValue: 2),
                                             etherType: 0x86DD,
                                             payload: FrameBuilder.ipv6(source: host6, destination: server6, nextHeader: 0,
                                                                        payload: extensionHeaders
                                                                            + FrameBuilder.tcp(sourcePort: 1, destinationPort: 2049,
                                                                                               flags: [.syn], mss: 1400))))

        mkdir(directory, 0o755)
        for (index, seed) in seeds.enumerated() {
            let path = "\(directory)/seed-\(index)"
            guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
            _ = seed.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            fclose(file)
        }
        print("wrote \(seeds.count) seeds to \(directory)")
    }
}
