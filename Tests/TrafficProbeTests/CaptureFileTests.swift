import Foundation
import Testing
import TrafficProbe

@Suite("Capture files: writer and libpcap reader")
struct CaptureFileTests {
    @Test(arguments: [CaptureFileFormat.pcap, .pcapng], [false, true])
    func roundTripsThroughLibpcap(format: CaptureFileFormat, nanoseconds: Bool) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("round-trip.\(format.rawValue)")
        let frames = SyntheticPacket.encodeAll(nfsConversation(from: Lab.hostStorage))
        let stamps = try writeCapture(path, format: format, nanoseconds: nanoseconds, frames: frames)
        let (linkType, packets) = try readBack(path)
        #expect(linkType == .ethernet)
        #expect(packets.map(\.1) == frames)
        #expect(packets.map(\.0.wireLength) == frames.map(\.count))
        // Nanoseconds survive only in nanosecond files; microsecond files round down.
        let expected = stamps.map {
            nanoseconds ? $0 : PacketTimestamp(seconds: $0.seconds, nanoseconds: $0.nanoseconds / 1000 * 1000)
        }
        #expect(packets.map(\.0.timestamp) == expected)
    }

    @Test(arguments: [LinkType.linuxSLL, .linuxSLL2])
    func cookedLinkTypesAreReadBack(linkType: LinkType) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("any.pcap")
        let frames = SyntheticPacket.encodeAll(nfsConversation(from: Lab.hostStorage), for: linkType)
        try writeCapture(path, linkType: linkType, frames: frames)
        let (readType, packets) = try readBack(path)
        #expect(readType == linkType)
        #expect(packets.count == frames.count)
    }

    @Test func snapLengthCutKeepsWireLength() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("snap.pcap")
        let frame = SyntheticPacket.tcp(Lab.hostStorage, 812, to: Lab.server, 2049, payloadLength: 1400)
            .encode(for: .ethernet)
        try writeCapture(path, frames: [frame], snapLength: 96)
        let (_, packets) = try readBack(path)
        #expect(packets.count == 1)
        #expect(packets[0].0.capturedLength == 96)
        #expect(packets[0].0.wireLength == frame.count)
        #expect(packets[0].1 == Array(frame.prefix(96)))
    }

    @Test func filterSelectsPackets() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("filter.pcap")
        let frames = SyntheticPacket.encodeAll(managementChatter() + nfsConversation(from: Lab.hostStorage))
        try writeCapture(path, frames: frames)
        let (_, packets) = try readBack(path, filter: "tcp port 2049")
        #expect(packets.count == 4)
        #expect(throws: TrafficProbeError.self) { try readBack(path, filter: "port banana") }
    }

    @Test func emptyFileIsNamed() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("empty.pcap")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let error = #expect(throws: TrafficProbeError.self) { try PcapFileReader(path: path) }
        #expect(error == .emptyFile(path: path))
        #expect(error?.description.hasPrefix("\(path): empty file") == true)
    }

    @Test func missingFileIsNamed() throws {
        let error = #expect(throws: TrafficProbeError.self) {
            try PcapFileReader(path: "/nonexistent/capture.pcap")
        }
        #expect(error == .fileNotFound(path: "/nonexistent/capture.pcap"))
    }

    @Test func textFileIsNotACapture() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("notes.pcap")
        try "xe pif-list\nuuid ( RO) : 1234\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: TrafficProbeError.self) { try PcapFileReader(path: path) }
        guard case .notACaptureFile(let named, _) = error else {
            Issue.record("expected notACaptureFile, got \(String(describing: error))")
            return
        }
        #expect(named == path)
        #expect(error?.description.contains("not a pcap or pcapng file") == true)
    }

    @Test(arguments: [CaptureFileFormat.pcap, .pcapng])
    func truncatedFileSaysHowFarItGot(format: CaptureFileFormat) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("cut.\(format.rawValue)")
        let frames = SyntheticPacket.encodeAll(nfsConversation(from: Lab.hostStorage))
        try writeCapture(path, format: format, frames: frames)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(data.count - 10).write(to: URL(fileURLWithPath: path))

        let reader = try PcapFileReader(path: path)
        var seen = 0
        let error = #expect(throws: TrafficProbeError.self) {
            try reader.forEachPacket { _, _ in seen += 1 }
        }
        guard case .truncatedFile(let named, let packetsRead, _) = error else {
            Issue.record("expected truncatedFile, got \(String(describing: error))")
            return
        }
        #expect(named == path)
        #expect(packetsRead == frames.count - 1)
        #expect(seen == frames.count - 1)
        #expect(error?.description.contains("truncated capture file after 5 packets") == true)
        // The analysis refuses it too, rather than reporting a partial picture as whole.
        #expect(throws: TrafficProbeError.self) {
            try TrafficAnalysis.analyzeFile(path, interface: "xenbr2",
                                            options: TrafficAnalysisOptions(storageServer: StorageServer(address: Lab.server)))
        }
    }

    @Test func fileCutInsideItsHeaderIsTruncated() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("header.pcap")
        try writeCapture(path, frames: [])
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(10).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: TrafficProbeError.self) { try PcapFileReader(path: path) }
        guard case .truncatedFile(_, 0, _) = error else {
            Issue.record("expected truncatedFile after 0 packets, got \(String(describing: error))")
            return
        }
    }

    @Test func captureWithNoPacketsIsReadable() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("none.pcapng")
        try writeCapture(path, format: .pcapng, frames: [])
        let (_, packets) = try readBack(path)
        #expect(packets.isEmpty)
    }

    @Test func otherLinkTypeIsRefusedByName() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("wifi.pcap")
        let ieee80211 = LinkType(rawValue: 105)
        try writeCapture(path, linkType: ieee80211, frames: [[UInt8](repeating: 0x42, count: 40)])
        let error = #expect(throws: TrafficProbeError.self) { try PcapFileReader(path: path) }
        #expect(error == .unsupportedLinkType(source: path, linkType: 105, name: "IEEE802_11"))
        #expect(error?.description.contains("link type IEEE802_11 (105) is not supported") == true)
        // Still readable when the caller asks for raw packets.
        let (linkType, packets) = try readBack(path, anyLinkType: true)
        #expect(linkType == ieee80211)
        #expect(packets.count == 1)
    }
}
