import Foundation
import XCTest
@testable import NFSProbe

/// Older servers: a knfsd mountd without TCP (172.16.0.42), and at
/// 172.16.0.43 lab/fake-portmapper.py as a portmap-v2-only server and as an
/// rpcbind that speaks v3 and v2 but not v4. The probe must fall back (rpcbind
/// v4 -> v3 -> v2, mount TCP -> UDP, v3 -> v1), say which way it got there, and
/// end a silent UDP mountd at its deadline.
final class LabFallbackTests: NFSLabTestCase {
    let udpOnlyKnfsd = "172.16.0.42", oldServer = "172.16.0.43"
    let fakeExports = [NFSExport(path: "/srv/legacy", groups: ["172.16.0.32/28", "172.16.0.10"]),
                       NFSExport(path: "/srv/old-iso", groups: ["*"])]
    var exportArguments: [String] {
        fakeExports.flatMap { ["--export", "\($0.path)=\($0.groups.joined(separator: ","))"] }
    }

    func testKnfsdMountdWithoutTCPIsAskedOverUDP() throws {
        let lab = try requireLab()
        // The lab's premise: mountd registered on UDP only, nothing listening on TCP.
        let registered = try lab.exec("kudp", ["rpcinfo", "-p", "127.0.0.1"])
        let mountdRows = registered.stdout.split(separator: "\n").filter { $0.contains(" 100005 ") }
        XCTAssertEqual(mountdRows.count, 3, registered.stdout)
        XCTAssertTrue(mountdRows.allSatisfy { $0.contains(" udp ") }, registered.stdout)
        XCTAssertEqual(try lab.exec("kudp", ["ss", "-ltnH", "sport = :20048"]).stdout, "")

        for server in [udpOnlyKnfsd, "fd00:5::42"] {
            let showmount = try lab.exec("xs1", ["showmount", "-e", server])
            let probe = try lab.probe("xs1", ["exports", server, "--timeout", "3"])
            XCTAssertEqual(showmount.status, 0, showmount.stderr)
            XCTAssertEqual(probe.status, 0, probe.stderr)
            XCTAssertEqual(probe.stdout, showmount.stdout, server)
            XCTAssertTrue(probe.stdout.contains("/srv/vhd"), probe.stdout)
            XCTAssertEqual(probe.stderr, "# rpcbind v4, mount v3 over udp port 20048\n", server)
            XCTAssertLessThan(probe.seconds, 3, server)
        }
    }

    func testPortmapV2OnlyServer() throws {
        let lab = try requireLab()
        try withFake(lab, ["--rpcbind-versions", "2"]) {
            // The fake is what the test needs: rpcbind v3 and v4 are refused
            // with PROG_MISMATCH 2..2, as a portmap-only server does.
            let v4 = try lab.exec("xs1", ["rpcinfo", "-T", "tcp", oldServer, "100000", "4"])
            XCTAssertTrue(v4.stderr.contains("low version = 2, high version = 2"), v4.stdout + v4.stderr)

            try assertExports(lab, oldServer, note: "# rpcbind v2, mount v3 over tcp port 4002\n")
            let showmount = try lab.exec("xs1", ["showmount", "-e", oldServer])
            let probe = try lab.probe("xs1", ["exports", oldServer])
            XCTAssertEqual(probe.stdout, showmount.stdout)

            XCTAssertEqual(try registrations(lab, oldServer), expectedRegistrations(rpcbind: [2], mountd: [1, 3]))
            let rpcinfo = try lab.exec("xs1", ["rpcinfo", "-p", oldServer])
            XCTAssertEqual(try registrations(lab, oldServer), parseRpcinfo(rpcinfo.stdout), "same as rpcinfo -p")
        }
        // GETPORT for v3 answers with the v1 port (any version, as portmap
        // does); mountd refuses v3, so EXPORT falls back to v1.
        try withFake(lab, ["--rpcbind-versions", "2", "--mount-versions", "1"]) {
            try assertExports(lab, oldServer, note: "# rpcbind v2, mount v1 over tcp port 4002\n")
        }
        try withFake(lab, ["--rpcbind-versions", "2", "--register", "udp", "--listen", "udp"]) {
            try assertExports(lab, oldServer, note: "# rpcbind v2, mount v3 over udp port 4002\n")
        }
    }

    func testRpcbindV3WithoutV4() throws {
        let lab = try requireLab()
        try withFake(lab, ["--rpcbind-versions", "2,3"]) {
            let v4 = try lab.exec("xs1", ["rpcinfo", "-T", "tcp", oldServer, "100000", "4"])
            XCTAssertTrue(v4.stderr.contains("low version = 2, high version = 3"), v4.stdout + v4.stderr)
            for server in [oldServer, "fd00:5::43"] {
                try assertExports(lab, server, note: "# rpcbind v3, mount v3 over tcp port 4002\n")
                XCTAssertEqual(try registrations(lab, server), expectedRegistrations(rpcbind: [2, 3], mountd: [1, 3]))
            }
        }
        // Registered on UDP only: GETADDR answers for the transport it is asked
        // on, so the UDP port must be asked over UDP.
        try withFake(lab, ["--rpcbind-versions", "2,3", "--register", "udp", "--listen", "udp"]) {
            for server in [oldServer, "fd00:5::43"] {
                try assertExports(lab, server, note: "# rpcbind v3, mount v3 over udp port 4002\n")
            }
        }
        // A stale TCP registration (nothing listens): refused, then UDP.
        try withFake(lab, ["--rpcbind-versions", "2,3", "--register", "tcp,udp", "--listen", "udp"]) {
            try assertExports(lab, oldServer, note: "# rpcbind v3, mount v3 over udp port 4002\n")
        }
    }

    func testSilentUDPMountdEndsAtItsDeadline() throws {
        let lab = try requireLab()
        // Straight at a black-holed server's mountd port, over UDP.
        let direct = try lab.probe("xs1", ["exports", "172.16.0.45", "--port", "20048", "--udp", "--timeout", "1.5"])
        assertTimedOut(direct, server: "172.16.0.45")
        // Through rpcbind: mountd registered on UDP only, and it never answers.
        try withFake(lab, ["--rpcbind-versions", "2,3", "--register", "udp", "--listen", "udp",
                           "--udp-mountd", "drop"]) {
            let run = try lab.probe("xs1", ["exports", oldServer, "--timeout", "1.5"])
            assertTimedOut(run, server: oldServer)
        }
    }

    /// The user-facing command (DUMP + EXPORT) against the same older servers.
    func testPoolcheckExportsAgainstOlderServers() throws {
        let lab = try requireLab()
        for server in [udpOnlyKnfsd, "fd00:5::42"] {
            let (exports, services) = try poolcheckExports(lab, server)
            let showmount = try lab.exec("xs1", ["showmount", "-e", "--no-headers", server])
            XCTAssertEqual(exports.map(\.path), showmount.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) })
            XCTAssertTrue(services.contains(Row(program: 100_005, version: 3, proto: "udp", port: 20048)))
            XCTAssertFalse(services.contains { $0.program == 100_005 && $0.proto == "tcp" }, server)
        }
        try withFake(lab, ["--rpcbind-versions", "2"]) {
            let (exports, services) = try poolcheckExports(lab, oldServer)
            XCTAssertEqual(exports, fakeExports)
            XCTAssertEqual(services, expectedRegistrations(rpcbind: [2], mountd: [1, 3]))
        }
        try withFake(lab, ["--rpcbind-versions", "2,3", "--register", "udp", "--listen", "udp"]) {
            for server in [oldServer, "fd00:5::43"] {
                let (exports, services) = try poolcheckExports(lab, server)
                XCTAssertEqual(exports, fakeExports, server)
                XCTAssertEqual(services, expectedRegistrations(rpcbind: [2, 3], mountd: [1, 3], mountdOn: ["udp"]), server)
            }
        }
    }

    // MARK: helpers

    private func poolcheckExports(_ lab: NFSLab, _ server: String) throws -> ([NFSExport], Set<Row>) {
        let poolcheck = NFSLab.packageRoot.appendingPathComponent(".build/debug/poolcheck").path
        let run = try lab.exec("xs1", [poolcheck, "exports", server, "--json", "--timeout", "3"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertLessThan(run.seconds, 3, server)
        struct Report: Decodable {
            struct Service: Decodable { var program: UInt32, version: UInt32, `protocol`: String, port: UInt16 }
            var exports: [NFSExport]
            var services: [Service]
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(run.stdout.utf8))
        return (report.exports, Set(report.services.map {
            Row(program: $0.program, version: $0.version, proto: $0.protocol, port: $0.port)
        }))
    }

    /// Runs lab/fake-portmapper.py in the pmap role (172.16.0.43) around body;
    /// killed by PID afterwards (and it exits by itself after --max-seconds).
    private func withFake(_ lab: NFSLab, _ arguments: [String], _ body: () throws -> Void) throws {
        let script = NFSLab.packageRoot.appendingPathComponent("lab/fake-portmapper.py").path
        let fake = try lab.spawn("pmap", ["python3", script, "--max-seconds", "60"] + exportArguments + arguments)
        defer { fake.terminate(); fake.waitUntilExit() }
        try waitForPortmapper(lab)
        try body()
    }

    private func waitForPortmapper(_ lab: NFSLab) throws {
        for _ in 0..<50 {
            if try lab.exec("pmap", ["ss", "-ltnH", "sport = :111"]).stdout.contains(":111") { return }
            usleep(100_000)
        }
        throw LabError(message: "fake portmapper did not start")
    }

    private func assertExports(_ lab: NFSLab, _ server: String, note: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try lab.probe("xs1", ["exports", server, "--timeout", "3"])
        XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
        XCTAssertEqual(run.stderr, note, server, file: file, line: line)
        XCTAssertLessThan(run.seconds, 3, server, file: file, line: line)
        let json = try lab.probe("xs1", ["exports", server, "--json", "--timeout", "3"])
        XCTAssertEqual(json.status, 0, json.stderr, file: file, line: line)
        let listed = try JSONDecoder().decode([NFSExport].self, from: Data(json.stdout.utf8))
        XCTAssertEqual(listed, fakeExports, server, file: file, line: line)
    }

    private func assertTimedOut(_ run: NFSLab.Run, server: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(run.status, 3, file: file, line: line)
        XCTAssertTrue(run.stderr.hasPrefix("NFS server \(server): timed out — mountd EXPORT"), run.stderr,
                      file: file, line: line)
        XCTAssertTrue(run.stderr.contains("(udp)"), run.stderr, file: file, line: line)
        XCTAssertGreaterThanOrEqual(run.seconds, 1.4, "it waited for the deadline", file: file, line: line)
        XCTAssertLessThan(run.seconds, 3.0, "and not much longer", file: file, line: line)
    }

    struct Row: Hashable {
        var program: UInt32, version: UInt32, proto: String, port: UInt16
    }

    private func registrations(_ lab: NFSLab, _ server: String) throws -> Set<Row> {
        let run = try lab.probe("xs1", ["rpcinfo", server, "--timeout", "3"])
        XCTAssertEqual(run.status, 0, run.stderr)
        return parseRpcinfo(run.stdout)
    }

    /// Rows of `rpcinfo -p` (and of nfs-probe-cli rpcinfo, which prints the same).
    private func parseRpcinfo(_ text: String) -> Set<Row> {
        Set(text.split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ")
            guard f.count >= 4, let program = UInt32(f[0]), let version = UInt32(f[1]),
                  let port = UInt16(f[3]) else { return nil }
            return Row(program: program, version: version, proto: String(f[2]), port: port)
        })
    }

    private func expectedRegistrations(rpcbind: [UInt32], mountd: [UInt32],
                                       mountdOn: [String] = ["tcp", "udp"]) -> Set<Row> {
        var rows = Set<Row>()
        for proto in ["tcp", "udp"] {
            for v in rpcbind { rows.insert(Row(program: 100_000, version: v, proto: proto, port: 111)) }
        }
        for proto in mountdOn {
            for v in mountd { rows.insert(Row(program: 100_005, version: v, proto: proto, port: 4002)) }
        }
        return rows
    }
}
