/// Accumulates the storage isolation, VLAN, MTU and LACP analyses over the
/// packets of one interface, one packet at a time, then yields an observation.
///
/// Per-packet work allocates nothing for ordinary traffic: counters live in
/// fixed arrays, and dictionaries are touched only by new VLAN stacks, MSS
/// values and LACP contents.
public struct TrafficAnalyzer: Sendable {
    public let options: TrafficAnalysisOptions
    public let linkType: LinkType

    private(set) var packets = 0
    private(set) var undecodablePackets = 0
    private var first: PacketTimestamp?
    private var last: PacketTimestamp?

    // Isolation: [service][transport][direction] -> packets, bytes.
    private var storagePackets = 0
    private var countPackets = [Int](repeating: 0, count: Self.slotCount)
    private var countBytes = [Int](repeating: 0, count: Self.slotCount)
    private var examples: [StoragePacketExample] = []

    // VLAN: tag stack key -> packets.
    private var untagged = 0
    private var tagStacks: [UInt64: Int] = [:]

    // MTU, per direction.
    private var sizes = [SizeAccumulator](repeating: SizeAccumulator(), count: 2)

    // LACP.
    private var lacpPDUs = 0
    private var exchanges: [LACPKey: LACPExchange] = [:]

    public init(options: TrafficAnalysisOptions, linkType: LinkType) {
        self.options = options
        self.linkType = linkType
    }

    /// Feeds one captured packet. `bytes` is only read during the call.
    public mutating func ingest(_ info: PacketInfo, bytes: UnsafeRawBufferPointer) {
        ingest(FrameDecoder.decode(bytes, linkType: linkType), info: info)
    }

    /// Feeds one already decoded frame.
    public mutating func ingest(_ frame: DecodedFrame, info: PacketInfo) {
        packets += 1
        if first == nil { first = info.timestamp }
        last = info.timestamp
        if frame.problem != nil { undecodablePackets += 1 }
        if case .slowProtocol(let pdu) = frame.network {
            if case .lacp(let lacp) = pdu { record(lacp, from: frame.sourceMAC, at: info.timestamp) }
            return
        }
        guard let server = options.storageServer else { return }
        recordStorage(frame, info: info, server: server)
    }

    // MARK: Storage traffic

    private static let slotCount = StorageService.allCases.count * 2 * 2

    @inline(__always)
    private static func slot(_ service: StorageService, _ transport: TransportProtocol,
                             _ direction: StorageDirection) -> Int {
        let serviceIndex = service == .nfs ? 0 : service == .rpcbind ? 1 : 2
        return serviceIndex * 4 + (transport == .tcp ? 0 : 2) + (direction == .toServer ? 0 : 1)
    }

    private mutating func recordStorage(_ frame: DecodedFrame, info: PacketInfo, server: StorageServer) {
        guard let source = frame.sourceAddress, let destination = frame.destinationAddress else { return }
        let direction: StorageDirection
        if destination == server.address {
            direction = .toServer
        } else if source == server.address {
            direction = .fromServer
        } else {
            return
        }
        let transport: TransportProtocol
        let sourcePort: UInt16
        let destinationPort: UInt16
        var tcp: TCPHeader?
        switch frame.transport {
        case .tcp(let header):
            transport = .tcp
            sourcePort = header.sourcePort
            destinationPort = header.destinationPort
            tcp = header
        case .udp(let header):
            transport = .udp
            sourcePort = header.sourcePort
            destinationPort = header.destinationPort
        default:
            return
        }
        let serverPort = direction == .toServer ? destinationPort : sourcePort
        guard let service = server.service(forPort: serverPort) else { return }

        storagePackets += 1
        let slot = Self.slot(service, transport, direction)
        countPackets[slot] += 1
        countBytes[slot] += info.wireLength
        if examples.count < options.exampleLimit {
            examples.append(StoragePacketExample(
                time: info.timestamp.secondsSinceEpoch, source: source, destination: destination,
                sourcePort: sourcePort, destinationPort: destinationPort, transport: transport,
                service: service, direction: direction, vlanIDs: frame.vlans.ids,
                frameLength: info.wireLength, interfaceIndex: frame.cookedInterfaceIndex))
        }
        recordVLANs(frame.vlans)
        sizes[direction == .toServer ? 0 : 1].add(
            frame: frame, tcp: tcp, wireLength: info.wireLength, mtu: options.mtu)
    }

    private mutating func recordVLANs(_ vlans: VLANStack) {
        guard let outer = vlans.outer else {
            untagged += 1
            return
        }
        // depth(8 bits) | outer id(16) | inner id(16): one word per stack.
        let inner = vlans.inner.map { UInt64($0.vlanID) } ?? 0xFFFF
        let key = UInt64(min(vlans.depth, 255)) << 32 | UInt64(outer.vlanID) << 16 | inner
        tagStacks[key, default: 0] += 1
    }

    // MARK: LACP

    private struct LACPKey: Hashable {
        var sourceMAC: MACAddress?
        var actor: LACPParticipant?
        var partner: LACPParticipant?
    }

    private mutating func record(_ pdu: LACPPDU, from sourceMAC: MACAddress?, at time: PacketTimestamp) {
        lacpPDUs += 1
        let seconds = time.secondsSinceEpoch
        let key = LACPKey(sourceMAC: sourceMAC, actor: pdu.actor, partner: pdu.partner)
        if var exchange = exchanges[key] {
            exchange.pdus += 1
            exchange.firstSeen = min(exchange.firstSeen, seconds)
            exchange.lastSeen = max(exchange.lastSeen, seconds)
            exchanges[key] = exchange
        } else {
            exchanges[key] = LACPExchange(sourceMAC: sourceMAC, actor: pdu.actor, partner: pdu.partner,
                                          pdus: 1, firstSeen: seconds, lastSeen: seconds)
        }
    }

    // MARK: Result

    /// The observation so far. `window` defaults to first..last packet time.
    public func observation(interface: String, host: String?, source: CaptureSource, filter: String,
                            window: ObservedWindow? = nil, kernelDrops: Int? = nil) -> TrafficObservation {
        let packetWindow = first.flatMap { first in
            last.map { ObservedWindow(start: first.secondsSinceEpoch, end: $0.secondsSinceEpoch) }
        }
        var observation = TrafficObservation(
            host: host, interface: interface, source: source,
            linkType: linkType.name, filter: filter,
            window: window ?? packetWindow, packets: packets, undecodablePackets: undecodablePackets,
            kernelDrops: kernelDrops, isolation: nil, vlans: nil, mtu: nil,
            lacp: LACPObservation(pdus: lacpPDUs, exchanges: exchanges.values.sorted(by: Self.exchangeOrder)))
        guard let server = options.storageServer else { return observation }
        observation.isolation = StorageIsolationObservation(
            server: server, packets: storagePackets, counts: storageCounts(server), examples: examples)
        observation.vlans = StorageVLANObservation(
            untaggedPackets: untagged,
            tagged: tagStacks.map { key, packets in
                let outer = UInt16(truncatingIfNeeded: key >> 16)
                let inner = UInt16(truncatingIfNeeded: key)
                return VLANUsage(vlanIDs: inner == 0xFFFF ? [outer] : [outer, inner], packets: packets)
            }.sorted { $0.vlanIDs.lexicographicallyPrecedes($1.vlanIDs) })
        let directions = StorageDirection.allCases.enumerated().map { index, direction in
            sizes[index].result(direction, mtu: options.mtu)
        }
        observation.mtu = StorageMTUObservation(
            expectedMTU: options.mtu, directions: directions,
            offloadArtefacts: directions.contains { ($0.packetsOverMTU ?? 0) > 0 })
        return observation
    }

    private func storageCounts(_ server: StorageServer) -> [StorageTrafficCount] {
        var counts: [StorageTrafficCount] = []
        for service in StorageService.allCases {
            let port: UInt16? = switch service {
            case .nfs: StorageServer.nfsPort
            case .rpcbind: StorageServer.rpcbindPort
            case .mountd: server.mountdPort
            }
            guard let port else { continue }
            for transport in TransportProtocol.allCases {
                for direction in StorageDirection.allCases {
                    let slot = Self.slot(service, transport, direction)
                    guard countPackets[slot] > 0 else { continue }
                    counts.append(StorageTrafficCount(
                        service: service, transport: transport, port: port, direction: direction,
                        packets: countPackets[slot], bytes: countBytes[slot]))
                }
            }
        }
        return counts
    }

    private static func exchangeOrder(_ lhs: LACPExchange, _ rhs: LACPExchange) -> Bool {
        (lhs.firstSeen, lhs.sourceMAC?.rawValue ?? 0, lhs.actor?.port ?? 0)
            < (rhs.firstSeen, rhs.sourceMAC?.rawValue ?? 0, rhs.actor?.port ?? 0)
    }
}

/// Sizes and MSS values of one direction.
private struct SizeAccumulator: Sendable {
    var packets = 0
    var largestIPPacket = 0
    var largestFrame = 0
    var overMTU = 0
    /// (ip version << 16 | mss) -> SYNs.
    var mss: [UInt32: Int] = [:]

    mutating func add(frame: DecodedFrame, tcp: TCPHeader?, wireLength: Int, mtu: Int?) {
        packets += 1
        largestFrame = max(largestFrame, wireLength)
        if let ipLength = frame.ipPacketLength {
            largestIPPacket = max(largestIPPacket, ipLength)
            if let mtu, ipLength > mtu { overMTU += 1 }
        }
        if let tcp, tcp.flags.contains(.syn), let value = tcp.maximumSegmentSize {
            let version: UInt32 = frame.sourceAddress?.family == .v6 ? 6 : 4
            mss[version << 16 | UInt32(value), default: 0] += 1
        }
    }

    func result(_ direction: StorageDirection, mtu: Int?) -> DirectionSizes {
        let mssCounts = mss.map { key, segments in
            let version = Int(key >> 16)
            let value = UInt16(truncatingIfNeeded: key)
            return MSSCount(mss: value, ipVersion: version,
                            impliedMTU: Int(value) + (version == 6 ? 60 : 40), segments: segments)
        }.sorted { ($0.ipVersion, $0.mss) < ($1.ipVersion, $1.mss) }
        return DirectionSizes(direction: direction, packets: packets, largestIPPacket: largestIPPacket,
                              largestFrame: largestFrame, packetsOverMTU: mtu == nil ? nil : overMTU,
                              mssInSYNs: mssCounts)
    }
}
