import Foundation
import XCTest

/// Where the command line's output goes, and what happens when it cannot get there:
/// every subcommand that writes reports a write error in one line and exits 2.
final class CLIOutputTests: XCTestCase {
    private var directory = ""
    private let binary = repositoryRoot + "/.build/debug/poolcheck"
    private let example = ["--plan", "examples/pdx0/plan.yaml", "--snapshot", "examples/pdx0/after"]

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pc-cli-output-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs poolcheck with standard output going to `stdout` (a file handle the test
    /// chose: a device copy, or a pipe nobody reads); returns status, how it ended, stderr.
    private func run(_ arguments: [String], stdout: FileHandle, environment: [String: String] = [:])
        throws -> (status: Int32, exited: Bool, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = stdout
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            XCTFail("poolcheck \(arguments) did not finish")
        }
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason == .exit, String(decoding: stderr, as: UTF8.self))
    }

    private var everyWritingCommand: [[String]] {
        [["facts", "--snapshot", "examples/pdx0/after"], ["rules", "list"], ["rules", "show", "storage-redundancy"],
         ["rules", "test"], ["audit"] + example, ["audit"] + example + ["--report", "json"], ["preflight"] + example + ["--report", "junit"],
         ["exports", "--help"]]
    }

    func testAFullDiskOnStandardOutputIsOneLineAndExitTwo() throws {
        try ReportsOutputPathTests.requireRoot()
        let full = try ReportsOutputPathTests.characterDevice(directory + "/full", major: 1, minor: 7)
        for arguments in everyWritingCommand {
            let handle = try XCTUnwrap(FileHandle(forWritingAtPath: full))
            defer { try? handle.close() }
            let result = try run(arguments, stdout: handle)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("cannot write to stdout: No space left on device"), "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "\(arguments): \(result.stderr)")
        }
    }

    func testAReaderThatWentAwayIsOneLineAndExitTwo() throws {
        for arguments in everyWritingCommand {
            let pipe = Pipe()
            try pipe.fileHandleForReading.close()
            let result = try run(arguments, stdout: pipe.fileHandleForWriting)
            try? pipe.fileHandleForWriting.close()
            XCTAssertTrue(result.exited, "\(arguments) died by a signal, not with a message")
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("cannot write to stdout: Broken pipe"), "\(arguments): \(result.stderr)")
        }
    }

    func testReportsAndFactsIntoDevicesAreWrittenInPlace() throws {
        try ReportsOutputPathTests.requireRoot()
        let null = try ReportsOutputPathTests.characterDevice(directory + "/null", major: 1, minor: 3)
        let full = try ReportsOutputPathTests.characterDevice(directory + "/full", major: 1, minor: 7)
        var audit = try CLITests.poolcheck(["audit"] + example + ["--report", "junit:\(null)", "--report", "json:\(directory)/r.json"])
        XCTAssertEqual(audit.status, 1, audit.stderr)
        audit = try CLITests.poolcheck(["audit"] + example + ["--report", "junit:\(full)"])
        XCTAssertEqual(audit.status, 2, audit.stderr)
        XCTAssertTrue(audit.stderr.contains("cannot write report \(full): No space left on device"), audit.stderr)
        var facts = try CLITests.poolcheck(["facts", "--snapshot", "examples/pdx0/after", "-o", null])
        XCTAssertEqual(facts.status, 0, facts.stderr)
        facts = try CLITests.poolcheck(["facts", "--snapshot", "examples/pdx0/after", "-o", full])
        XCTAssertEqual(facts.status, 2, facts.stderr)
        XCTAssertTrue(facts.stderr.contains("cannot write facts file \(full): No space left on device"), facts.stderr)
        for device in [null, full] {
            var info = stat()
            XCTAssertEqual(lstat(device, &info), 0)
            XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "\(device) is still a character device")
        }
    }

    func testAReportToAStdoutLikePathReachesStandardOutput() throws {
        // /dev/fd/1 and /proc/self/fd/N rather than /dev/stdout: the old code would have
        // renamed a file over /dev/stdout itself (as root); in /proc it cannot create one.
        let run = try CLITests.poolcheck(["audit"] + example + ["--report", "json:/dev/fd/1", "--report", "junit:/proc/self/fd/2"])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("{") && run.stdout.contains("poolcheck.report/v1"), String(run.stdout.prefix(300)))
        XCTAssertTrue(run.stderr.contains("<testsuites"), String(run.stderr.prefix(300)))
        let both = try CLITests.poolcheck(["audit"] + example + ["--report", "text", "--report", "json:/proc/self/fd/1"])
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stderr.contains("both write to stdout"), both.stderr)
    }

    func testSecretsInATranscriptReachNoReportNorFactsFile() throws {
        let snapshot = directory + "/snap.txt"
        try SecretRedactionTests.transcript.write(toFile: snapshot, atomically: false, encoding: .utf8)
        let audit = try CLITests.poolcheck(["audit", "--snapshot", snapshot, "--report", "text", "--report", "json:\(directory)/r.json",
                                            "--report", "junit:\(directory)/r.xml"])
        let facts = try CLITests.poolcheck(["facts", "--snapshot", snapshot, "-o", "\(directory)/facts.json"])
        XCTAssertEqual(facts.status, 0, facts.stderr)
        let written = try ["r.json", "r.xml", "facts.json"].map { try String(contentsOfFile: "\(directory)/\($0)", encoding: .utf8) }
        for text in [audit.stdout, audit.stderr, facts.stdout, facts.stderr] + written {
            XCTAssertFalse(text.contains("CANARY"), String(text.prefix(4000)))
        }
        XCTAssertTrue(written[0].contains("password: <redacted>"), "the warning is kept, its secret masked")
    }

    func testAPasswordFileOthersCanReadIsWarnedAbout() throws {
        let file = directory + "/pw"
        try "hunter2\n".write(toFile: file, atomically: false, encoding: .utf8)
        for (mode, warned) in [(0o644, true), (0o640, true), (0o600, false)] {
            chmod(file, mode_t(mode))
            let run = try CLITests.poolcheck(["facts", "--xapi", "http://127.0.0.1:9", "--xapi-timeout", "1", "--password-file", file])
            let expected = "warning: --password-file \(file) is readable or writable by group or others (mode 0\(String(mode, radix: 8)))"
            XCTAssertEqual(run.stderr.contains(expected), warned, "mode \(String(mode, radix: 8)): \(run.stderr)")
            XCTAssertFalse(run.stderr.contains("hunter2") || run.stdout.contains("hunter2"))
        }
        let url = try CLITests.poolcheck(["facts", "--xapi", "https://root:CANARY-pw@127.0.0.1:9"])
        XCTAssertEqual(url.status, 2, url.stderr)
        XCTAssertTrue(url.stderr.contains("credentials do not belong in the URL"), url.stderr)
        XCTAssertFalse(url.stderr.contains("CANARY"), url.stderr)
    }
}
