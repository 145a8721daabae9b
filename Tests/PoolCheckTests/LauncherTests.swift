import Foundation
import XCTest

/// The `poolcheck` launcher: `exports` runs in it alone; every other command needs
/// poolcheck-engine beside it, and says so in one line when it is missing.
final class LauncherTests: XCTestCase {
    /// `poolcheck` copied alone into a fresh folder, removed afterwards.
    func withLoneLauncher(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pc-launcher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("poolcheck").path
        try FileManager.default.copyItem(atPath: repositoryRoot + "/.build/debug/poolcheck", toPath: copy)
        try body(copy)
    }

    func testExportsNeedsNoEngine() throws {
        try withLoneLauncher { launcher in
            let help = try CLITests.poolcheck(["exports", "--help"], binary: launcher)
            XCTAssertEqual(help.status, 0)
            XCTAssertTrue(help.stdout.hasPrefix("USAGE: poolcheck exports SERVER"), help.stdout)
            let bad = try CLITests.poolcheck(["exports"], binary: launcher)
            XCTAssertEqual(bad.status, 2)
            XCTAssertEqual(bad.stderr, "poolcheck exports: missing SERVER (see `poolcheck exports --help`)\n")
        }
    }

    func testOtherCommandsSayTheEngineIsMissing() throws {
        try withLoneLauncher { launcher in
            let audit = try CLITests.poolcheck(["audit", "--snapshot", "examples/pdx0/after"], binary: launcher)
            XCTAssertEqual(audit.status, 3)
            XCTAssertTrue(audit.stderr.hasPrefix("poolcheck: cannot start "), audit.stderr)
            XCTAssertTrue(audit.stderr.hasSuffix("poolcheck-engine: No such file or directory (it is installed next to "
                                                 + "poolcheck; in the source tree `swift build` or scripts/build.sh builds both)\n"),
                          audit.stderr)
            XCTAssertEqual(audit.stdout, "")
        }
    }

    func testTheEngineAnswersAsPoolcheck() throws {
        let help = try CLITests.poolcheck(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("USAGE: poolcheck <subcommand>"), help.stdout)
        XCTAssertTrue(help.stdout.contains("exports"))
        let bad = try CLITests.poolcheck(["audit", "--no-such-option"])
        XCTAssertEqual(bad.status, 2, "the engine's own exit status reaches the caller")
    }
}
