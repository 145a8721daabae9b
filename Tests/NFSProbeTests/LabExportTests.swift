import Foundation
import XCTest
@testable import NFSProbe

/// Against real servers in the lab: nfs-ganesha at 172.16.0.34 and knfsd's
/// rpc.mountd at 172.16.0.44, asked from several client namespaces.
final class LabExportTests: NFSLabTestCase {
    let ganesha = "172.16.0.34", knfsd = "172.16.0.44"

    func testExportListsEqualShowmountFromEveryClient() throws {
        let lab = try requireLab()
        for server in [ganesha, knfsd, "fd00:5::34", "fd00:5::44"] {
            for role in ["xs1", "xs2", "mgmt", "out"] {
                if server.contains(":") && (role == "mgmt" || role == "out") { continue } // IPv4-only clients
                let showmount = try lab.exec(role, ["showmount", "-e", server])
                let probe = try lab.probe(role, ["exports", server])
                XCTAssertEqual(showmount.status, 0, showmount.stderr)
                XCTAssertEqual(probe.status, 0, probe.stderr)
                XCTAssertEqual(probe.stdout, showmount.stdout, "\(server) from \(role)")
            }
        }
    }

    func testGaneshaListsOnlyWhatTheCallerMayMount() throws {
        let lab = try requireLab()
        let fromStorage = try listing(lab, "xs1", ganesha)
        let fromManagement = try listing(lab, "mgmt", ganesha)
        XCTAssertTrue(fromStorage.contains { $0.path == "/srv/vhd" })
        XCTAssertFalse(fromStorage.contains { $0.path == "/srv/backups" }, "hidden from a storage address")
        XCTAssertTrue(fromManagement.contains { $0.path == "/srv/backups" })
        XCTAssertFalse(fromManagement.contains { $0.path == "/srv/vhd" })
        // The hidden export is "not listed, may be hidden", never "refused".
        XCTAssertEqual(fromStorage.coverage(of: "/srv/backups", dialect: .ganesha), .notListed(mayBeHidden: true))
        // ganesha writes hosts as /32 (and resolves names at start-up).
        XCTAssertEqual(fromStorage.first { $0.path == "/srv/xs1only" }?.groups, ["172.16.0.35/32"])
        XCTAssertEqual(fromStorage.first { $0.path == "/srv/named" }?.groups, ["fd00:5::35/128", "172.16.0.35/32"])
        // knfsd lists every export and keeps the dotted mask as written.
        let all = try listing(lab, "out", knfsd)
        XCTAssertEqual(all.count, 14)
        XCTAssertEqual(all.first { $0.path == "/srv/dotted" }?.groups, ["172.16.0.32/255.255.255.240"])
        XCTAssertEqual(all.first { $0.path == "/srv/named" }?.groups, ["xs-1.storage.lab"])
        XCTAssertEqual(all.first { $0.path == "/srv/netgroup" }?.groups, ["@xenhosts"])
    }

    func testSourceAddressChangesWhatGaneshaShows() throws {
        let lab = try requireLab()
        let own = try listing(lab, "xs1", ganesha)
        let alias = try listing(lab, "xs1", ganesha, extra: ["--source", "172.16.0.38"])
        XCTAssertTrue(own.contains { $0.path == "/srv/xs1only" })
        XCTAssertFalse(alias.contains { $0.path == "/srv/xs1only" }, "asked from .38, not .35")
        XCTAssertTrue(alias.contains { $0.path == "/srv/vhd" })
    }

    func testVerdictsFromSeveralClientsOnBothServers() throws {
        let lab = try requireLab()
        let clients = ["172.16.0.35", "172.16.0.36", "172.16.0.10", "172.16.0.60", "fd00:5::35"]
        let knfsdReport = try report(lab, "xs1", knfsd, clients)
        func v(_ r: ExportsReport, _ path: String, _ client: String) -> Verdict? {
            r.exports.first { $0.path == path }?.clients.first { $0.address == client }?.verdict
        }
        let expected: [(String, String, Verdict)] = [
            ("/srv/vhd", "172.16.0.35", .admitted), ("/srv/vhd", "172.16.0.10", .refused),
            ("/srv/backups", "172.16.0.10", .admitted), ("/srv/backups", "172.16.0.36", .refused),
            ("/srv/dotted", "172.16.0.36", .admitted), ("/srv/dotted", "172.16.0.60", .refused),
            ("/srv/hostbits", "172.16.0.35", .admitted),
            ("/srv/xs1only", "172.16.0.35", .admitted), ("/srv/xs1only", "172.16.0.36", .refused),
            ("/srv/xs2only", "172.16.0.36", .admitted), ("/srv/xs2only", "172.16.0.35", .refused),
            ("/srv/v6", "fd00:5::35", .admitted), ("/srv/v6", "172.16.0.35", .refused),
            ("/srv/wild", "172.16.0.35", .admitted), ("/srv/wild", "172.16.0.10", .refused),
            ("/srv/named", "172.16.0.35", .admitted), ("/srv/named", "172.16.0.36", .refused),
            ("/srv/netgroup", "172.16.0.36", .admitted), ("/srv/netgroup", "172.16.0.35", .refused),
            ("/srv/public", "172.16.0.60", .admitted),
        ]
        for (path, client, want) in expected {
            XCTAssertEqual(v(knfsdReport, path, client), want, "knfsd \(path) for \(client)")
        }
        XCTAssertTrue(knfsdReport.services.contains { $0.program == 100_005 && $0.version == 2 })
        // ganesha from the management side: /32 hosts and hidden exports.
        let ganeshaReport = try report(lab, "mgmt", ganesha, clients)
        XCTAssertEqual(v(ganeshaReport, "/srv/backups", "172.16.0.35"), .refused)
        XCTAssertEqual(v(ganeshaReport, "/srv/ova", "172.16.0.35"), .admitted)
        let storageSide = try report(lab, "xs1", ganesha, clients)
        XCTAssertEqual(v(storageSide, "/srv/named", "fd00:5::35"), .admitted)
        XCTAssertEqual(v(storageSide, "/srv/named", "172.16.0.36"), .refused)
        XCTAssertEqual(v(storageSide, "/srv/xs1only", "172.16.0.35"), .admitted)
    }

    func testNFSAnswersOnGaneshaButNotOnKnfsdMountdAlone() throws {
        let lab = try requireLab()
        let ganeshaPing = try lab.probe("xs1", ["ping", ganesha])
        XCTAssertEqual(ganeshaPing.status, 0, ganeshaPing.stdout + ganeshaPing.stderr)
        XCTAssertTrue(ganeshaPing.stdout.contains("nfs v3: answers"))
        XCTAssertTrue(ganeshaPing.stdout.contains("nfs v4: answers"))
        let knfsdPing = try lab.probe("xs1", ["ping", knfsd])
        XCTAssertEqual(knfsdPing.status, 3)
        XCTAssertTrue(knfsdPing.stdout.contains("nfs v3: NFS server \(knfsd): program not registered"), knfsdPing.stdout)
        XCTAssertTrue(knfsdPing.stdout.contains("nfs v4: NFS server \(knfsd): refused"), knfsdPing.stdout)
    }

    // MARK: helpers

    func listing(_ lab: NFSLab, _ role: String, _ server: String, extra: [String] = []) throws -> [NFSExport] {
        let run = try lab.probe(role, ["exports", server, "--json"] + extra)
        XCTAssertEqual(run.status, 0, run.stderr)
        return try JSONDecoder().decode([NFSExport].self, from: Data(run.stdout.utf8))
    }

    func report(_ lab: NFSLab, _ role: String, _ server: String, _ clients: [String]) throws -> ExportsReport {
        let run = try lab.exec(role, [LabPoolcheckTests.poolcheck, "exports", server, "--json"] + clients.flatMap { ["--client", $0] })
        XCTAssertEqual(run.status, 0, run.stderr)
        return try JSONDecoder().decode(ExportsReport.self, from: Data(run.stdout.utf8))
    }
}
