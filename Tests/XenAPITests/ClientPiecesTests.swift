import Testing
@testable import XenAPI

@Suite("Client pieces")
struct ClientPiecesTests {
    @Test func credentialsNeverPrintThePassword() {
        let canary = "CANARY-pw-7f3a"
        let credentials = XapiCredentials(user: "root", password: canary)
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in [credentials.description, credentials.debugDescription, "\(credentials)", String(reflecting: credentials),
                     dumped, "\([credentials])", String(describing: Mirror(reflecting: credentials).children.map(\.value))] {
            #expect(!text.contains(canary), "leaked in: \(text)")
        }
        #expect(credentials.withPassword { $0 } == canary)
        #expect(credentials.redacting("bad password \(canary)!") == "bad password <redacted>!")
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.fingerprint(SHA256.hash([])).replacingAll(":", with: "")
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.fingerprint(SHA256.hash(Array("abc".utf8))).replacingAll(":", with: "")
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.fingerprint(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
            .replacingAll(":", with: "") == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.fingerprint(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000))).replacingAll(":", with: "")
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func pinsParseInTheCommonSpellings() throws {
        let hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        let expected = SHA256.hash(Array("abc".utf8))
        #expect(try XapiTLSOptions.parsePin(hex) == expected)
        #expect(try XapiTLSOptions.parsePin("sha256 Fingerprint=" + SHA256.fingerprint(expected).uppercased()) == expected)
        #expect(throws: XapiError.self) { try XapiTLSOptions.parsePin("abc") }
    }

    @Test func endpointsParse() throws {
        #expect(try XapiEndpoint(parsing: "xs-1") == XapiEndpoint(scheme: .https, host: "xs-1", port: 443))
        #expect(try XapiEndpoint(parsing: "xs-1:4430") == XapiEndpoint(scheme: .https, host: "xs-1", port: 4430))
        #expect(try XapiEndpoint(parsing: "http://127.0.0.1:8080/") == XapiEndpoint(scheme: .http, host: "127.0.0.1", port: 8080))
        #expect(try XapiEndpoint(parsing: "https://[::1]:9443") == XapiEndpoint(scheme: .https, host: "::1", port: 9443))
        #expect(try XapiEndpoint(parsing: "fd00::1") == XapiEndpoint(scheme: .https, host: "fd00::1", port: 443))
        for bad in ["ftp://x", "xs-1:0", "xs-1:99999", "https://root:pw@xs-1", "https://xs-1/path", ""] {
            #expect(throws: XapiError.self, "\(bad)") { try XapiEndpoint(parsing: bad) }
        }
        let member = XapiEndpoint(scheme: .https, host: "127.0.0.1", port: 4431)
        #expect(try member.redirected(to: "172.16.0.10") == XapiEndpoint(scheme: .https, host: "172.16.0.10", port: 4431))
        #expect(try member.redirected(to: "127.0.0.1:4430") == XapiEndpoint(scheme: .https, host: "127.0.0.1", port: 4430))
    }

    @Test func errorPagesBecomeOneLine() {
        let page = "<html><body><h1>HTTP 500 internal server error</h1>An unexpected\nerror occurred</body></html>"
        #expect(XapiClient.snippet(of: Array(page.utf8)) == "HTTP 500 internal server error An unexpected error occurred")
    }
}
