import Synchronization
import Testing
@testable import XenAPI

@Suite("Read-only allow-list")
struct ReadOnlyPolicyTests {
    @Test(arguments: ["session.login_with_password", "session.logout", "VM.get_all_records", "host.get_record",
                      "pool.get_all", "PIF.get_by_uuid", "SR.get_PBDs"])
    func allowsReads(_ method: String) {
        #expect(ReadOnlyPolicy.isAllowed(method))
    }

    @Test(arguments: ["VM.start", "VM.destroy", "pool.join", "pool.eject", "host.set_name_label", "pool.set_default_SR",
                      "session.logout_subject_identifier", "session.login_with_password2", "Async.VM.get_record",
                      "VM.get_", "get_all_records", ".get_all", "VM.get_all_records;VM.destroy", "VM.get all",
                      "PIF.reconfigure_ip", "host.getaway", "", "VM"])
    func refusesEverythingElse(_ method: String) {
        #expect(!ReadOnlyPolicy.isAllowed(method))
        #expect(throws: XapiError.forbiddenMethod(method)) { try ReadOnlyPolicy.check(method) }
    }

    @Test func aForbiddenCallNeverReachesTheWire() async throws {
        let transport = RecordingTransport()
        let client = XapiClient(endpoint: XapiEndpoint(host: "127.0.0.1"), credentials: XapiCredentials(password: "x"),
                                transport: transport, options: XapiClientOptions(protocolChoice: .xmlRPC))
        let session = try await client.login()
        await #expect(throws: XapiError.forbiddenMethod("VM.destroy")) { try await session.call("VM.destroy", ["OpaqueRef:1"]) }
        await #expect(throws: XapiError.forbiddenMethod("pool.join")) { try await session.call("pool.join") }
        #expect(transport.methods == ["session.login_with_password"])
    }
}

/// Answers every call with Success "OpaqueRef:session" and records the method names it saw.
final class RecordingTransport: XapiTransport {
    private let seen = Mutex<[String]>([])
    var methods: [String] { seen.withLock { $0 } }

    func post(to endpoint: XapiEndpoint, path: String, contentType: String, body: [UInt8],
              timeout: Duration) async throws -> HTTPReply {
        let call = try XMLRPCCodec.decodeCall(body)
        seen.withLock { $0.append(call.method) }
        return HTTPReply(status: 200, contentType: "text/xml",
                         body: XapiWire.encodeResult(.xmlRPC, .success("OpaqueRef:session")))
    }
}
