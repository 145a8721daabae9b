import Addressing
import Foundation
import Testing
import TrafficProbe

/// `tcpdump -i any` captures (Linux cooked SLL and SLL2) with VLAN tags inline after the
/// cooked header, and capture files that hold no packet at all: decoded, analysed, and
/// judged by `poolcheck-engine audit` end to end.
@Suite("Cooked captures: inline VLAN tags, empty captures")
struct CookedCaptureTests {
    static let cooked = [LinkType.linuxSLL, .linuxSLL2]
    static let vlan20 = VLANTag(tpid: EtherType.vlan, priority: 0, dropEligible: false, vlanID: 20)
    static let serviceTag = VLANTag(tpid: EtherType.serviceVLAN, priority: 3, dropEligible: false, vlanID: 300)
    static let server6 = IPAddress("fd00:172:16::34")!
    static let host6 = IPAddress("fd00:172:16::10")!

    /// Tagged NFS packets from the management address, IPv4 and IPv6, 802.1Q and QinQ.
    static func taggedStorage() -> [(SyntheticPacket, [UInt16])] {
        [(.tcp(Lab.hostManagement, 812, to: Lab.server, 2049, flags: [.syn], mss: 1460, vlans: [vlan20]), [20]),
         (.tcp(Lab.server, 2049, to: Lab.hostManagement, 812, payloadLength: 100, vlans: [vlan20]), [20]),
         (.tcp(host6, 700, to: server6, 2049, payloadLength: 40, vlans: [vlan20]), [20]),
         (.tcp(Lab.hostManagement, 813, to: Lab.server, 2049, vlans: [serviceTag, vlan20]), [300, 20]),
         (.tcp(host6, 701, to: server6, 2049, vlans: [serviceTag, vlan20]), [300, 20])]
    }

    @Test(arguments: cooked)
    func tagsInlineAfterTheCookedHeaderAreDecoded(linkType: LinkType) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("any.pcap")
        let packets = Self.taggedStorage()
        try writeCapture(path, linkType: linkType, frames: packets.map { $0.0.encode(for: linkType) })
        let (readType, frames) = try readBack(path)
        #expect(readType == linkType)
        try #require(frames.count == packets.count)
        // The protocol field holds the outer tag's TPID, as libpcap writes it.
        let protocolOffset = linkType == .linuxSLL ? 14 : 0
        for ((packet, ids), (_, bytes)) in zip(packets, frames) {
            #expect(UInt16(bytes[protocolOffset]) << 8 | UInt16(bytes[protocolOffset + 1]) == packet.vlans[0].tpid)
            let frame = FrameDecoder.decode(bytes, linkType: linkType)
            #expect(frame.problem == nil)
            #expect(frame.vlans.ids == ids)
            #expect(frame.vlans.outer?.tpid == packet.vlans[0].tpid)
            #expect(frame.etherType == (packet.source.family == .v4 ? EtherType.ipv4 : EtherType.ipv6))
            #expect(frame.sourceAddress == packet.source)
            #expect(frame.destinationAddress == packet.destination)
            #expect(frame.tcp?.sourcePort == 2049 || frame.tcp?.destinationPort == 2049)
        }
    }

    /// An SLL frame laid out by hand as pcap-linux.c re-inserts a stripped tag (TPID at the
    /// protocol field, then TCI, then the original protocol), not by the project's writer.
    @Test func handLaidSLLFrameAsLibpcapReinsertsTheTag() {
        var frame: [UInt8] = [0x00, 0x04, 0x00, 0x01, 0x00, 0x06, 0x02, 0x16, 0x3E, 0x00, 0x00, 0x01, 0x00, 0x00]
        frame += [0x81, 0x00, 0xA0, 0x14, 0x08, 0x00]  // 802.1Q, priority 5, VLAN 20, then IPv4
        frame += FrameBuilder.ipv4(source: Lab.hostManagement, destination: Lab.server, protocolNumber: 6,
                                   payload: FrameBuilder.tcp(sourcePort: 812, destinationPort: 2049, flags: [.ack]))
        let decoded = FrameDecoder.decode(frame, linkType: .linuxSLL)
        #expect(decoded.cookedPacketType == 4)
        #expect(decoded.vlans.ids == [20])
        #expect(decoded.vlans.outer?.priority == 5)
        #expect(decoded.destinationAddress == Lab.server)
        #expect(decoded.tcp?.destinationPort == 2049)
    }

    @Test(arguments: cooked)
    func taggedStoragePacketsPassThePrefilterAndAreCounted(linkType: LinkType) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("any.pcap")
        let tagged = nfsConversation(from: Lab.hostManagement, vlans: [Self.vlan20])
        let frames = SyntheticPacket.encodeAll(managementChatter() + tagged, for: linkType)
        try writeCapture(path, linkType: linkType, frames: frames)
        let options = TrafficAnalysisOptions(storageServer: StorageServer(address: Lab.server, mountdPort: Lab.mountdPort))
        let observation = try TrafficAnalysis.analyzeFile(path, interface: "any", host: "xs-1", options: options)
        #expect(observation.capturedPackets == frames.count)
        #expect(observation.isolation?.packets == tagged.count)
        #expect(observation.vlans?.tagged == [VLANUsage(vlanIDs: [20], packets: tagged.count)])
        #expect(observation.vlans?.untaggedPackets == 0)
        #expect(observation.isolation?.examples.first?.vlanIDs == [20])
        #expect(observation.isolation?.examples.first?.source == Lab.hostManagement)
    }

    @Test(arguments: [LinkType.ethernet, .linuxSLL, .linuxSLL2])
    func anEmptyCaptureIsToldFromOneWithNothingThatMatched(linkType: LinkType) throws {
        let directory = try TemporaryDirectory()
        let options = TrafficAnalysisOptions(storageServer: StorageServer(address: Lab.server))
        let empty = directory.path("empty.pcap")
        try writeCapture(empty, linkType: linkType, frames: [])
        let nothing = try TrafficAnalysis.analyzeFile(empty, interface: "xenbr0", options: options)
        #expect(nothing.capturedPackets == 0)
        #expect(nothing.packets == 0)
        let chatter = directory.path("chatter.pcapng")
        try writeCapture(chatter, linkType: linkType, format: .pcapng,
                         frames: SyntheticPacket.encodeAll(managementChatter(), for: linkType))
        let quiet = try TrafficAnalysis.analyzeFile(chatter, interface: "xenbr0", options: options)
        #expect(quiet.capturedPackets == managementChatter().count)
        #expect(quiet.packets == 0)
    }

    // MARK: poolcheck-engine, end to end

    /// The poolcheck-engine binary built beside this test binary.
    static var engine: String {
        URL(fileURLWithPath: LabEnvironment.trafficProbe).deletingLastPathComponent()
            .appendingPathComponent("poolcheck-engine").path
    }

    /// `poolcheck-engine audit` of the example pool with the captures: the
    /// storage-traffic-isolated result for xs-1. (The run's exit status is 1 whatever
    /// the captures: the example pool really fails storage-redundancy.)
    func audit(_ captures: [String]) throws -> (status: String, message: String) {
        let root = LabEnvironment.repositoryRoot.path
        let finished = try run([Self.engine, "audit", "--offline", "--plan", root + "/examples/pdx0/plan.yaml",
                                "--snapshot", root + "/examples/pdx0/after"]
                                   + captures.flatMap { ["--pcap", $0] } + ["--report", "json:-"], timeout: 60)
        let object = try JSONSerialization.jsonObject(with: finished.standardOutput) as? [String: Any]
        let results = object?["results"] as? [[String: Any]] ?? []
        let result = try #require(results.first {
            $0["rule"] as? String == "storage-traffic-isolated" && ($0["target"] as? [String: Any])?["name"] as? String == "xs-1"
        }, "no isolation result for xs-1; stderr: \(finished.standardError)")
        return (result["status"] as? String ?? "", result["message"] as? String ?? "")
    }

    @Test(arguments: cooked)
    func aTaggedStoragePacketOnTheManagementSideFailsIsolation(linkType: LinkType) throws {
        let directory = try TemporaryDirectory()
        let management = directory.path("mgmt.pcap"), storage = directory.path("storage.pcap")
        let leak = SyntheticPacket.tcp(Lab.hostManagement, 812, to: Lab.server, 2049, payloadLength: 1200,
                                       vlans: [Self.vlan20])
        try writeCapture(management, linkType: linkType,
                         frames: SyntheticPacket.encodeAll(managementChatter() + [leak], for: linkType))
        try writeCapture(storage, linkType: linkType,
                         frames: SyntheticPacket.encodeAll(nfsConversation(from: Lab.hostStorage), for: linkType))
        let result = try audit(["xs-1:management=\(management)", "xs-1:storage=\(storage)"])
        #expect(result.status == "fail", "\(result.message)")
        #expect(result.message.contains("1 storage packets on the management interface"), "\(result.message)")
        #expect(result.message.contains("172.16.0.10:812 → 172.16.0.34:2049"), "\(result.message)")
        // The same capture without the tagged packet passes: the tag made the difference.
        try writeCapture(management, linkType: linkType,
                         frames: SyntheticPacket.encodeAll(managementChatter(), for: linkType))
        let clean = try audit(["xs-1:management=\(management)", "xs-1:storage=\(storage)"])
        #expect(clean.status == "pass", "\(clean.message)")
    }

    @Test func aManagementCaptureWithNoPacketsIsNoProofOfIsolation() throws {
        let directory = try TemporaryDirectory()
        let management = directory.path("mgmt.pcap"), storage = directory.path("storage.pcap")
        try writeCapture(management, frames: [])
        try writeCapture(storage, frames: SyntheticPacket.encodeAll(nfsConversation(from: Lab.hostStorage)))
        let result = try audit(["xs-1:xenbr0=\(management)", "xs-1:xenbr2=\(storage)"])
        #expect(result.status == "error", "\(result.message)")
        #expect(result.message.contains("nothing captured on xenbr0 (file \(management)): no proof either way"),
                "\(result.message)")
        // An empty storage capture says the same of xenbr2, and a leak still fails whatever else is empty.
        try writeCapture(management, frames: SyntheticPacket.encodeAll(managementChatter()))
        try writeCapture(storage, frames: [])
        let emptyStorage = try audit(["xs-1:xenbr0=\(management)", "xs-1:xenbr2=\(storage)"])
        #expect(emptyStorage.status == "error")
        #expect(emptyStorage.message.contains("nothing captured on xenbr2"), "\(emptyStorage.message)")
        try writeCapture(management, frames: SyntheticPacket.encodeAll(nfsConversation(from: Lab.hostManagement)))
        let leak = try audit(["xs-1:xenbr0=\(management)", "xs-1:xenbr2=\(storage)"])
        #expect(leak.status == "fail", "\(leak.message)")
    }
}
