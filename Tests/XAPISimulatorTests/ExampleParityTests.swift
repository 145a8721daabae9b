import Foundation
import PoolCheck
import Testing
import XAPISimulator

/// The example pool served by xapi-sim and audited with `poolcheck audit --xapi` gives the
/// verdicts `poolcheck audit --snapshot examples/pdx0/after` gives: the same facts, two ways.
@Suite("XAPI parity with the snapshot example")
struct ExampleParityTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// rule@target -> status from a JSON report.
    func verdicts(_ arguments: [String], environment: [String: String] = [:]) throws -> [String: String] {
        let process = Process()
        process.executableURL = Self.root.appendingPathComponent(".build/debug/poolcheck")
        process.arguments = arguments + ["--report", "json"]
        process.currentDirectoryURL = Self.root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var map: [String: String] = [:]
        for result in object["results"] as? [[String: Any]] ?? [] {
            let target = (result["target"] as? [String: Any])?["name"] as? String ?? ""
            map["\(result["rule"] as? String ?? "")@\(target)"] = result["status"] as? String
        }
        return map
    }

    @Test func auditOverXAPIMatchesTheSnapshotAudit() async throws {
        let directory = SimHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let identity = try SimTLSIdentity.generate(in: directory)
        let facts = try SimSnapshotSource.facts(at: Self.root.appendingPathComponent("examples/pdx0/after").path)
        let simulator = try await XapiSimulator.start(XapiSimulator.Configuration(
            scenario: try SimScenario(facts: facts), password: SimHarness.password, tls: identity, log: SimCallLog()))
        let member = try #require(simulator.listeners.first { !$0.host.isMaster })
        let plan = ["--plan", "examples/pdx0/plan.yaml"]
        // XAPI has no NFS export list: both runs take the exports from the same showmount transcript.
        let showmount = directory + "/showmount.txt"
        try """
        [root@xs-1 ~]# showmount -e 172.16.0.34
        Export list for 172.16.0.34:
        /srv/vhd 172.16.0.32/28
        """.write(toFile: showmount, atomically: true, encoding: .utf8)
        let overXAPI = try await offCooperativePool { [self] in
            try verdicts(["audit"] + plan + ["--xapi", member.url, "--pin-sha256", try identity.fingerprintSHA256(), "--snapshot", showmount],
                         environment: ["POOLCHECK_PASSWORD": SimHarness.password])
        }
        await simulator.shutdown()
        let fromSnapshot = try verdicts(["audit"] + plan + ["--snapshot", "examples/pdx0/after"])
        #expect(!fromSnapshot.isEmpty)
        for (key, status) in fromSnapshot.sorted(by: { $0.key < $1.key }) {
            #expect(overXAPI[key] == status, "\(key): snapshot \(status), xapi \(overXAPI[key] ?? "none")")
        }
        #expect(overXAPI["storage-redundancy@xs-1"] == "fail")
    }
}
