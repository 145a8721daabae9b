import Foundation
import PoolCheck
import XAPISimulator
import XenAPI

/// Starts simulators on loopback for a test and builds clients that talk to them.
enum SimHarness {
    static let password = "CANARY-8c1f-pw"

    static func start(hosts: Int = 2, vms: Int = 10, tls: SimTLSIdentity? = nil, faults: [String: SimFault] = [:],
                      logPath: String? = nil) async throws -> XapiSimulator {
        let scenario = try SimScenarioGenerator(hosts: hosts, vms: vms).scenario()
        return try await XapiSimulator.start(XapiSimulator.Configuration(
            scenario: scenario, password: password, tls: tls, faults: faults, log: SimCallLog(path: logPath)))
    }

    static func client(_ url: String, password: String = password, tls: XapiTLSOptions = XapiTLSOptions(),
                       timeout: Duration = .seconds(5), protocolChoice: XapiProtocolChoice = .auto) throws -> XapiClient {
        XapiClient(endpoint: try XapiEndpoint(parsing: url), credentials: XapiCredentials(user: "root", password: password),
                   transport: try NIOHTTPTransport(tls: tls),
                   options: XapiClientOptions(callTimeout: timeout, protocolChoice: protocolChoice))
    }

    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "poolcheck-xapi-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `body` and returns the error it threw (nil if none) with the seconds it took.
    static func timedError(_ body: () async throws -> Void) async -> (XapiError?, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        var caught: XapiError?
        do { try await body() } catch let error as XapiError { caught = error } catch {
            caught = .transport(server: "?", detail: "unexpected \(type(of: error)): \(error)")
        }
        let elapsed = clock.now - start
        return (caught, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
