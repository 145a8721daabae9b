import Addressing
import Foundation
import Testing
import TrafficProbe

@Suite("Traffic analyses on capture files")
struct TrafficAnalysisTests {
    let options = TrafficAnalysisOptions(
        storageServer: StorageServer(address: Lab.server, mountdPort: Lab.mountdPort), mtu: 1500, exampleLimit: 3)

    private func analyze(_ packets: [SyntheticPacket], linkType: LinkType = .ethernet,
                         format: CaptureFileFormat = .pcap, interface: String = "xenbr0",
                         options: TrafficAnalysisOptions? = nil, extraFrames: [[UInt8]] = []) throws
        -> TrafficObservation
    {
        let directory = try TemporaryDirectory()
        let path = directory.path("capture.\(format.rawValue)")
        try writeCapture(path, linkType: linkType, format: format,
                         frames: SyntheticPacket.encodeAll(packets, for: linkType) + extraFrames)
        return try TrafficAnalysis.analyzeFile(path, interface: interface, host: "xs-1",
                                               options: options ?? self.options)
    }

    @Test func leakOnManagementInterfaceIsCountedAndNamed() throws {
        let mountd: [SyntheticPacket] = [
            .udp(Lab.hostManagement, 901, to: Lab.server, Lab.mountdPort, payloadLength: 80),
            .udp(Lab.server, Lab.mountdPort, to: Lab.hostManagement, 901, payloadLength: 120),
        ]
        let observation = try analyze(managementChatter() + nfsConversation(from: Lab.hostManagement) + mountd)
        let isolation = try #require(observation.isolation)
        #expect(observation.host == "xs-1")
        #expect(observation.interface == "xenbr0")
        #expect(observation.linkType == "EN10MB")
        // Only storage packets pass: the chatter, including ssh to the server, is filtered or ignored.
        #expect(isolation.packets == 8)
        let summary = isolation.counts.map { "\($0.service.rawValue)/\($0.transport.rawValue)/\($0.port)/\($0.direction.rawValue)=\($0.packets)" }
        #expect(summary == [
            "nfs/tcp/2049/to_server=2", "nfs/tcp/2049/from_server=2",
            "rpcbind/udp/111/to_server=1", "rpcbind/udp/111/from_server=1",
            "mountd/udp/20048/to_server=1", "mountd/udp/20048/from_server=1",
        ])
        #expect(isolation.examples.count == 3)
        let first = isolation.examples[0]
        #expect(first.source == Lab.hostManagement && first.destination == Lab.server)
        #expect(first.sourcePort == 900 && first.destinationPort == 111)
        #expect(first.service == .rpcbind && first.direction == .toServer)
        #expect(first.time == 1_700_000_000.0 + Double(managementChatter().count) * 0.001)
    }

    @Test func managementInterfaceWithoutStorageTrafficHasNone() throws {
        let observation = try analyze(managementChatter())
        #expect(observation.isolation?.packets == 0)
        #expect(observation.isolation?.counts.isEmpty == true)
        #expect(observation.isolation?.examples.isEmpty == true)
        // Only the ssh packet to the server's address passes the host prefilter... and no port of it.
        #expect(observation.packets == 0)
    }

    @Test func mountdIsNotAssumedWithoutItsPort() throws {
        let withoutMountd = TrafficAnalysisOptions(storageServer: StorageServer(address: Lab.server))
        let observation = try analyze([
            .udp(Lab.hostStorage, 901, to: Lab.server, Lab.mountdPort, payloadLength: 80),
            .tcp(Lab.hostStorage, 812, to: Lab.server, 2049),
        ], options: withoutMountd)
        #expect(observation.isolation?.packets == 1)
        #expect(observation.isolation?.counts.map(\.service) == [.nfs])
        #expect(!observation.filter.contains("20048"))
    }

    @Test func vlanTaggedStorageTrafficIsSeenAndItsTagsRecorded() throws {
        let tag200 = [VLANTag(tpid: 0x8100, priority: 0, dropEligible: false, vlanID: 200)]
        let qinq = [VLANTag(tpid: 0x88A8, priority: 0, dropEligible: false, vlanID: 10),
                    VLANTag(tpid: 0x8100, priority: 0, dropEligible: false, vlanID: 200)]
        let packets = nfsConversation(from: Lab.hostStorage, vlans: tag200)
            + nfsConversation(from: Lab.hostStorage, vlans: qinq, clientPort: 813)
            + [.tcp(Lab.hostStorage, 814, to: Lab.server, 2049)]
        let observation = try analyze(packets, interface: "eth2")
        // The tagged copies pass the `X or (vlan and X)` prefilter.
        #expect(observation.isolation?.packets == 13)
        let vlans = try #require(observation.vlans)
        #expect(vlans.untaggedPackets == 1)
        #expect(vlans.tagged == [VLANUsage(vlanIDs: [10, 200], packets: 6), VLANUsage(vlanIDs: [200], packets: 6)])
        #expect(observation.isolation?.examples.first?.vlanIDs == [200])
    }

    @Test(arguments: [LinkType.linuxSLL, .linuxSLL2])
    func cookedCapturesOfAnyInterface(linkType: LinkType) throws {
        var packets = nfsConversation(from: Lab.hostManagement)
        for index in packets.indices { packets[index].interfaceIndex = 3 }
        let observation = try analyze(packets + managementChatter(), linkType: linkType, interface: "any")
        #expect(observation.isolation?.packets == 6)
        #expect(observation.linkType == (linkType == .linuxSLL ? "LINUX_SLL" : "LINUX_SLL2"))
        #expect(observation.isolation?.examples.first?.interfaceIndex == (linkType == .linuxSLL2 ? 3 : nil))
    }

    @Test func pcapngFilesAreAnalysed() throws {
        let observation = try analyze(nfsConversation(from: Lab.hostStorage), format: .pcapng, interface: "xenbr2")
        #expect(observation.isolation?.packets == 6)
        #expect(observation.window?.start == 1_700_000_000)
        #expect(observation.window?.end == 1_700_000_000.005)
    }

    @Test func emptyCaptureHasNoWindowAndNoPackets() throws {
        let observation = try analyze([])
        #expect(observation.packets == 0)
        #expect(observation.window == nil)
        #expect(observation.isolation?.packets == 0)
    }

    @Test func mssAndOffloadArtefacts() throws {
        // Jumbo MSS in the SYNs; a TSO-sized segment sent to the server and a
        // GRO-merged one received: over the 1500 MTU, flagged as artefacts.
        let packets = nfsConversation(from: Lab.hostStorage, mss: 8960) + [
            .tcp(Lab.hostStorage, 812, to: Lab.server, 2049, payloadLength: 64_000),
            .tcp(Lab.server, 2049, to: Lab.hostStorage, 812, payloadLength: 2896),
        ]
        let observation = try analyze(packets, interface: "xenbr2")
        let mtu = try #require(observation.mtu)
        #expect(mtu.expectedMTU == 1500)
        #expect(mtu.offloadArtefacts)
        let sent = try #require(mtu.directions.first { $0.direction == .toServer })
        #expect(sent.packets == 4)
        #expect(sent.largestIPPacket == 20 + 20 + 64_000)
        #expect(sent.largestFrame == 14 + 20 + 20 + 64_000)
        #expect(sent.packetsOverMTU == 1)
        #expect(sent.mssInSYNs == [MSSCount(mss: 8960, ipVersion: 4, impliedMTU: 9000, segments: 1)])
        let received = try #require(mtu.directions.first { $0.direction == .fromServer })
        #expect(received.packetsOverMTU == 1)
        #expect(received.largestIPPacket == 2936)

        let plain = try analyze(nfsConversation(from: Lab.hostStorage))
        #expect(plain.mtu?.offloadArtefacts == false)
        #expect(plain.mtu?.directions.allSatisfy { $0.packetsOverMTU == 0 } == true)
        #expect(plain.mtu?.directions.first?.mssInSYNs.first?.impliedMTU == 1500)
    }

    @Test func lacpPDUsAreGroupedBySenderAndContent() throws {
        let partner = LACPParticipant(systemPriority: 32768, system: MACAddress("00:0c:29:11:22:33")!, key: 13,
                                      portPriority: 32768, port: 27,
                                      state: [.activity, .aggregation, .synchronization])
        func pdu(port: UInt16, mac: String) -> [UInt8] {
            let actor = LACPParticipant(systemPriority: 65535, system: MACAddress("00:1b:21:aa:bb:cc")!, key: 9,
                                        portPriority: 255, port: port,
                                        state: [.activity, .aggregation, .synchronization, .collecting, .distributing])
            return FrameBuilder.link(.ethernet, source: MACAddress(mac)!, destination: FrameBuilder.slowProtocolsMulticast,
                                     etherType: 0x8809, payload: FrameBuilder.lacp(actor: actor, partner: partner))
        }
        let frames = [pdu(port: 1, mac: "00:1b:21:aa:bb:01"), pdu(port: 2, mac: "00:1b:21:aa:bb:02"),
                      pdu(port: 1, mac: "00:1b:21:aa:bb:01")]
        let observation = try analyze(managementChatter(), interface: "eth2", extraFrames: frames)
        #expect(observation.lacp.pdus == 3)
        #expect(observation.lacp.exchanges.map(\.pdus) == [2, 1])
        #expect(observation.lacp.exchanges.map { $0.actor?.port } == [1, 2])
        #expect(observation.lacp.exchanges.first?.partner == partner)
        #expect(observation.lacp.exchanges.first?.lastSeen == 1_700_000_000.006)
    }

    @Test func ipv6StorageServer() throws {
        let server = IPAddress("fd00:16::34")!
        let client = IPAddress("fd00:16::35")!
        let options = TrafficAnalysisOptions(storageServer: StorageServer(address: server))
        let observation = try analyze([
            .tcp(client, 700, to: server, 2049, flags: [.syn], mss: 1440),
            .tcp(server, 2049, to: client, 700, flags: [.syn, .ack], mss: 1440),
            .tcp(client, 700, to: Lab.server, 2049),
        ], options: options)
        #expect(observation.isolation?.packets == 2)
        #expect(observation.mtu?.directions.first?.mssInSYNs.first?.impliedMTU == 1500)
        #expect(observation.isolation?.examples.first?.destination.description == "fd00:16::34")
    }

    @Test func observationRoundTripsThroughJSON() throws {
        let observation = try analyze(nfsConversation(from: Lab.hostStorage), interface: "xenbr2")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(observation)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"server\":{\"address\":\"172.16.0.34\",\"mountd_port\":20048}"))
        #expect(try JSONDecoder().decode(TrafficObservation.self, from: data) == observation)
    }
}
