import Foundation
import Testing
import XAPISimulator
import XenAPI

/// The official XenAPI Python SDK as an independent client: proves the simulator speaks
/// XAPI's real XML-RPC. Skipped (with the reason printed) when python3 or the SDK is
/// missing, unless POOLCHECK_REQUIRE_ROOT_TESTS=1 (CI), where that is a failure.
@Suite("Official XenAPI Python SDK against the simulator")
struct PythonSDKTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../python/xenapi_sdk_probe.py").standardized.path

    static func sdkAvailable() -> Bool {
        (try? run(["python3", "-c", "import XenAPI"], environment: [:]).status) == 0
    }

    static func run(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }

    @Test func theSDKLogsInAndReadsEveryClass() async throws {
        guard Self.sdkAvailable() else {
            let reason = "python3 with the XenAPI SDK not found (pip install XenAPI)"
            if ProcessInfo.processInfo.environment["POOLCHECK_REQUIRE_ROOT_TESTS"] == "1" {
                Issue.record("required: \(reason)")
            } else {
                print("SKIP theSDKLogsInAndReadsEveryClass: \(reason)")
            }
            return
        }
        let directory = SimHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let identity = try SimTLSIdentity.generate(in: directory)
        let simulator = try await SimHarness.start(hosts: 3, vms: 11, tls: identity, logPath: directory + "/calls.jsonl")
        defer { Task { await simulator.shutdown() } }

        let result = try Self.run(["python3", Self.script], environment: [
            "SIM_MASTER_URL": simulator.master!.url, "SIM_MEMBER_URL": simulator.listener(named: "xs-2")!.url,
            "SIM_PASSWORD": SimHarness.password,
        ])
        #expect(result.status == 0, "\(result.errors)")
        let report = try JSONCodec.decode(Array(result.output.utf8))
        #expect(report["counts"] == ["pool": 1, "host": 3, "PIF": 12, "Bond": 0, "network": 4, "VLAN": 0, "tunnel": 0,
                                     "SR": 4, "PBD": 6, "VM": 14])
        #expect(report["master_name"] == "xs-1")
        #expect(report["default_SR_type"] == "nfs")
        #expect(report["pif_MTU"] == "1500")  // XAPI's XML-RPC int: a decimal string
        #expect(report["pif_host_is_ref"] == true)
        #expect(report["member_login"]?.stringArrayValue == ["HOST_IS_SLAVE", "127.0.0.1:\(simulator.master!.port)"])
        #expect(report["wrong_password"] == "SESSION_AUTHENTICATION_FAILED")
        let log = try String(contentsOfFile: directory + "/calls.jsonl", encoding: .utf8)
        #expect(!log.contains(SimHarness.password) && !result.output.contains(SimHarness.password))
        #expect(log.contains("\"method\":\"VM.get_all_records\""))
    }
}
