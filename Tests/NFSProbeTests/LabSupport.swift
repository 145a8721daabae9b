import Foundation
import XCTest

/// The NFS lab (lab/nfs-lab.sh) for tests: brought up once per test class
/// with `hold`, which takes it down when our end of its stdin closes — also
/// when this process dies. Probes run inside lab namespaces.
final class NFSLab: @unchecked Sendable {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var script: String { packageRoot.appendingPathComponent("lab/nfs-lab.sh").path }

    let id: String
    private let process: Process
    private let stdinPipe: Pipe

    /// Skips (or, with POOLCHECK_REQUIRE_ROOT_TESTS=1, fails) when not root.
    static func requireRoot() throws {
        guard getuid() != 0 else { return }
        let reason = "NFS lab tests need root (network namespaces); run as root to include them"
        if ProcessInfo.processInfo.environment["POOLCHECK_REQUIRE_ROOT_TESTS"] == "1" {
            XCTFail(reason + " (POOLCHECK_REQUIRE_ROOT_TESTS=1)")
            throw XCTSkip("failed: " + reason)
        }
        print("SKIP: " + reason)
        throw XCTSkip(reason)
    }

    init() throws {
        id = "t\(getpid())\(Int.random(in: 100...999))"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [NFSLab.script, "hold", "--id", id]
        stdinPipe = Pipe()
        let out = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = out
        try process.run()
        // Wait for "PC_LAB_ID=..." (up finished) or for the script to die.
        var seen = Data()
        let handle = out.fileHandleForReading
        while !String(decoding: seen, as: UTF8.self).contains("PC_LAB_ID=") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        guard String(decoding: seen, as: UTF8.self).contains("PC_LAB_ID=\(id)") else {
            throw LabError(message: "lab did not come up: \(String(decoding: seen, as: UTF8.self))")
        }
    }

    /// Closes the holder's stdin, so it takes the lab down, and waits for it
    /// (at most 60 s; reaped here with waitpid rather than Foundation's
    /// waitUntilExit, which was seen to miss this child's exit).
    func shutdown() {
        try? stdinPipe.fileHandleForWriting.close()
        let pid = process.processIdentifier
        for _ in 0..<600 {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped < 0 && errno == ECHILD) || !process.isRunning { return }
            usleep(100_000)
        }
        print("NFS lab \(id): holder did not finish; run lab/nfs-lab.sh down \(id)")
    }

    /// The helper executable, built beside the test bundle.
    static var probeBinary: String {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("nfs-probe-cli").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return packageRoot.appendingPathComponent(".build/debug/nfs-probe-cli").path
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    /// Runs a command inside a lab namespace (role: xs1, xs2, mgmt, out, gsh, knfs, kflt).
    @discardableResult
    func exec(_ role: String, _ arguments: [String], limit: TimeInterval = 30) throws -> Run {
        try NFSLab.run("/bin/bash", [NFSLab.script, "exec", id, role] + arguments, limit: limit)
    }

    func probe(_ role: String, _ arguments: [String]) throws -> Run {
        try exec(role, [NFSLab.probeBinary] + arguments)
    }

    /// Starts a background command in a namespace; the caller terminates it
    /// (lab tear-down kills whatever is left in the namespace, by PID).
    func spawn(_ role: String, _ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [NFSLab.script, "exec", id, role] + arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    static func run(_ tool: String, _ arguments: [String], limit: TimeInterval) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let start = Date()
        try p.run()
        // Never hang a test: kill the child (by its PID) past the limit.
        let pid = p.processIdentifier
        let killer = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: killer)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        killer.cancel()
        return Run(status: p.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self), seconds: Date().timeIntervalSince(start))
    }
}

struct LabError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A test class that shares one NFS lab among its tests: brought up before the first
/// test (root only), taken down after the last, even when tests fail.
class NFSLabTestCase: XCTestCase {
    nonisolated(unsafe) private static var labs: [ObjectIdentifier: Result<NFSLab, Error>] = [:]

    override class func setUp() {
        super.setUp()
        guard getuid() == 0 else { return }
        labs[ObjectIdentifier(self)] = Result { try NFSLab() }
    }

    override class func tearDown() {
        if case .success(let lab) = labs.removeValue(forKey: ObjectIdentifier(self)) { lab.shutdown() }
        super.tearDown()
    }

    /// The class's lab; skips (or, in CI, fails) when not root.
    func requireLab() throws -> NFSLab {
        try NFSLab.requireRoot()
        return try XCTUnwrap(Self.labs[ObjectIdentifier(Self.self)]).get()
    }
}
