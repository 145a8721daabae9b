import Addressing
import TrafficProbe

/// A capture file to write: its link type and frames, already encoded.
struct CaptureFile: Sendable {
    var linkType: LinkType
    var frames: [[UInt8]]

    func write(to path: String) throws {
        let writer = try PcapWriter(path: path, format: .pcap, linkType: linkType)
        for (index, frame) in frames.enumerated() {
            let stamp = PacketTimestamp(seconds: 1_700_000_000 + Int64(index / 1000), nanoseconds: Int64(index % 1000) * 1_000_000)
            try writer.write(frame, at: stamp)
        }
        try writer.close()
    }
}

/// Frames of the healthy pool's traffic, as xs-1 sees it on its interfaces. Addresses are
/// written into files only: nothing is ever sent.
enum Traffic {
    static let server = IPAddress("172.16.0.34")!
    static let storage = IPAddress("172.16.0.35")!
    static let management = IPAddress("172.16.0.10")!
    static let peer = IPAddress("172.16.0.11")!

    /// rpcbind over UDP, then an NFS TCP handshake (MSS given) and a write and reply.
    static func nfsConversation(from client: IPAddress = storage, mss: UInt16 = 1460, vlans: [VLANTag] = []) -> [SyntheticPacket] {
        [
            .udp(client, 900, to: server, 111, payloadLength: 56, vlans: vlans),
            .udp(server, 111, to: client, 900, payloadLength: 28, vlans: vlans),
            .tcp(client, 812, to: server, 2049, flags: [.syn], mss: mss, vlans: vlans),
            .tcp(server, 2049, to: client, 812, flags: [.syn, .ack], mss: mss, vlans: vlans),
            .tcp(client, 812, to: server, 2049, payloadLength: 1200, vlans: vlans),
            .tcp(server, 2049, to: client, 812, payloadLength: 100, vlans: vlans),
        ]
    }

    /// Management traffic that is not storage traffic (XAPI, ssh to the filer, DNS).
    static func managementChatter() -> [SyntheticPacket] {
        [
            .tcp(management, 40000, to: peer, 443, payloadLength: 300),
            .tcp(peer, 443, to: management, 40000, payloadLength: 900),
            .tcp(management, 40001, to: server, 22, payloadLength: 64),
            .udp(management, 5353, to: peer, 53, payloadLength: 40),
        ]
    }

    /// Storage-side traffic that is not NFS (ARP-less chatter between hosts' storage IPs).
    static func storageNoise() -> [SyntheticPacket] {
        [.tcp(storage, 50000, to: IPAddress("172.16.0.36")!, 8080, payloadLength: 200),
         .tcp(IPAddress("172.16.0.36")!, 8080, to: storage, 50000, payloadLength: 200)]
    }

    static func file(_ packets: [SyntheticPacket], _ linkType: LinkType = .ethernet) -> CaptureFile {
        CaptureFile(linkType: linkType, frames: packets.map { $0.encode(for: linkType) })
    }

    static func tag(_ id: UInt16) -> VLANTag { VLANTag(tpid: EtherType.vlan, priority: 0, dropEligible: false, vlanID: id) }

    /// A storage packet with its 802.1Q tag inline in a Linux cooked header, as libpcap
    /// writes `-i any` captures (SLL protocol 0x8100, then TCI and the real ethertype).
    static func cookedTagged(_ packet: SyntheticPacket, vlan: UInt16, linkType: LinkType) -> [UInt8] {
        var untagged = packet
        untagged.vlans = []
        // Encode as Ethernet to take the IP packet back out from behind the 14-byte header.
        let ethernet = untagged.encode(for: .ethernet)
        let ipPacket = Array(ethernet[14...])
        let inline: [UInt8] = [UInt8(vlan >> 8), UInt8(vlan & 0xFF), 0x08, 0x00] + ipPacket
        return FrameBuilder.link(linkType, source: packet.sourceMAC, destination: packet.destinationMAC,
                                 etherType: EtherType.vlan, payload: inline)
    }

    static func lacpFrames(count: Int, port: UInt16) -> [[UInt8]] {
        let actor = LACPParticipant(systemPriority: 65535, system: MACAddress(rawValue: 0x001F_29C4_9F5E), key: 1,
                                    portPriority: 255, port: port, state: [.activity, .aggregation, .synchronization, .collecting, .distributing])
        let partner = LACPParticipant(systemPriority: 32768, system: MACAddress(rawValue: 0x0011_2233_4455), key: 13,
                                      portPriority: 32768, port: port + 100, state: [.activity, .aggregation, .synchronization, .collecting, .distributing])
        return (0..<count).map { _ in
            FrameBuilder.link(.ethernet, source: MACAddress(rawValue: 0x001F_29C4_9F5E), destination: FrameBuilder.slowProtocolsMulticast,
                              etherType: EtherType.slowProtocols, payload: FrameBuilder.lacp(actor: actor, partner: partner))
        }
    }

    /// The healthy pair: management chatter on xenbr0, NFS on the storage bond.
    static func clean() -> [String: CaptureFile] {
        ["xs-1:management": file(managementChatter()), "xs-1:storage": file(nfsConversation())]
    }
}
