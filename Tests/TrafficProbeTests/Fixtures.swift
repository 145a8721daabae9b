import Addressing
import Foundation
import TrafficProbe

/// A temporary directory for capture files a test writes, removed on deinit.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("trafficprobe-tests-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Lab-like addresses from the scenario.
enum Lab {
    static let server = IPAddress("172.16.0.34")!
    static let hostStorage = IPAddress("172.16.0.35")!
    static let hostManagement = IPAddress("172.16.0.10")!
    static let otherHost = IPAddress("172.16.0.11")!
    static let mountdPort: UInt16 = 20048
}

/// Writes frames to a capture file, one millisecond apart from a fixed start.
@discardableResult
func writeCapture(_ path: String, linkType: LinkType = .ethernet, format: CaptureFileFormat = .pcap,
                  nanoseconds: Bool = false, frames: [[UInt8]], wireLengths: [Int?]? = nil,
                  snapLength: Int = 262_144) throws -> [PacketTimestamp] {
    let writer = try PcapWriter(path: path, format: format, linkType: linkType, snapLength: snapLength,
                                nanosecondTimestamps: nanoseconds)
    var stamps: [PacketTimestamp] = []
    for (index, frame) in frames.enumerated() {
        let stamp = PacketTimestamp(seconds: 1_700_000_000 + Int64(index / 1000),
                                    nanoseconds: Int64(index % 1000) * 1_000_000 + (nanoseconds ? 789 : 0))
        try writer.write(frame, at: stamp, wireLength: wireLengths?[index] ?? nil)
        stamps.append(stamp)
    }
    try writer.close()
    return stamps
}

/// Reads every packet of a file back (bytes copied), through an optional filter.
func readBack(_ path: String, filter: String? = nil, anyLinkType: Bool = false) throws
    -> (LinkType, [(PacketInfo, [UInt8])])
{
    let reader = try PcapFileReader(path: path, acceptAnyLinkType: anyLinkType)
    if let filter { try reader.setFilter(filter) }
    var packets: [(PacketInfo, [UInt8])] = []
    try reader.forEachPacket { info, bytes in packets.append((info, Array(bytes))) }
    return (reader.linkType, packets)
}

/// A short NFS conversation between a host address and the server: SYN with
/// MSS, SYN-ACK, a write call, a reply; plus an rpcbind UDP query and reply.
func nfsConversation(from client: IPAddress, vlans: [VLANTag] = [], mss: UInt16 = 1460,
                     clientPort: UInt16 = 812) -> [SyntheticPacket] {
    let server = Lab.server
    return [
        .udp(client, 900, to: server, 111, payloadLength: 56, vlans: vlans),
        .udp(server, 111, to: client, 900, payloadLength: 28, vlans: vlans),
        .tcp(client, clientPort, to: server, 2049, flags: [.syn], mss: mss, vlans: vlans),
        .tcp(server, 2049, to: client, clientPort, flags: [.syn, .ack], mss: mss, vlans: vlans),
        .tcp(client, clientPort, to: server, 2049, payloadLength: 1200, vlans: vlans),
        .tcp(server, 2049, to: client, clientPort, payloadLength: 100, vlans: vlans),
    ]
}

/// Traffic on the management network that is not storage traffic.
func managementChatter() -> [SyntheticPacket] {
    [
        .tcp(Lab.hostManagement, 40000, to: Lab.otherHost, 443, payloadLength: 300),
        .tcp(Lab.otherHost, 443, to: Lab.hostManagement, 40000, payloadLength: 900),
        // The server's own management traffic on other ports is not storage traffic.
        .tcp(Lab.hostManagement, 40001, to: Lab.server, 22, payloadLength: 64),
        .udp(Lab.hostManagement, 5353, to: Lab.otherHost, 53, payloadLength: 40),
    ]
}

extension SyntheticPacket {
    static func encodeAll(_ packets: [SyntheticPacket], for linkType: LinkType = .ethernet) -> [[UInt8]] {
        packets.map { $0.encode(for: linkType) }
    }
}
