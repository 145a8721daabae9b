import Addressing
import Foundation
import TrafficProbe
import XCTest
@testable import PoolCheck

/// The traffic rules on real capture files (written here, read back through libpcap) of
/// the example pool: leak and no leak, VLAN, MTU, and bad files.
final class TrafficRuleTests: XCTestCase {
    let server = IPAddress("172.16.0.34")!
    let storageIP = IPAddress("172.16.0.35")!
    let managementIP = IPAddress("172.16.0.10")!
    var folder = ""

    override func setUpWithError() throws { folder = try temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    /// An NFS conversation: rpcbind query, a TCP handshake with `mss`, a write and its reply.
    func nfs(from client: IPAddress, vlans: [VLANTag] = [], mss: UInt16 = 1460) -> [SyntheticPacket] {
        [.udp(client, 900, to: server, 111, payloadLength: 56, vlans: vlans),
         .udp(server, 111, to: client, 900, payloadLength: 28, vlans: vlans),
         .tcp(client, 812, to: server, 2049, flags: [.syn], mss: mss, vlans: vlans),
         .tcp(server, 2049, to: client, 812, flags: [.syn, .ack], mss: mss, vlans: vlans),
         .tcp(client, 812, to: server, 2049, payloadLength: 1200, vlans: vlans)]
    }

    var chatter: [SyntheticPacket] {
        [.tcp(managementIP, 40000, to: IPAddress("172.16.0.11")!, 443, payloadLength: 300),
         .udp(managementIP, 5353, to: IPAddress("172.16.0.1")!, 53, payloadLength: 40)]
    }

    func write(_ name: String, _ packets: [SyntheticPacket], format: CaptureFileFormat = .pcap) throws -> String {
        let path = "\(folder)/\(name)"
        let writer = try PcapWriter(path: path, format: format, linkType: .ethernet)
        for (index, packet) in packets.enumerated() {
            try writer.write(packet.encode(for: .ethernet), at: PacketTimestamp(seconds: 1_700_000_000, nanoseconds: Int64(index) * 1_000_000))
        }
        try writer.close()
        return path
    }

    /// Runs one rule on the example's after/ transcripts plus the captures, as the CLI gathers them.
    func verdict(_ rule: String, plan: String = "examples/pdx0/plan.yaml", _ captures: [String]) async throws -> CheckResult {
        let plan = try PlanLoader.load(path: plan.hasPrefix("/") ? plan : repositoryRoot + "/" + plan)
        let sources = [SourceSpec.snapshot(path: repositoryRoot + "/examples/pdx0/after")]
            + (try captures.map { SourceSpec.pcap(try CaptureSpec(parsing: $0, needsFile: true)) })
        let facts = try await Gathering.gather(sources, plan: plan, options: GatherOptions(offline: true))
        let catalog = RuleCatalog(rules: [try XCTUnwrap(try RuleCatalog.bundled().rule(id: rule))])
        let report = RuleEngine(catalog: catalog).run(facts: facts, plan: plan, phase: .audit)
        return try XCTUnwrap(report.results.first { $0.target.name == "xs-1" })
    }

    func testIsolationPassesWhenStorageStaysOnTheStorageBridge() async throws {
        let management = try write("mgmt.pcap", chatter)
        let storage = try write("storage.pcapng", nfs(from: storageIP), format: .pcapng)
        let result = try await verdict("storage-traffic-isolated", ["xs-1:xenbr0=\(management)", "xs-1:xenbr2=\(storage)"])
        XCTAssertEqual(result.status, .pass, result.message)
    }

    func testIsolationFailsAndNamesThePacketsWhenNFSLeaksOntoManagement() async throws {
        let management = try write("mgmt.pcap", chatter + nfs(from: managementIP))
        let storage = try write("storage.pcap", nfs(from: storageIP))
        let result = try await verdict("storage-traffic-isolated", ["xs-1:management=\(management)", "xs-1:storage=\(storage)"])
        XCTAssertEqual(result.status, .fail)
        XCTAssertTrue(result.message.contains("172.16.0.10:812 → 172.16.0.34:2049"), result.message)
    }

    func testAWindowWithoutStorageTrafficIsAnErrorNotAPass() async throws {
        let management = try write("mgmt.pcap", chatter)
        let storage = try write("storage.pcap", [])
        let result = try await verdict("storage-traffic-isolated", ["xs-1:xenbr0=\(management)", "xs-1:xenbr2=\(storage)"])
        XCTAssertEqual(result.status, .error, result.message)
    }

    func testNoCaptureSkipsNamingTheOption() async throws {
        let result = try await verdict("storage-traffic-isolated", [])
        XCTAssertEqual(result.status, .skip)
        XCTAssertTrue(result.message.contains("--pcap"), result.message)
    }

    func testVLANAndMTUAgainstThePlan() async throws {
        let planPath = "\(folder)/plan.yaml"
        try String(contentsOfFile: repositoryRoot + "/examples/pdx0/plan.yaml", encoding: .utf8)
            .replacingOccurrences(of: "redundancy: bond}", with: "redundancy: bond, vlan: 20, mtu: 9000}")
            .write(toFile: planPath, atomically: true, encoding: .utf8)
        let tagged = try write("tagged.pcap", nfs(from: storageIP, vlans: [VLANTag(tpid: 0x8100, priority: 0, dropEligible: false, vlanID: 20)], mss: 8960))
        let relative = planPath  // absolute
        let taggedVLAN = try await verdict("storage-traffic-vlan", plan: relative, ["xs-1:storage=\(tagged)"])
        XCTAssertEqual(taggedVLAN.status, .pass, taggedVLAN.message)
        let jumbo = try await verdict("storage-traffic-mtu", plan: relative, ["xs-1:storage=\(tagged)"])
        XCTAssertEqual(jumbo.status, .pass, jumbo.message)
        let wrong = try write("wrong.pcap", nfs(from: storageIP, vlans: [VLANTag(tpid: 0x8100, priority: 0, dropEligible: false, vlanID: 30)], mss: 1460))
        let wrongVLAN = try await verdict("storage-traffic-vlan", plan: relative, ["xs-1:storage=\(wrong)"])
        XCTAssertEqual(wrongVLAN.status, .fail, wrongVLAN.message)
        let mtu = try await verdict("storage-traffic-mtu", plan: relative, ["xs-1:storage=\(wrong)"])
        XCTAssertEqual(mtu.status, .warn)
        XCTAssertTrue(mtu.message.contains("1500"), mtu.message)
    }

    func testBadCaptureFilesAreOneLineInputErrors() async throws {
        let text = "\(folder)/notes.txt"
        try "not a capture".write(toFile: text, atomically: true, encoding: .utf8)
        let empty = "\(folder)/empty.pcap"
        XCTAssertTrue(FileManager.default.createFile(atPath: empty, contents: Data()))
        for (file, expected) in [(text, "notes.txt"), (empty, "empty.pcap"), ("\(folder)/missing.pcap", "missing.pcap")] {
            let run = try CLITests.poolcheck(["audit", "--snapshot", "examples/pdx0/after", "--offline", "--pcap", "xs-1:xenbr0=\(file)"])
            XCTAssertEqual(run.status, 2, run.stderr)
            XCTAssertTrue(run.stderr.contains(expected), run.stderr)
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        }
        let malformed = try CLITests.poolcheck(["audit", "--snapshot", "examples/pdx0/after", "--pcap", "xs-1:xenbr0"])
        XCTAssertEqual(malformed.status, 2)
        XCTAssertTrue(malformed.stderr.contains("IFACE=FILE"), malformed.stderr)
    }
}
