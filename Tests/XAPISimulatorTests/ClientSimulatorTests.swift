import Foundation
import PoolCheck
import Testing
import XAPISimulator
import XenAPI

@Suite("Client against the simulator over loopback")
struct ClientSimulatorTests {
    @Test(arguments: XapiProtocolChoice.allCases)
    func logsInReadsEveryClassAndLogsOut(_ choice: XapiProtocolChoice) async throws {
        let simulator = try await SimHarness.start(hosts: 3, vms: 7)
        defer { Task { await simulator.shutdown() } }
        let session = try await SimHarness.client(simulator.master!.url, protocolChoice: choice).login()
        #expect(session.wire == (choice == .xmlRPC ? .xmlRPC : .jsonRPC))
        let records = try await session.allRecords(of: XapiRecords.auditedClasses)
        #expect(records["host"]?.count == 3)
        #expect(records["PIF"]?.count == 12)
        #expect(records["PBD"]?.count == 6)
        #expect(records["VM"]?.count == 10)  // 7 guests + 3 control domains
        #expect(records["Bond"]?.isEmpty == true)
        // ints arrive as strings over XML-RPC and as numbers over JSON-RPC; both read as ints.
        #expect(records["PIF"]?.values.first?["MTU"]?.intValue == 1500)
        await session.logout()
        let methods = simulator.log.calls.map(\.method)
        #expect(methods.first == "session.login_with_password")
        #expect(methods.last == "session.logout")
        #expect(methods.count == 12)
        #expect(simulator.log.calls.allSatisfy { $0.outcome == "Success" })
    }

    @Test func followsHostIsSlaveToTheMaster() async throws {
        let simulator = try await SimHarness.start(hosts: 3)
        defer { Task { await simulator.shutdown() } }
        let member = simulator.listener(named: "xs-3")!
        let session = try await SimHarness.client(member.url).login()
        #expect(session.endpoint.port == simulator.master!.port)
        #expect(session.redirectedFrom?.port == member.port)
        let outcomes = simulator.log.calls.map { "\($0.host) \($0.outcome)" }
        #expect(outcomes.contains("xs-3 HOST_IS_SLAVE"))
        #expect(outcomes.contains("xs-1 Success"))
    }

    @Test func aWrongPasswordIsOneClearLineWithoutThePassword() async throws {
        let simulator = try await SimHarness.start()
        defer { Task { await simulator.shutdown() } }
        let wrong = "WRONG-CANARY-31"
        let (error, _) = await SimHarness.timedError { _ = try await SimHarness.client(simulator.master!.url, password: wrong).login() }
        guard case .authenticationFailed = error else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        let line = error!.description
        #expect(line.contains("SESSION_AUTHENTICATION_FAILED") && line.contains(simulator.master!.url))
        #expect(!line.contains(wrong) && !line.contains("\n"))
    }

    @Test func aRefusedPortFailsAtOnce() async throws {
        let simulator = try await SimHarness.start(hosts: 1)
        let url = simulator.master!.url
        await simulator.shutdown()
        let (error, seconds) = await SimHarness.timedError { _ = try await SimHarness.client(url).login() }
        #expect(error == .connectionRefused(server: url))
        #expect(seconds < 2)
    }

    @Test func anUnknownHostNameIsSaidSo() async throws {
        let (error, seconds) = await SimHarness.timedError {
            _ = try await SimHarness.client("http://no-such-host.invalid:4430/", timeout: .seconds(3)).login()
        }
        #expect(error == .unknownHost(server: "http://no-such-host.invalid:4430/") || { if case .timeout = error { true } else { false } }())
        #expect(seconds < 4)
    }

    @Test func aServerThatNeverAnswersHitsTheDeadline() async throws {
        let simulator = try await SimHarness.start(hosts: 1, faults: ["*": .delay(60)])
        defer { Task { await simulator.shutdown() } }
        let (error, seconds) = await SimHarness.timedError {
            _ = try await SimHarness.client(simulator.master!.url, timeout: .milliseconds(800), protocolChoice: .xmlRPC).login()
        }
        guard case .timeout(_, let limit, let phase) = error else {
            Issue.record("expected a timeout, got \(String(describing: error))")
            return
        }
        #expect(limit == 0.8)
        #expect(phase.contains("accepted the connection"))
        #expect(seconds >= 0.7 && seconds < 2.0)
    }

    @Test func aReplyCutMidwayIsSaidSo() async throws {
        let simulator = try await SimHarness.start(hosts: 1, faults: ["*": .cut])
        defer { Task { await simulator.shutdown() } }
        let (error, seconds) = await SimHarness.timedError { _ = try await SimHarness.client(simulator.master!.url).login() }
        guard case .connectionClosed(_, let detail) = error else {
            Issue.record("expected connectionClosed, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("mid-reply"))
        #expect(seconds < 2)
    }

    @Test func aDroppedConnectionIsSaidSo() async throws {
        let simulator = try await SimHarness.start(hosts: 1, faults: ["*": .drop])
        defer { Task { await simulator.shutdown() } }
        let (error, _) = await SimHarness.timedError { _ = try await SimHarness.client(simulator.master!.url).login() }
        guard case .connectionClosed(_, let detail) = error else {
            Issue.record("expected connectionClosed, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("before any reply"))
    }

    @Test func a500WithHTMLBecomesOneLine() async throws {
        let simulator = try await SimHarness.start(hosts: 1, faults: ["*": .http500])
        defer { Task { await simulator.shutdown() } }
        let (error, _) = await SimHarness.timedError { _ = try await SimHarness.client(simulator.master!.url).login() }
        guard case .httpStatus(_, 500, let snippet) = error else {
            Issue.record("expected HTTP 500, got \(String(describing: error))")
            return
        }
        #expect(snippet.hasPrefix("HTTP 500 internal server error"))
        #expect(!error!.description.contains("<") && !error!.description.contains("\n"))
    }

    @Test func aMalformedReplyIsRefused() async throws {
        let simulator = try await SimHarness.start(hosts: 1, faults: ["*": .malformed])
        defer { Task { await simulator.shutdown() } }
        for choice in [XapiProtocolChoice.xmlRPC, .jsonRPC] {
            let (error, _) = await SimHarness.timedError {
                _ = try await SimHarness.client(simulator.master!.url, protocolChoice: choice).login()
            }
            guard case .malformedReply(_, let method, _) = error else {
                Issue.record("\(choice): expected malformedReply, got \(String(describing: error))")
                continue
            }
            #expect(method == "session.login_with_password")
        }
    }

    @Test func oversizedRepliesAreRefused() async throws {
        let simulator = try await SimHarness.start(hosts: 2, vms: 500)
        defer { Task { await simulator.shutdown() } }
        let client = XapiClient(endpoint: try XapiEndpoint(parsing: simulator.master!.url),
                                credentials: XapiCredentials(password: SimHarness.password),
                                transport: try NIOHTTPTransport(maxResponseBytes: 16 << 10))
        let session = try await client.login()
        await #expect(throws: XapiError.responseTooLarge(server: simulator.master!.url, limit: 16 << 10)) {
            _ = try await session.allRecords(of: "VM")
        }
    }
}

@Suite("TLS against the simulator")
struct TLSSimulatorTests {
    @Test func verifiesPinsAndRefuses() async throws {
        let directory = SimHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let identity = try SimTLSIdentity.generate(in: directory + "/a")
        let other = try SimTLSIdentity.generate(in: directory + "/b")
        let simulator = try await SimHarness.start(hosts: 1, tls: identity)
        defer { Task { await simulator.shutdown() } }
        let url = simulator.master!.url
        #expect(url.hasPrefix("https://127.0.0.1:"))

        // Verified by default: a self-signed certificate is not trusted.
        let (untrusted, _) = await SimHarness.timedError { _ = try await SimHarness.client(url).login() }
        guard case .tlsFailure(_, let detail) = untrusted else {
            Issue.record("expected tlsFailure, got \(String(describing: untrusted))")
            return
        }
        #expect(detail.contains("not trusted"))

        // Trusted through --ca-file (the host's own certificate; its SAN names 127.0.0.1).
        _ = try await SimHarness.client(url, tls: XapiTLSOptions(caFile: identity.certificatePath)).login()
        // A CA file with another certificate is refused.
        let (wrongCA, _) = await SimHarness.timedError {
            _ = try await SimHarness.client(url, tls: XapiTLSOptions(caFile: other.certificatePath)).login()
        }
        #expect({ if case .tlsFailure = wrongCA { true } else { false } }())

        // Pinned: the right fingerprint passes, another one is refused naming both.
        let pin = try XapiTLSOptions.parsePin(try identity.fingerprintSHA256())
        _ = try await SimHarness.client(url, tls: XapiTLSOptions(pinnedSHA256: pin)).login()
        let otherPin = try XapiTLSOptions.parsePin(try other.fingerprintSHA256())
        let (mismatch, seconds) = await SimHarness.timedError {
            _ = try await SimHarness.client(url, tls: XapiTLSOptions(pinnedSHA256: otherPin)).login()
        }
        #expect(mismatch == .pinMismatch(server: url, expected: try other.fingerprintSHA256(), actual: try identity.fingerprintSHA256()))
        #expect(seconds < 2)

        // --insecure talks to anyone.
        _ = try await SimHarness.client(url, tls: XapiTLSOptions(insecure: true)).login()
        // No password was logged on the way.
        #expect(simulator.log.calls.allSatisfy { "\($0)".contains(SimHarness.password) == false })
    }

    @Test func anHTTPSClientAgainstPlainHTTPSaysSo() async throws {
        let simulator = try await SimHarness.start(hosts: 1)
        defer { Task { await simulator.shutdown() } }
        let url = simulator.master!.url.replacingOccurrences(of: "http://", with: "https://")
        let (error, _) = await SimHarness.timedError { _ = try await SimHarness.client(url, tls: XapiTLSOptions(insecure: true)).login() }
        #expect({ if case .tlsFailure = error { true } else { false } }(), "\(String(describing: error))")
    }
}
