import Addressing
import Foundation
import XCTest
@testable import NFSProbe

final class ExportQueryTests: XCTestCase {
    let exports = [
        NFSExport(path: "/srv", groups: ["172.16.0.0/27"]),
        NFSExport(path: "/srv/vhd", groups: ["172.16.0.32/28"]),
        NFSExport(path: "/srv/public", groups: ["*"]),
        NFSExport(path: "/srv/any", groups: []),
        NFSExport(path: "/srv/names", groups: ["*.storage.lab"]),
        NFSExport(path: "/srv/all4", groups: ["0.0.0.0/0"]),
    ]

    func testExportCoveringASubdirectory() {
        // XenServer mounts <path>/<SR uuid>
        XCTAssertEqual(exports.export(covering: "/srv/vhd/5f2a3c1e-0d1b-4c5e-9f00-aa11bb22cc33")?.path, "/srv/vhd")
        XCTAssertEqual(exports.export(covering: "/srv/vhd/")?.path, "/srv/vhd")
        XCTAssertEqual(exports.export(covering: "/srv/vhdx")?.path, "/srv", "a name prefix is not a parent")
        XCTAssertNil([NFSExport(path: "/srv/vhd", groups: [])].export(covering: "/srv/iso"))
    }

    func testAbsenceProvesNothingOnGanesha() {
        let list = [NFSExport(path: "/srv/vhd", groups: ["172.16.0.32/28"])]
        XCTAssertEqual(list.coverage(of: "/srv/backups", dialect: .ganesha), .notListed(mayBeHidden: true))
        XCTAssertEqual(list.coverage(of: "/srv/backups", dialect: .knfsd), .notListed(mayBeHidden: false))
        XCTAssertEqual(list.coverage(of: "/srv/vhd/x", dialect: .ganesha), .listed(list[0]))
    }

    func testWorldOpen() {
        let open = Dictionary(uniqueKeysWithValues: exports.map { ($0.path, $0.worldOpen(dialect: .knfsd).verdict) })
        XCTAssertEqual(open["/srv/public"], .admitted)
        XCTAssertEqual(open["/srv/any"], .admitted)
        XCTAssertEqual(open["/srv/all4"], .admitted)
        XCTAssertEqual(open["/srv/vhd"], .refused)
        XCTAssertEqual(open["/srv/names"], .refused)
    }

    func testOpennessToTheManagementNetwork() throws {
        let management = try Subnet(parsing: "172.16.0.0/27")
        let vhd = NFSExport(path: "/srv/vhd", groups: ["172.16.0.32/28"])
        XCTAssertEqual(vhd.openness(to: management, dialect: .knfsd).verdict, .refused)
        let ova = NFSExport(path: "/srv/ova", groups: ["172.16.0.32/28", "172.16.0.0/27"])
        XCTAssertEqual(ova.openness(to: management, dialect: .knfsd), ExportExposure(verdict: .admitted, group: "172.16.0.0/27"))
        let wide = NFSExport(path: "/srv/w", groups: ["172.16.0.0/16"])
        XCTAssertEqual(wide.openness(to: management, dialect: .knfsd).verdict, .admitted)
        let host = NFSExport(path: "/srv/h", groups: ["172.16.0.10"])
        XCTAssertEqual(host.openness(to: management, dialect: .knfsd).verdict, .admitted)
        let names = NFSExport(path: "/srv/n", groups: ["*.lab"])
        XCTAssertEqual(names.openness(to: management, dialect: .knfsd).verdict, .unknown)
    }

    func testReportJSONContract() async throws {
        let matcher = ExportMatcher(dialect: .knfsd, resolver: StaticResolver())
        let report = await ExportsReport.build(
            server: "172.16.0.34",
            exports: [NFSExport(path: "/srv/vhd", groups: ["172.16.0.32/28"])],
            services: [RPCRegistration(program: 100_005, version: 3, protocol: .tcp, port: 20048)],
            clients: [IPAddress("172.16.0.35")!, IPAddress("172.16.0.10")!], matcher: matcher)
        let data = try JSONEncoder().encode(report)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["server", "exports", "services"])
        let export = try XCTUnwrap((json["exports"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(export.keys), ["path", "groups", "clients"])
        let clients = try XCTUnwrap(export["clients"] as? [[String: Any]])
        XCTAssertEqual(clients.map { Set($0.keys) }, [["address", "verdict", "group"], ["address", "verdict", "group"]])
        XCTAssertEqual(clients[0]["verdict"] as? String, "admitted")
        XCTAssertEqual(clients[0]["group"] as? String, "172.16.0.32/28")
        XCTAssertEqual(clients[1]["verdict"] as? String, "refused")
        XCTAssertTrue(clients[1]["group"] is NSNull, "group is null, not absent")
        let service = try XCTUnwrap((json["services"] as? [[String: Any]])?.first)
        XCTAssertEqual(service["protocol"] as? String, "tcp")
        XCTAssertEqual(service["program"] as? Int, 100_005)
        XCTAssertEqual(try JSONDecoder().decode(ExportsReport.self, from: data), report)
    }

    func testShowmountRendering() {
        let text = ShowmountFormat.render(server: "172.16.0.34", exports: [
            NFSExport(path: "/srv/backups", groups: ["172.16.0.0/27"]),
            NFSExport(path: "/srv/hotfixes", groups: ["172.16.0.32/28", "172.16.0.0/27"]),
            NFSExport(path: "/srv/open", groups: []),
        ])
        XCTAssertEqual(text, """
            Export list for 172.16.0.34:
            /srv/backups  172.16.0.0/27
            /srv/hotfixes 172.16.0.32/28,172.16.0.0/27
            /srv/open     (everyone)

            """)
    }
}
