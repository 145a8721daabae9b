import Addressing
// Result types of the traffic analyses. Plain Codable values: they become
// facts ("traffic observations") that rules read without doing any I/O.

public enum StorageService: String, Sendable, Hashable, Codable, CaseIterable {
    case nfs, rpcbind, mountd
}

public enum TransportProtocol: String, Sendable, Hashable, Codable, CaseIterable {
    case tcp, udp
}

/// Direction relative to the NFS server.
public enum StorageDirection: String, Sendable, Hashable, Codable, CaseIterable {
    case toServer = "to_server"
    case fromServer = "from_server"
}

/// Where the packets came from.
public struct CaptureSource: Sendable, Hashable, Codable {
    /// "file" or "live".
    public var kind: String
    /// The capture file, for kind "file".
    public var path: String?

    public static func file(_ path: String) -> CaptureSource { CaptureSource(kind: "file", path: path) }
    public static let live = CaptureSource(kind: "live", path: nil)
}

/// A time span in seconds since the Unix epoch.
public struct ObservedWindow: Sendable, Hashable, Codable {
    public var start: Double
    public var end: Double

    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }

    public var durationSeconds: Double { end - start }
}

/// Packets of one (service, transport, direction) on one interface.
public struct StorageTrafficCount: Sendable, Hashable, Codable {
    public var service: StorageService
    public var transport: TransportProtocol
    /// The server-side port.
    public var port: UInt16
    public var direction: StorageDirection
    public var packets: Int
    /// Sum of wire lengths.
    public var bytes: Int
    public init(service: StorageService, transport: TransportProtocol, port: UInt16, direction: StorageDirection, packets: Int, bytes: Int) {
        self.service = service
        self.transport = transport
        self.port = port
        self.direction = direction
        self.packets = packets
        self.bytes = bytes
    }
}

/// One storage packet, kept to name in a report ("10:42:01.123 172.16.0.10:812 -> 172.16.0.34:2049").
public struct StoragePacketExample: Sendable, Hashable, Codable {
    /// Seconds since the Unix epoch.
    public var time: Double
    public var source: IPAddress
    public var destination: IPAddress
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var transport: TransportProtocol
    public var service: StorageService
    public var direction: StorageDirection
    /// VLAN IDs, outermost first; empty when untagged.
    public var vlanIDs: [UInt16]
    public var frameLength: Int
    /// The capturing host's interface index (SLL2 files, `tcpdump -i any`).
    public var interfaceIndex: UInt32?

    public init(time: Double, source: IPAddress, destination: IPAddress, sourcePort: UInt16, destinationPort: UInt16, transport: TransportProtocol, service: StorageService, direction: StorageDirection, vlanIDs: [UInt16], frameLength: Int, interfaceIndex: UInt32? = nil) {
        self.time = time
        self.source = source
        self.destination = destination
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.transport = transport
        self.service = service
        self.direction = direction
        self.vlanIDs = vlanIDs
        self.frameLength = frameLength
        self.interfaceIndex = interfaceIndex
    }

    enum CodingKeys: String, CodingKey {
        case time, source, destination
        case sourcePort = "source_port", destinationPort = "destination_port"
        case transport, service, direction
        case vlanIDs = "vlan_ids", frameLength = "frame_length", interfaceIndex = "interface_index"
    }
}

/// Storage traffic seen on one interface.
public struct StorageIsolationObservation: Sendable, Hashable, Codable {
    public var server: StorageServer
    /// Storage packets of any followed service and direction.
    public var packets: Int
    /// Non-zero counts, in service/transport/direction order.
    public var counts: [StorageTrafficCount]
    /// The first storage packets, up to the example limit.
    public var examples: [StoragePacketExample]
    public init(server: StorageServer, packets: Int, counts: [StorageTrafficCount], examples: [StoragePacketExample]) {
        self.server = server
        self.packets = packets
        self.counts = counts
        self.examples = examples
    }
}

/// Packets of storage traffic carrying one VLAN tag stack.
public struct VLANUsage: Sendable, Hashable, Codable {
    /// VLAN IDs, outermost first.
    public var vlanIDs: [UInt16]
    public var packets: Int

    public init(vlanIDs: [UInt16], packets: Int) {
        self.vlanIDs = vlanIDs
        self.packets = packets
    }

    enum CodingKeys: String, CodingKey {
        case vlanIDs = "vlan_ids", packets
    }
}

/// The VLAN tags storage traffic actually carried on one interface.
public struct StorageVLANObservation: Sendable, Hashable, Codable {
    public var untaggedPackets: Int
    public var tagged: [VLANUsage]

    public init(untaggedPackets: Int, tagged: [VLANUsage]) {
        self.untaggedPackets = untaggedPackets
        self.tagged = tagged
    }

    enum CodingKeys: String, CodingKey {
        case untaggedPackets = "untagged_packets", tagged
    }
}

/// How many SYNs announced one MSS.
public struct MSSCount: Sendable, Hashable, Codable {
    public var mss: UInt16
    public var ipVersion: Int
    /// The MTU the sender derived it from: MSS + 40 (IPv4) or + 60 (IPv6).
    public var impliedMTU: Int
    public var segments: Int

    public init(mss: UInt16, ipVersion: Int, impliedMTU: Int, segments: Int) {
        self.mss = mss
        self.ipVersion = ipVersion
        self.impliedMTU = impliedMTU
        self.segments = segments
    }

    enum CodingKeys: String, CodingKey {
        case mss, ipVersion = "ip_version", impliedMTU = "implied_mtu", segments
    }
}

/// Packet sizes of storage traffic in one direction.
public struct DirectionSizes: Sendable, Hashable, Codable {
    public var direction: StorageDirection
    public var packets: Int
    /// Largest IP packet (header Total Length / 40 + Payload Length).
    public var largestIPPacket: Int
    /// Largest frame on the wire (link header included).
    public var largestFrame: Int
    /// IP packets larger than the expected MTU; nil when no MTU was given.
    /// Such packets are offload artefacts (TSO/GSO when sending, GRO/LRO when
    /// receiving): the capture sees them before the NIC splits them or after
    /// the kernel merged them. They never prove jumbo frames; the MSS does.
    public var packetsOverMTU: Int?
    /// MSS options of SYN and SYN-ACK segments sent in this direction.
    public var mssInSYNs: [MSSCount]

    public init(direction: StorageDirection, packets: Int, largestIPPacket: Int, largestFrame: Int, packetsOverMTU: Int? = nil, mssInSYNs: [MSSCount]) {
        self.direction = direction
        self.packets = packets
        self.largestIPPacket = largestIPPacket
        self.largestFrame = largestFrame
        self.packetsOverMTU = packetsOverMTU
        self.mssInSYNs = mssInSYNs
    }

    enum CodingKeys: String, CodingKey {
        case direction, packets
        case largestIPPacket = "largest_ip_packet", largestFrame = "largest_frame"
        case packetsOverMTU = "packets_over_mtu", mssInSYNs = "mss_in_syns"
    }
}

/// MTU evidence from storage traffic on one interface.
public struct StorageMTUObservation: Sendable, Hashable, Codable {
    /// The MTU the sizes were compared against, if one was given.
    public var expectedMTU: Int?
    public var directions: [DirectionSizes]
    /// True when packets over the expected MTU were seen: offload artefacts, not jumbo proof.
    public var offloadArtefacts: Bool

    public init(expectedMTU: Int? = nil, directions: [DirectionSizes], offloadArtefacts: Bool) {
        self.expectedMTU = expectedMTU
        self.directions = directions
        self.offloadArtefacts = offloadArtefacts
    }

    enum CodingKeys: String, CodingKey {
        case expectedMTU = "expected_mtu", directions, offloadArtefacts = "offload_artefacts"
    }
}

/// LACPDUs from one sender with one actor/partner content.
public struct LACPExchange: Sendable, Hashable, Codable {
    public var sourceMAC: MACAddress?
    public var actor: LACPParticipant?
    public var partner: LACPParticipant?
    public var pdus: Int
    public var firstSeen: Double
    public var lastSeen: Double

    public init(sourceMAC: MACAddress? = nil, actor: LACPParticipant? = nil, partner: LACPParticipant? = nil, pdus: Int, firstSeen: Double, lastSeen: Double) {
        self.sourceMAC = sourceMAC
        self.actor = actor
        self.partner = partner
        self.pdus = pdus
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    enum CodingKeys: String, CodingKey {
        case sourceMAC = "source_mac", actor, partner, pdus
        case firstSeen = "first_seen", lastSeen = "last_seen"
    }
}

/// LACP seen on one interface.
public struct LACPObservation: Sendable, Hashable, Codable {
    public var pdus: Int
    public var exchanges: [LACPExchange]
    public init(pdus: Int, exchanges: [LACPExchange]) {
        self.pdus = pdus
        self.exchanges = exchanges
    }
}

/// Everything learnt from one capture of one interface.
public struct TrafficObservation: Sendable, Hashable, Codable {
    /// The host the capture was taken on, when known.
    public var host: String?
    /// The interface as named by the user or the facts (device, bridge,
    /// or the words "management"/"storage").
    public var interface: String
    public var source: CaptureSource
    /// Link type name ("EN10MB", "LINUX_SLL2").
    public var linkType: String
    /// The BPF prefilter applied.
    public var filter: String
    /// The capture window (live), or first to last packet (file); nil for an empty file.
    public var window: ObservedWindow?
    /// Every packet the file holds, before the filter: 0 is an empty capture, which
    /// proves nothing either way. nil for live captures (the kernel filters them).
    public var capturedPackets: Int?
    /// Packets that passed the filter.
    public var packets: Int
    /// Of those, packets whose headers were cut short or malformed.
    public var undecodablePackets: Int
    /// Packets the kernel dropped (live captures only).
    public var kernelDrops: Int?
    /// nil when no storage server was given.
    public var isolation: StorageIsolationObservation?
    public var vlans: StorageVLANObservation?
    public var mtu: StorageMTUObservation?
    public var lacp: LACPObservation

    public init(host: String? = nil, interface: String, source: CaptureSource, linkType: String, filter: String, window: ObservedWindow? = nil, packets: Int, undecodablePackets: Int, kernelDrops: Int? = nil, isolation: StorageIsolationObservation? = nil, vlans: StorageVLANObservation? = nil, mtu: StorageMTUObservation? = nil, lacp: LACPObservation, capturedPackets: Int? = nil) {
        self.host = host
        self.interface = interface
        self.source = source
        self.linkType = linkType
        self.filter = filter
        self.window = window
        self.capturedPackets = capturedPackets
        self.packets = packets
        self.undecodablePackets = undecodablePackets
        self.kernelDrops = kernelDrops
        self.isolation = isolation
        self.vlans = vlans
        self.mtu = mtu
        self.lacp = lacp
    }

    enum CodingKeys: String, CodingKey {
        case host, interface, source, linkType = "link_type", filter, window
        case capturedPackets = "captured_packets", packets
        case undecodablePackets = "undecodable_packets", kernelDrops = "kernel_drops"
        case isolation, vlans, mtu, lacp
    }
}
