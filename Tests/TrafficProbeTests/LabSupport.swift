import Foundation
import Testing
import TrafficProbe

/// Whether lab tests run: as root; or, when CI demands them
/// (POOLCHECK_REQUIRE_ROOT_TESTS=1), always, so that not being root fails.
enum LabEnvironment {
    static let isRoot = getuid() == 0
    static let rootRequired = ProcessInfo.processInfo.environment["POOLCHECK_REQUIRE_ROOT_TESTS"] == "1"
    static let shouldRun = isRoot || rootRequired
    static let skipReason: Comment =
        "skipped: needs root (network namespaces, packet capture); set POOLCHECK_REQUIRE_ROOT_TESTS=1 to fail instead"

    static func requireRoot() throws {
        guard isRoot else {
            throw LabError("not root, but POOLCHECK_REQUIRE_ROOT_TESTS=1 requires the lab tests to run")
        }
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The traffic-probe executable built beside this test binary.
    static var trafficProbe: String {
        if let override = ProcessInfo.processInfo.environment["TRAFFIC_PROBE"] { return override }
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: testBinary).deletingLastPathComponent()
            .appendingPathComponent("traffic-probe").path
    }
}

struct LabError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Result of a finished process.
struct Finished {
    let status: Int32
    let standardOutput: Data
    let standardError: String
    let wallSeconds: Double
}

/// Runs a process to completion with a deadline; kills it (by its PID) if late.
@discardableResult
func run(_ arguments: [String], timeout: Double = 30) throws -> Finished {
    let running = try Launched(arguments)
    return try running.wait(timeout: timeout)
}

/// A started process with its output in files (no pipe can fill up and block
/// it). Spawned directly with posix_spawn and reaped with waitpid: it gets an
/// empty signal mask and default signal handlers (a test runner may block
/// SIGTERM), so the lab's daemons stop on `kill PID`; the wait ends when this
/// process ends even if a daemon it started lives on.
final class Launched {
    let arguments: [String]
    let pid: pid_t
    let output: URL
    let errors: URL
    let started = Date()
    private var exitStatus: Int32?

    init(_ arguments: [String]) throws {
        self.arguments = arguments
        let directory = FileManager.default.temporaryDirectory
        let name = "lab-\(getpid())-\(UUID().uuidString)"
        output = directory.appendingPathComponent("\(name).out")
        errors = directory.appendingPathComponent("\(name).err")

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errors.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawnp(&child, arguments[0], &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw LabError("cannot start \(arguments[0]): \(String(cString: strerror(result)))")
        }
        pid = child
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        try? FileManager.default.removeItem(at: output)
        try? FileManager.default.removeItem(at: errors)
    }

    var standardError: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

    /// Reaps the child if it ended; true while it runs.
    private func stillRunning() -> Bool {
        guard exitStatus == nil else { return false }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return true }
        // Exit code when it exited normally, 128 + signal when killed.
        exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return false
    }

    /// Waits until stderr contains `marker` (the process is ready), or fails.
    func waitFor(_ marker: String, timeout: Double = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !standardError.contains(marker) {
            guard stillRunning() else {
                throw LabError("\(arguments) exited before '\(marker)': \(standardError)")
            }
            guard Date() < deadline else { throw LabError("no '\(marker)' within \(timeout) s: \(standardError)") }
            usleep(10_000)
        }
    }

    func wait(timeout: Double) throws -> Finished {
        let deadline = Date().addingTimeInterval(timeout)
        while stillRunning() {
            guard Date() < deadline else {
                kill(pid, SIGKILL)
                throw LabError("\(arguments) did not finish within \(timeout) s")
            }
            usleep(5_000)
        }
        return Finished(status: exitStatus ?? -1, standardOutput: (try? Data(contentsOf: output)) ?? Data(),
                        standardError: standardError, wallSeconds: Date().timeIntervalSince(started))
    }
}

/// One traffic lab (lab/traffic-lab.sh) with a unique id; `down()` removes it.
struct TrafficLab {
    static let script = LabEnvironment.repositoryRoot.appendingPathComponent("lab/traffic-lab.sh").path
    let id: String
    let hostNamespace: String
    let mountdPort: UInt16

    static func up() throws -> TrafficLab {
        let id = "t\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let finished = try run([script, "up", id], timeout: 60)
        guard finished.status == 0 else { throw LabError("lab up failed: \(finished.standardError)") }
        var values: [String: String] = [:]
        for line in String(decoding: finished.standardOutput, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        guard let namespace = values["PC_LAB_HOST_NS"], let port = values["PC_LAB_MOUNTD_PORT"].flatMap(UInt16.init)
        else { throw LabError("lab up printed no PC_LAB_* variables") }
        return TrafficLab(id: id, hostNamespace: namespace, mountdPort: port)
    }

    func down() {
        _ = try? run([Self.script, "down", id], timeout: 60)
    }

    func leak() throws {
        let finished = try run([Self.script, "leak", id])
        guard finished.status == 0 else { throw LabError("leak failed: \(finished.standardError)") }
    }

    /// Starts traffic-probe inside the host namespace (optionally behind a
    /// wrapper such as setpriv) and waits until its interfaces are open.
    func startCapture(_ arguments: [String], wrapper: [String] = []) throws -> Launched {
        let launched = try Launched(["ip", "netns", "exec", hostNamespace] + wrapper
            + [LabEnvironment.trafficProbe, "capture"] + arguments)
        try launched.waitFor("capturing")
        return launched
    }

    /// Sends NFS, rpcbind and mountd traffic from the host namespace.
    func probe() throws {
        let finished = try run([Self.script, "probe", id])
        guard finished.status == 0 else { throw LabError("probe failed: \(finished.standardError)") }
    }

    static func report(_ finished: Finished) throws -> LiveCaptureReport {
        guard finished.status == 0 else { throw LabError("traffic-probe failed: \(finished.standardError)") }
        return try JSONDecoder().decode(LiveCaptureReport.self, from: finished.standardOutput)
    }
}

extension LiveCaptureReport {
    func observation(_ interface: String) throws -> TrafficObservation {
        guard let entry = interfaces.first(where: { $0.interface == interface }) else {
            throw LabError("no entry for \(interface) in the report")
        }
        guard let observation = entry.observation else {
            throw LabError("\(interface) not captured: \(entry.failure?.message ?? "?")")
        }
        return observation
    }
}
