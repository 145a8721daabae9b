import Foundation
import XCTest

/// `poolcheck exports` and `poolcheck preflight/audit` asking the lab's real servers,
/// run inside the lab's namespaces like an admin on a pool host would.
final class LabPoolcheckTests: NFSLabTestCase {
    nonisolated(unsafe) static var planFolder = ""

    override class func setUp() {
        super.setUp()
        planFolder = NSTemporaryDirectory() + "pc-plans-\(getpid())"
        try? FileManager.default.createDirectory(atPath: planFolder, withIntermediateDirectories: true)
        for (name, server) in [("ganesha", "172.16.0.34"), ("knfsd", "172.16.0.44"), ("hole", "172.16.0.45")] {
            try? plan(server: server).write(toFile: "\(planFolder)/\(name).yaml", atomically: true, encoding: .utf8)
        }
    }

    override class func tearDown() {
        try? FileManager.default.removeItem(atPath: planFolder)
        super.tearDown()
    }

    static func plan(server: String) -> String {
        """
        pool: {name: PDX0, master: xs-1}
        hosts:
          - {name: xs-1, address: 172.16.0.10, storage_ip: 172.16.0.35}
          - {name: xs-2, address: 172.16.0.11, storage_ip: 172.16.0.36}
        networks:
          management: 172.16.0.0/27
          storage: {subnet: 172.16.0.32/28, device: eth2}
        storage:
          nfs: {server: \(server), path: /srv/vhd}
        """
    }

    static var poolcheck: String { NFSLab.packageRoot.appendingPathComponent(".build/debug/poolcheck").path }

    func poolcheck(_ lab: NFSLab, _ role: String, _ arguments: [String]) throws -> NFSLab.Run {
        try lab.exec(role, [Self.poolcheck] + arguments)
    }

    /// Verdict of `rule` on `target` in a JSON report.
    func status(_ json: String, _ rule: String, _ target: String) throws -> String? {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let results = object?["results"] as? [[String: Any]] ?? []
        return results.first { ($0["rule"] as? String) == rule && (($0["target"] as? [String: Any])?["name"] as? String) == target }?["status"] as? String
    }

    func testExportsJSONContractMatchesShowmountAndJudgesClients() throws {
        let lab = try requireLab()
        let run = try poolcheck(lab, "xs1", ["exports", "172.16.0.44", "--json", "--client", "172.16.0.35", "--client", "172.16.0.10"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["server", "exports", "services"])
        XCTAssertEqual(object["server"] as? String, "172.16.0.44")
        let exports = try XCTUnwrap(object["exports"] as? [[String: Any]])
        let showmount = try lab.exec("xs1", ["showmount", "-e", "172.16.0.44"])
        let shownPaths = showmount.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: " ")[0]) }
        XCTAssertEqual(exports.map { $0["path"] as? String }, shownPaths)
        let vhd = try XCTUnwrap(exports.first { $0["path"] as? String == "/srv/vhd" })
        let clients = try XCTUnwrap(vhd["clients"] as? [[String: Any]])
        XCTAssertEqual(clients.map { $0["verdict"] as? String }, ["admitted", "refused"])
        XCTAssertEqual(clients[0]["group"] as? String, "172.16.0.32/28")
        XCTAssertTrue(clients[1].keys.contains("group"), "group is present (null) when refused")
        let services = try XCTUnwrap(object["services"] as? [[String: Any]])
        XCTAssertTrue(services.contains { $0["program"] as? Int == 100005 && $0["protocol"] as? String == "tcp" })
    }

    func testPreflightAsksThePlannedServerAndPassesFromTheStorageNetwork() throws {
        let lab = try requireLab()
        let run = try poolcheck(lab, "xs1", ["preflight", "--plan", "\(Self.planFolder)/ganesha.yaml", "--report", "json"])
        // A plan and the NFS server only: the join checks have no evidence, so the run is incomplete (4).
        XCTAssertEqual(run.status, 4, run.stdout + run.stderr)
        XCTAssertEqual(try status(run.stdout, "nfs-export-acl", "xs-1"), "pass")
        XCTAssertEqual(try status(run.stdout, "nfs-export-acl", "xs-2"), "pass")
        XCTAssertEqual(try status(run.stdout, "nfs-services-registered", "172.16.0.34"), "pass")
        XCTAssertEqual(try status(run.stdout, "nfs-server-answers", "172.16.0.34"), "pass")
    }

    func testGaneshaHidingTheExportIsNeitherPassNorFail() throws {
        let lab = try requireLab()
        // From the management network ganesha does not list /srv/vhd: that proves nothing about xs-1.
        let run = try poolcheck(lab, "mgmt", ["preflight", "--plan", "\(Self.planFolder)/ganesha.yaml", "--report", "json"])
        XCTAssertEqual(run.status, 3, run.stdout + run.stderr)
        XCTAssertEqual(try status(run.stdout, "nfs-export-acl", "xs-1"), "error")
    }

    func testMountdWithoutNFSFailsTheAnswerRule() throws {
        let lab = try requireLab()
        let run = try poolcheck(lab, "xs1", ["preflight", "--plan", "\(Self.planFolder)/knfsd.yaml", "--report", "json"])
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
        XCTAssertEqual(try status(run.stdout, "nfs-export-acl", "xs-2"), "pass")
        XCTAssertEqual(try status(run.stdout, "nfs-server-answers", "172.16.0.44"), "fail")
    }

    func testBlackHoledAndDownServersAreErrorsWithinTheDeadline() throws {
        let lab = try requireLab()
        let hole = try poolcheck(lab, "xs1", ["preflight", "--plan", "\(Self.planFolder)/hole.yaml", "--timeout", "1.5", "--report", "json"])
        XCTAssertEqual(hole.status, 3, hole.stdout + hole.stderr)
        XCTAssertLessThan(hole.seconds, 6, "finishes on its deadline, not minutes")
        XCTAssertEqual(try status(hole.stdout, "nfs-export-acl", "xs-1"), "error")
        XCTAssertEqual(try status(hole.stdout, "nfs-server-answers", "172.16.0.45"), "error")
        let down = try poolcheck(lab, "xs1", ["exports", "172.16.0.36"])
        XCTAssertEqual(down.status, 3)
        XCTAssertTrue(down.stderr.contains("172.16.0.36") && down.stderr.contains("refused"), down.stderr)
        XCTAssertEqual(down.stderr.split(separator: "\n").count, 1, down.stderr)
    }

    /// A host name is resolved (the lab's /etc/hosts), within the deadline, and the
    /// address family follows --source; the report keeps the name the user gave.
    func testExportsByHostName() throws {
        let lab = try requireLab()
        let byAddress = try poolcheck(lab, "xs1", ["exports", "172.16.0.44", "--json"])
        let byName = try poolcheck(lab, "xs1", ["exports", "knfsd.storage.lab", "--json"])
        XCTAssertEqual(byName.status, 0, byName.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(byName.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["server"] as? String, "knfsd.storage.lab")
        XCTAssertEqual(byName.stdout.replacingOccurrences(of: "knfsd.storage.lab", with: "172.16.0.44"), byAddress.stdout)

        // nfs.storage.lab has an IPv4 and an IPv6 address: ganesha shows /srv/v6 only to the IPv6 caller.
        let v6 = try poolcheck(lab, "xs1", ["exports", "nfs.storage.lab", "--source", "fd00:5::35"])
        XCTAssertEqual(v6.status, 0, v6.stderr)
        XCTAssertTrue(v6.stdout.contains("/srv/v6 "), v6.stdout)
        let v4 = try poolcheck(lab, "xs1", ["exports", "nfs.storage.lab", "--source", "172.16.0.35"])
        XCTAssertFalse(v4.stdout.contains("/srv/v6 "), v4.stdout)

        let unknown = try poolcheck(lab, "xs1", ["exports", "no-such-host.storage.lab", "--timeout", "2"])
        XCTAssertEqual(unknown.status, 3)
        XCTAssertTrue(unknown.stderr.hasPrefix("poolcheck: NFS server no-such-host.storage.lab: name not resolved"), unknown.stderr)
        XCTAssertLessThan(unknown.seconds, 4)
        let refused = try poolcheck(lab, "xs1", ["exports", "xs-2.storage.lab"]) // xs-2 runs no rpcbind
        XCTAssertEqual(refused.status, 3)
        // Named with the address asked (the resolver's first: IPv6 or IPv4, by gai.conf).
        XCTAssertTrue(refused.stderr.hasPrefix("poolcheck: NFS server xs-2.storage.lab (fd00:5::36): refused")
                      || refused.stderr.hasPrefix("poolcheck: NFS server xs-2.storage.lab (172.16.0.36): refused"), refused.stderr)
    }
}
