import Foundation
import XCTest
@testable import NFSProbe

/// Faults, each classified and within its deadline: a server that is down,
/// one that drops everything, missing registrations, and bad replies.
final class LabFaultTests: NFSLabTestCase {
    func testServerDownIsRefusedAtOnce() throws {
        let lab = try requireLab()
        let run = try lab.probe("xs1", ["exports", "172.16.0.36", "--timeout", "5"]) // xs2 runs no rpcbind
        XCTAssertEqual(run.status, 3)
        XCTAssertTrue(run.stderr.hasPrefix("NFS server 172.16.0.36: refused"), run.stderr)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, "one line")
        XCTAssertLessThan(run.seconds, 2)
    }

    func testBlackHoledServerTimesOutWithinTheDeadline() throws {
        let lab = try requireLab()
        for command in ["exports", "rpcinfo"] {
            let run = try lab.probe("xs1", [command, "172.16.0.45", "--timeout", "1.5"])
            XCTAssertEqual(run.status, 3)
            XCTAssertTrue(run.stderr.hasPrefix("NFS server 172.16.0.45: timed out"), run.stderr)
            XCTAssertGreaterThanOrEqual(run.seconds, 1.4, "it waited for the deadline")
            XCTAssertLessThan(run.seconds, 3.0, "and not much longer")
        }
    }

    /// One fault server, registrations taken away one by one with rpcinfo -d.
    func testMountdRegistrationFaults() throws {
        let lab = try requireLab()
        let server = "172.16.0.41"
        XCTAssertEqual(try lab.exec("kflt", ["rpcinfo", "-d", "100005", "3"]).status, 0)
        let v1 = try lab.probe("xs1", ["exports", server])
        XCTAssertEqual(v1.status, 0, v1.stderr)
        XCTAssertTrue(v1.stderr.contains("mount v1 over tcp"), "fell back to MOUNT v1: \(v1.stderr)")
        XCTAssertTrue(v1.stdout.contains("/srv/vhd"))

        XCTAssertEqual(try lab.exec("kflt", ["rpcinfo", "-d", "100005", "1"]).status, 0)
        let v2only = try lab.probe("xs1", ["exports", server])
        XCTAssertEqual(v2only.status, 3)
        XCTAssertTrue(v2only.stderr.hasPrefix("NFS server \(server): version mismatch"), v2only.stderr)

        XCTAssertEqual(try lab.exec("kflt", ["rpcinfo", "-d", "100005", "2"]).status, 0)
        let none = try lab.probe("xs1", ["exports", server])
        XCTAssertEqual(none.status, 3)
        XCTAssertTrue(none.stderr.hasPrefix("NFS server \(server): program not registered"), none.stderr)
        XCTAssertTrue(none.stderr.contains("mountd"), none.stderr)
    }

    func testMalformedAndOversizedReplies() throws {
        let lab = try requireLab()
        let fake = NFSLab.packageRoot.appendingPathComponent("lab/fake-rpc-server.py").path
        let cases: [(mode: String, expect: String)] = [
            ("huge", "reply too large"),
            ("longpath", "malformed reply"),
            ("badbool", "malformed reply"),
            ("garbage", "malformed reply"),
            ("close", "malformed reply"),
        ]
        for (index, item) in cases.enumerated() {
            let port = String(2100 + index)
            let server = try lab.spawn("xs2", ["python3", fake, "--mode", item.mode, "--port", port, "--max-seconds", "30"])
            defer { server.terminate(); server.waitUntilExit() }
            try waitForListener(lab, port: port)
            let run = try lab.probe("xs1", ["exports", "172.16.0.36", "--port", port, "--timeout", "3"])
            XCTAssertEqual(run.status, 3, item.mode)
            XCTAssertTrue(run.stderr.hasPrefix("NFS server 172.16.0.36: \(item.expect)"), "\(item.mode): \(run.stderr)")
            XCTAssertLessThan(run.seconds, 3, item.mode)
        }
    }

    private func waitForListener(_ lab: NFSLab, port: String) throws {
        for _ in 0..<50 {
            let ss = try lab.exec("xs2", ["ss", "-ltnH", "sport = :\(port)"])
            if ss.stdout.contains(":\(port)") { return }
            usleep(100_000)
        }
        throw LabError(message: "fake server on port \(port) did not start")
    }
}
