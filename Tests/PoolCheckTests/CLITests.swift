import Foundation
import XCTest

/// The command line as users and CI see it: exit statuses and one-line errors.
final class CLITests: XCTestCase {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the `poolcheck` binary that `swift build` (and so `swift test`) made.
    static func poolcheck(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60,
                          binary path: String = repositoryRoot + "/.build/debug/poolcheck") throws -> Run {
        let binary = URL(fileURLWithPath: path)
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            XCTFail("poolcheck binary not built at \(binary.path): run `swift build` first")
            throw CocoaError(.fileNoSuchFile)
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting: a full pipe would otherwise block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            XCTFail("poolcheck \(arguments) did not finish in \(timeout)s")
        }
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    func assertUsageError(_ arguments: [String], mentions expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try Self.poolcheck(arguments)
        XCTAssertEqual(run.status, 2, "\(arguments): \(run.stderr)", file: file, line: line)
        XCTAssertTrue(run.stderr.contains(expected), "\(arguments): stderr \(run.stderr)", file: file, line: line)
        XCTAssertFalse(run.stderr.contains("Fatal error"), file: file, line: line)
    }

    func testBadUsageAndBadInputExitTwoWithOneClearLine() throws {
        let folder = try temporaryFolder()
        let typo = folder + "/typo.yaml"
        try "hosts:\n  - {name: xs-1, storage_ipp: 172.16.0.35}\n".write(toFile: typo, atomically: true, encoding: .utf8)
        try assertUsageError(["audit", "--plan", typo], mentions: "\(typo):2: unknown key 'storage_ipp'")
        try assertUsageError(["audit", "--no-such-flag"], mentions: "no-such-flag")
        try assertUsageError(["audit"], mentions: "nothing to check")
        try assertUsageError(["audit", "--plan", folder + "/missing.yaml"], mentions: "missing.yaml")
        try assertUsageError(["audit", "--plan", "examples/pdx0/plan.yaml", "--report", "xml"], mentions: "xml")
        try assertUsageError(["audit", "--facts", typo], mentions: "not a poolcheck facts file")
        let v1 = folder + "/v1.json"
        try #"{"schema": "poolcheck.facts/v1", "views": []}"#.write(toFile: v1, atomically: true, encoding: .utf8)
        try assertUsageError(["audit", "--facts", v1], mentions: "facts schema 'poolcheck.facts/v1' is not poolcheck.facts/v2: written by an older poolcheck")
        try assertUsageError(["rules", "show", "no-such-rule"], mentions: "no rule 'no-such-rule'")
        let rules = folder + "/rules"
        try FileManager.default.createDirectory(atPath: rules, withIntermediateDirectories: true)
        try """
        id: x
        title: X
        category: c
        severity: error
        phases: [audit]
        scope: host
        check: {kind: no-such-kind}
        rationale: r
        remediation: f
        """.write(toFile: rules + "/x.yaml", atomically: true, encoding: .utf8)
        try assertUsageError(["rules", "list", "--rules", rules], mentions: "x.yaml:7: check.kind: unknown check kind 'no-such-kind'")
    }

    func testRulesFieldsListsWhatRulesCanNameAndAMisspelledFieldStopsTheRun() throws {
        let all = try Self.poolcheck(["rules", "fields"])
        XCTAssertEqual(all.status, 0, all.stderr)
        let rows = all.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        XCTAssertTrue(rows.contains { $0.starts(with: ["storage_pif", "MTU", "number"]) }, all.stdout)
        XCTAssertTrue(rows.contains { $0.starts(with: ["host", "software_version", "map"]) }, all.stdout)
        XCTAssertTrue(rows.contains { $0.starts(with: ["pool", "ha_enabled", "bool"]) }, all.stdout)
        XCTAssertEqual(Set(rows.map { $0[0] }), ["host", "pool", "storage_pif", "management_pif", "storage_network"])
        let pool = try Self.poolcheck(["rules", "fields", "pool"])
        XCTAssertEqual(pool.status, 0, pool.stderr)
        XCTAssertTrue(pool.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("pool ") }, pool.stdout)
        try assertUsageError(["rules", "fields", "disk"], mentions: "no subject 'disk'; subjects: host, pool")
        let help = try Self.poolcheck(["rules", "--help"])
        XCTAssertTrue(help.stdout.contains("fields") && help.stdout.contains("<host>"), help.stdout)

        let rules = try temporaryFolder() + "/rules"
        try FileManager.default.createDirectory(atPath: rules, withIntermediateDirectories: true)
        try """
        id: mtu-jumbo
        title: X
        category: c
        severity: error
        phases: [audit]
        scope: host
        check: {kind: fact-assertion, subject: storage_pif,
                field: mtu, equals: "9000"}
        rationale: r
        remediation: f
        """.write(toFile: rules + "/mtu.yaml", atomically: true, encoding: .utf8)
        try assertUsageError(["audit", "--snapshot", "examples/pdx0/after", "--rules", rules],
                             mentions: "mtu.yaml:8: check.field: 'mtu' is not a field poolcheck reads for storage_pif (did you mean 'MTU'?)")
    }

    func testRulesListShowsEveryBundledRuleFromAnyDirectory() throws {
        let run = try Self.poolcheck(["rules", "list"])
        XCTAssertEqual(run.status, 0, run.stderr)
        for id in ["host-not-pooled", "storage-subnet-dedicated", "storage-subnet-mask", "nfs-export-acl",
                   "storage-redundancy", "default-sr-propagated", "storage-mtu-consistent"] {
            XCTAssertTrue(run.stdout.contains(id), id)
        }
    }
}
