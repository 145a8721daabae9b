import Foundation
import Testing

/// The `poolcheck` launcher: `exports` runs in it alone; every other command needs
/// poolcheck-engine beside it, and says so in one line when it is missing.
@Suite struct LauncherTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `poolcheck` copied alone into a fresh folder, removed afterwards.
    func withLoneLauncher(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pc-launcher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("poolcheck").path
        try FileManager.default.copyItem(atPath: Self.root.appendingPathComponent(".build/debug/poolcheck").path, toPath: copy)
        try body(copy)
    }

    func run(_ binary: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test func exportsNeedsNoEngine() throws {
        try withLoneLauncher { launcher in
            let help = try run(launcher, ["exports", "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.hasPrefix("USAGE: poolcheck exports SERVER"))
            let bad = try run(launcher, ["exports"])
            #expect(bad.status == 2)
            #expect(bad.stderr == "poolcheck exports: missing SERVER (see `poolcheck exports --help`)\n")
        }
    }

    @Test func otherCommandsSayTheEngineIsMissing() throws {
        try withLoneLauncher { launcher in
            let audit = try run(launcher, ["audit", "--snapshot", "examples/pdx0/after"])
            #expect(audit.status == 3)
            #expect(audit.stderr.hasPrefix("poolcheck: cannot start "))
            #expect(audit.stderr.hasSuffix("poolcheck-engine: No such file or directory (it is installed next to poolcheck; in the source tree `swift build` or scripts/build.sh builds both)\n"))
            #expect(audit.stdout.isEmpty)
        }
    }

    @Test func theEngineAnswersAsPoolcheck() throws {
        let launcher = Self.root.appendingPathComponent(".build/debug/poolcheck").path
        let help = try run(launcher, ["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: poolcheck <subcommand>"))
        #expect(help.stdout.contains("exports"))
        let bad = try run(launcher, ["audit", "--no-such-option"])
        #expect(bad.status == 2, "the engine's own exit status reaches the caller")
    }
}
