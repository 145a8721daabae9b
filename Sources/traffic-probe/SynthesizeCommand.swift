import Addressing
import ArgumentParser
import TrafficProbe

/// `traffic-probe synth`: writes a synthetic capture of storage and
/// management traffic with PcapWriter (for benchmarks and demos).
struct SynthesizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a synthetic capture: NFS/rpcbind traffic with the server mixed with other traffic.")

    @Option(name: .long, help: "Packets to write.")
    var packets: Int = 1_000_000

    @Option(name: .long, help: "The NFS server's address.")
    var server: String = "172.16.0.34"

    @Option(name: .long, help: "The client host's address.")
    var client: String = "172.16.0.35"

    @Option(name: .long, help: "VLAN ID to tag storage frames with (on sll/sll2 inline after the cooked header, as libpcap writes it).")
    var vlan: UInt16?

    @Option(name: .long, help: "pcap or pcapng.")
    var format: CaptureFileFormat = .pcap

    @Option(name: .long, help: "ethernet, sll or sll2.")
    var linkType: LinkTypeArgument = .ethernet

    @Option(name: .long, help: "Snap length: bytes kept per packet (as `tcpdump -s`).")
    var snapLength: Int = 256

    @Argument(help: "Output file.")
    var output: String

    func run() throws {
        guard let server = IPAddress(server), let client = IPAddress(client) else {
            throw ValidationError("--server and --client must be IP addresses")
        }
        guard packets >= 0 else { throw ValidationError("--packets must be 0 or more") }
        let other = IPAddress(client.family == .v4 ? "172.16.0.11" : "fd00::11")!
        let tags = vlan.map { [VLANTag(tpid: 0x8100, priority: 0, dropEligible: false, vlanID: $0)] } ?? []
        // One cycle of ten packets: six storage, four not; sizes as an NFS
        // write workload gives them (full-size writes, ACKs, small replies).
        let cycle: [SyntheticPacket] = [
            .tcp(client, 812, to: server, 2049, payloadLength: 1448, vlans: tags),
            .tcp(server, 2049, to: client, 812, flags: [.ack], vlans: tags),
            .tcp(client, 812, to: server, 2049, payloadLength: 1448, vlans: tags),
            .tcp(server, 2049, to: client, 812, payloadLength: 140, vlans: tags),
            .udp(client, 900, to: server, 111, payloadLength: 56, vlans: tags),
            .udp(server, 111, to: client, 900, payloadLength: 28, vlans: tags),
            .tcp(client, 40000, to: other, 443, payloadLength: 500),
            .tcp(other, 443, to: client, 40000, payloadLength: 1200),
            .udp(client, 5353, to: other, 53, payloadLength: 40),
            .tcp(client, 40001, to: server, 22, payloadLength: 64),
        ]
        let frames = cycle.map { $0.encode(for: linkType.linkType) }
        let handshake = SyntheticPacket.tcp(client, 813, to: server, 2049, flags: [.syn], mss: 1460, vlans: tags)
            .encode(for: linkType.linkType)
        do {
            let writer = try PcapWriter(path: output, format: format, linkType: linkType.linkType,
                                        snapLength: snapLength)
            for index in 0..<packets {
                let frame = index % 1000 == 999 ? handshake : frames[index % frames.count]
                let micros = Int64(index) * 10
                try writer.write(frame, at: PacketTimestamp(seconds: 1_700_000_000 + micros / 1_000_000,
                                                           nanoseconds: (micros % 1_000_000) * 1000))
            }
            try writer.close()
        } catch {
            throw ReportedFailure(description: error.description)
        }
    }
}

extension CaptureFileFormat: ExpressibleByArgument {}
