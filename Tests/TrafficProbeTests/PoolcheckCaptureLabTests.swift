import Foundation
import Testing

/// `poolcheck audit --capture` inside the traffic lab's host namespace: the isolation rule
/// passes with correct routing and fails, naming the packets, once a host route sends the
/// NFS server's traffic over xenbr0. Root only.
@Suite("Traffic lab: poolcheck audit --capture", .serialized,
       .enabled(if: LabEnvironment.shouldRun, LabEnvironment.skipReason))
struct PoolcheckCaptureLabTests {
    static let plan = """
    pool: {name: PDX0, master: xs-1}
    hosts: [{name: xs-1, address: 172.16.0.10, storage_ip: 172.16.0.35}]
    networks: {management: 172.16.0.0/27, storage: {subnet: 172.16.0.32/28, device: eth2}}
    storage: {nfs: {server: 172.16.0.34, path: /srv/vhd}}
    """

    /// The isolation result of one `poolcheck audit --capture xenbr0 xenbr2` run in the host namespace.
    func audit(_ lab: TrafficLab, folder: URL) throws -> (status: String, message: String) {
        let poolcheck = LabEnvironment.repositoryRoot.appendingPathComponent(".build/debug/poolcheck").path
        let finished = try run(["ip", "netns", "exec", lab.hostNamespace, poolcheck, "audit",
                                "--plan", folder.appendingPathComponent("plan.yaml").path,
                                "--snapshot", folder.appendingPathComponent("xs-1.txt").path,
                                "--capture", "xenbr0", "xenbr2", "--duration", "2", "--timeout", "1", "--report", "json"],
                               timeout: 30)
        let object = try JSONSerialization.jsonObject(with: finished.standardOutput) as? [String: Any]
        let results = object?["results"] as? [[String: Any]] ?? []
        let isolation = try #require(results.first { $0["rule"] as? String == "storage-traffic-isolated" },
                                     "no isolation result; stderr: \(finished.standardError)")
        return (isolation["status"] as? String ?? "", isolation["message"] as? String ?? "")
    }

    @Test func isolationPassesThenFailsWhenAHostRouteLeaksOntoManagement() throws {
        try LabEnvironment.requireRoot()
        let lab = try TrafficLab.up()
        defer { lab.down() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pc-capture-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The host's addresses as `ip -o addr` shows them there: the evidence that xenbr0 is management.
        let addresses = try run(["ip", "netns", "exec", lab.hostNamespace, "ip", "-o", "addr"])
        let transcript = "[root@xs-1 ~]# ip -o addr\n" + String(decoding: addresses.standardOutput, as: UTF8.self)
        try transcript.write(to: folder.appendingPathComponent("xs-1.txt"), atomically: true, encoding: .utf8)
        try Self.plan.write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)

        let correct = try audit(lab, folder: folder)
        #expect(correct.status == "pass", "\(correct.message)")

        try lab.leak()
        let leaking = try audit(lab, folder: folder)
        #expect(leaking.status == "fail")
        #expect(leaking.message.contains("172.16.0.10"), "\(leaking.message)")
    }
}
