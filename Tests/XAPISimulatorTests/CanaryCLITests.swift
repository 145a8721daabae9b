import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PoolCheck
import Testing
import XAPISimulator

/// A whole `poolcheck audit --xapi` run with a canary password: it appears nowhere a person
/// or another user could see it — output, reports, the simulator's call log, `ps`.
@Suite("XAPI password never leaks from a CLI run")
struct CanaryCLITests {
    @Test func theCanaryIsInNoOutputReportLogOrProcessList() async throws {
        let directory = SimHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let identity = try SimTLSIdentity.generate(in: directory)
        let facts = try SimSnapshotSource.facts(at: ExampleParityTests.root.appendingPathComponent("examples/pdx0/after").path)
        let simulator = try await XapiSimulator.start(XapiSimulator.Configuration(
            scenario: try SimScenario(facts: facts), password: SimHarness.password, tls: identity,
            log: try SimCallLog(path: directory + "/calls.jsonl")))
        // A second target that accepts and never answers keeps the run going for its
        // deadline, long enough to be seen in `ps`.
        let silent = try SilentListener()
        defer { silent.close() }
        let master = try #require(simulator.master)
        let pin = try identity.fingerprintSHA256()
        let (status, stdout, stderr, processList) = try await offCooperativePool {
            let process = Process()
            process.executableURL = ExampleParityTests.root.appendingPathComponent(".build/debug/poolcheck")
            process.arguments = ["audit", "--offline", "--xapi", master.url, "--xapi", "http://127.0.0.1:\(silent.port)/",
                                 "--xapi-timeout", "2", "--pin-sha256", pin,
                                 "--report", "json:\(directory)/report.json", "--report", "junit:\(directory)/report.xml",
                                 "--report", "text"]
            process.environment = ProcessInfo.processInfo.environment.merging(["POOLCHECK_PASSWORD": SimHarness.password]) { $1 }
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            var seen = ""
            while process.isRunning {
                let ps = Process()
                ps.executableURL = URL(fileURLWithPath: "/bin/ps")
                ps.arguments = ["-eo", "args"]
                let psOut = Pipe()
                ps.standardOutput = psOut
                try ps.run()
                seen += String(decoding: psOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                ps.waitUntilExit()
                usleep(50_000)
            }
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return (process.terminationStatus, stdout, stderr, seen)
        }
        await simulator.shutdown()
        #expect(status == 1, "the example fails storage-redundancy: \(stderr) \(stdout.prefix(3000))")
        #expect(processList.contains("--xapi"), "ps was sampled while poolcheck ran")
        let report = try String(contentsOfFile: directory + "/report.json", encoding: .utf8)
        let junit = try String(contentsOfFile: directory + "/report.xml", encoding: .utf8)
        let log = try String(contentsOfFile: directory + "/calls.jsonl", encoding: .utf8)
        for (name, text) in [("stdout", stdout), ("stderr", stderr), ("report.json", report), ("report.xml", junit),
                             ("call log", log), ("ps", processList)] {
            #expect(!text.contains(SimHarness.password), "password found in \(name)")
        }
        #expect(log.contains("session.login_with_password"))
    }
}

/// A loopback TCP socket that listens and never accepts: connects succeed, nothing answers.
struct SilentListener {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound, listen(descriptor, 8) == 0 else { throw CocoaError(.fileWriteUnknown) }
        port = UInt16(bigEndian: address.sin_port)
    }

    func close() { _ = Glibc.close(descriptor) }
}
