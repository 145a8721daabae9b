import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The `xapi-sim` binary removes the private key it generated when it is stopped, so key
/// material does not pile up in /tmp after every test run or demo.
@Suite("xapi-sim removes its generated key on exit")
struct SimKeyCleanupTests {
    static let binary = ExampleParityTests.root.appendingPathComponent(".build/debug/xapi-sim").path

    /// Starts xapi-sim, waits for its ready file, stops it with `signal` by pid, and
    /// returns the certificate path it reported and how it ended.
    private func runAndStop(extra: [String], signal: Int32, work: String) async throws -> (cert: String, status: Int32) {
        try await offCooperativePool {
            let ready = work + "/ready.json"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.binary)
            process.arguments = ["--generate-hosts", "1", "--ready-file", ready] + extra
            process.environment = ProcessInfo.processInfo.environment.merging(["XAPI_SIM_PASSWORD": "x"]) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }
            let deadline = Date().addingTimeInterval(60)
            while !FileManager.default.fileExists(atPath: ready), process.isRunning, Date() < deadline { usleep(20_000) }
            let data = try Data(contentsOf: URL(fileURLWithPath: ready))
            let cert = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["cert"] as? String)
            let key = URL(fileURLWithPath: cert).deletingLastPathComponent().appendingPathComponent("xapi-sim-key.pem").path
            #expect(FileManager.default.fileExists(atPath: key), "the key exists while it runs")
            kill(process.processIdentifier, signal)
            let stopBy = Date().addingTimeInterval(20)
            while process.isRunning, Date() < stopBy { usleep(20_000) }
            #expect(!process.isRunning, "xapi-sim ended on signal \(signal)")
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            return (cert, process.terminationStatus)
        }
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalRemovesTheKeyAndItsFolder(signal: Int32) async throws {
        let work = SimHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (cert, status) = try await runAndStop(extra: [], signal: signal, work: work)
        let folder = URL(fileURLWithPath: cert).deletingLastPathComponent().path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(status == 128 + signal)
        #expect(!FileManager.default.fileExists(atPath: folder + "/xapi-sim-key.pem"), "the key is gone")
        #expect(!FileManager.default.fileExists(atPath: cert), "the certificate is gone")
        #expect(!FileManager.default.fileExists(atPath: folder), "the folder it made is gone")
    }

    @Test func aGivenFolderIsKeptButTheGeneratedFilesAreNot() async throws {
        let work = SimHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let tls = work + "/tls"
        let (cert, _) = try await runAndStop(extra: ["--tls-dir", tls], signal: SIGTERM, work: work)
        #expect(cert == tls + "/xapi-sim-cert.pem")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tls) == [])
    }
}
