import Foundation
import XCTest

/// Real `showmount -e` output (nfs-utils, padded columns) from the lab's knfsd, pasted into a
/// transcript as an admin would, whole and through `grep`: poolcheck reads the same exports
/// `poolcheck exports` asks mountd for, and judges the storage export from them.
final class LabShowmountTranscriptTests: NFSLabTestCase {
    static var poolcheck: String { NFSLab.packageRoot.appendingPathComponent(".build/debug/poolcheck").path }

    func testRealShowmountTranscriptsWholeAndGreppedAreReadAsMountdAnswers() throws {
        let lab = try requireLab()
        let folder = NSTemporaryDirectory() + "pc-showmount-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try LabPoolcheckTests.plan(server: "172.16.0.44").write(toFile: folder + "/plan.yaml", atomically: true, encoding: .utf8)

        let whole = try lab.exec("xs1", ["showmount", "-e", "172.16.0.44"])
        XCTAssertEqual(whole.status, 0, whole.stderr)
        let grepped = try lab.exec("xs1", ["sh", "-c", "showmount -e 172.16.0.44 | grep vhd"])
        XCTAssertEqual(grepped.status, 0, grepped.stderr)
        let asked = try lab.exec("xs1", [Self.poolcheck, "exports", "172.16.0.44", "--json"])
        XCTAssertEqual(asked.status, 0, asked.stderr)
        let mountd = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(asked.stdout.utf8)) as? [String: Any])
        let expected = (mountd["exports"] as? [[String: Any]] ?? []).map { "\($0["path"] ?? "") \($0["groups"] ?? "")" }

        for (name, command, output) in [("whole", "showmount -e 172.16.0.44", whole.stdout),
                                        ("grepped", "showmount -e 172.16.0.44 | grep vhd", grepped.stdout)] {
            let transcript = folder + "/\(name)/xs-1.txt"
            try FileManager.default.createDirectory(atPath: folder + "/\(name)", withIntermediateDirectories: true)
            try "[root@xs-1 ~]# \(command)\n\(output)".write(toFile: transcript, atomically: true, encoding: .utf8)

            let facts = try lab.exec("xs1", [Self.poolcheck, "facts", "--snapshot", transcript, "--offline"])
            XCTAssertEqual(facts.status, 0, facts.stderr)
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(facts.stdout.utf8)) as? [String: Any], name)
            let hosts = object["hosts"] as? [[String: Any]] ?? []
            let list = try XCTUnwrap((hosts.first?["exportLists"] as? [[String: Any]])?.first, name)
            let read = (list["exports"] as? [[String: Any]] ?? []).map { "\($0["path"] ?? "") \($0["groups"] ?? "")" }
            if name == "whole" {
                XCTAssertEqual(read, expected, "every export and its clients, as mountd answered")
                XCTAssertNil(list["partial"])
            } else {
                XCTAssertEqual(read, expected.filter { $0.contains("vhd") })
                XCTAssertEqual(list["partial"] as? Bool, true)
            }
            XCTAssertNil(list["pathsWithoutClients"], name)
            XCTAssertFalse(facts.stderr.contains("could not read"), facts.stderr)

            let run = try lab.exec("xs1", [Self.poolcheck, "preflight", "--offline", "--plan", folder + "/plan.yaml",
                                           "--snapshot", transcript, "--report", "json"])
            let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stderr)
            let acl = (report["results"] as? [[String: Any]] ?? []).first {
                $0["rule"] as? String == "nfs-export-acl" && ($0["target"] as? [String: Any])?["name"] as? String == "xs-1"
            }
            XCTAssertEqual(acl?["status"] as? String, "pass", "\(name): \(acl?["message"] ?? run.stderr)")
        }
    }
}
