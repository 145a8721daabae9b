import Foundation
@testable import PoolCheck
import Testing
import TextFormats
import XenAPI

/// One redactor for every quoted input line, command line, map and URL.
@Suite("Secrets are redacted wherever input is quoted or stored")
struct SecretRedactionTests {
    private let masked = SecretRedactor.placeholder

    @Test func xenAPISecretKeysAndKeysNamingSecrets() {
        for key in ["password", "chappassword", "incoming_chappassword", "cifspassword", "password_secret",
                    "cifspassword_secret", "api_token", "secret", "pass", "auth-pw", "ssh_key", "apiKey", "chapuser"] {
            #expect(SecretRedactor.isSecretKey(key), "\(key)")
        }
        for key in ["server", "serverpath", "multipathing", "xenserver_tools_sr", "target", "port", "param-key",
                    "passthrough", "monitor", "name-label"] {
            #expect(!SecretRedactor.isSecretKey(key), "\(key)")
        }
        #expect(SecretRedactor.redact(map: ["server": "10.0.0.5", "api_token": "t0k", "cifspassword_secret": "ref"])
            == ["server": "10.0.0.5", "api_token": masked, "cifspassword_secret": masked])
    }

    @Test func linesInEveryFormPoolcheckQuotes() {
        let cases: [(String, String)] = [
            // xe's map, whole and as a line of its own (a terminal wrapped it there).
            ("device-config (MRO): server: 10.0.0.5; password: hunter2; serverpath: /x",
             "device-config (MRO): server: 10.0.0.5; password: \(masked); serverpath: /x"),
            ("password: hunter2", "password: \(masked)"),
            ("    chappassword: s3cr3t; targetIQN: iqn.2020", "    chappassword: \(masked); targetIQN: iqn.2020"),
            ("other-config (MRW): api_token: abc123; auto-scan: true", "other-config (MRW): api_token: \(masked); auto-scan: true"),
            // xe arguments and options.
            ("xe sr-create device-config:cifspassword=pw1 device-config:server=//nas/x",
             "xe sr-create device-config:cifspassword=\(masked) device-config:server=//nas/x"),
            ("xe -s xs-1 -u root -pw 'two words' host-list", "xe -s xs-1 -u root -pw '\(masked)' host-list"),
            ("xe pool-param-get param-name=other-config param-key=multipathing",
             "xe pool-param-get param-name=other-config param-key=multipathing"),
            // A field, JSON, a URL.
            ("password ( RW): hunter2", "password ( RW): \(masked)"),
            (#"{"password": "hunter2", "user": "root"}"#, #"{"password": "\#(masked)", "user": "root"}"#),
            ("poolcheck audit --xapi https://root:hunter2@xs-1", "poolcheck audit --xapi https://root:\(masked)@xs-1"),
            // Nothing secret: unchanged.
            ("uuid ( RO): 19c6c4a5-43b1-4aee-914f-dea5b84efba7", "uuid ( RO): 19c6c4a5-43b1-4aee-914f-dea5b84efba7"),
            ("inet6 fe80::1/64 scope link", "inet6 fe80::1/64 scope link"),
        ]
        for (line, expected) in cases {
            #expect(SecretRedactor.redact(line) == expected)
        }
    }

    @Test func aLineTheTerminalWrappedInsideAKeyOrValue() {
        // Cut inside the value: the rest of the password starts the next line.
        #expect(SecretRedactor.redact("ter2; serverpath: /x", after: ["device-config (MRO): server: a; password: hun"])
            == "\(masked); serverpath: /x")
        // Cut inside the key.
        #expect(SecretRedactor.redact("word: hunter2; port: 3260", after: ["device-config (MRO): target: t; chappass"])
            == "word: \(masked); port: 3260")
        // Cut right after the separator.
        #expect(SecretRedactor.redact("hunter2", after: ["device-config (MRO): target: t; password: "]) == masked)
        // A line that starts an entry of its own is read on its own.
        #expect(SecretRedactor.redact("port: 3260", after: ["password: hunter2;"]) == "port: 3260")
        #expect(SecretRedactor.redact("port: 3260", after: ["device-config (MRO): password: hunter2"]) == "port: 3260")
        #expect(SecretRedactor.redact("password: x2", after: ["device-config (MRO): password: x1"]) == "password: \(masked)")
    }

    @Test func onlyQuotedPartsOfOurOwnMessages() {
        #expect(SecretRedactor.redactQuoted(#"device-config: map entry "password hunter2" has no `key: value` form"#)
            == #"device-config: map entry "password \#(masked)" has no `key: value` form"#)
        #expect(SecretRedactor.redactQuoted("has no `key: value` form") == "has no `key: value` form")
    }

    @Test func commandLinesShownInWarnings() {
        #expect(ShellCommand("xe secret-create value=hunter2").display == "xe secret-create value=\(masked)")
        #expect(ShellCommand("xe vm-param-set uuid=x other-config:value=1").display == "xe vm-param-set uuid=x other-config:value=1")
    }

    @Test func aURLWithCredentialsIsRefusedWithoutEchoingThem() {
        for url in ["https://root:CANARY-url@xs-1", "https://root:CAN/ARY-url@xs-1:443/", "ftp://root:CANARY-url@xs-1", "CANARY-url@xs-1"] {
            #expect(throws: XapiError.self) { try XapiEndpoint(parsing: url) }
            do {
                _ = try XapiEndpoint(parsing: url)
            } catch {
                #expect(!"\(error)".contains("CANARY"), "\(error)")
                #expect("\(error)".contains("credentials do not belong in the URL"), "\(error)")
            }
        }
    }

    // MARK: - Transcripts, end to end in the parser

    /// Every secret in a transcript, in each place a terminal can put it.
    static let transcript = """
    [root@xs-1 ~]# hostname
    xs-1
    [root@xs-1 ~]# xe pbd-list params=uuid,device-config
    uuid ( RO)              : 5b4b0fd8-2bd3-4a7e-9d0e-5e4a3f0c2a11
        device-config (MRO): server: 172.16.0.34; serverpath: /srv; password: CANARY-inline-1
    password: CANARY-own-line-2
    [root@xs-1 ~]# xe pbd-list params=uuid,device-config
    uuid ( RO)              : 6c5c1fe9-3ce4-4b8f-8e1f-6f5b4a1d3b22
        device-config (MRO): target: 10.0.0.5; chapuser: pool; cifspassword: CANARY-va
    lue-3; port: 3260
    [root@xs-1 ~]# xe host-param-list uuid=0c2a5e6b-7d8f-4a9b-8c1d-2e3f4a5b6c7d
    uuid ( RO)              : 0c2a5e6b-7d8f-4a9b-8c1d-2e3f4a5b6c7d
        other-config (MRW): api_token: CANARY-other-config-4; agent_start_time: 1.0
    [root@xs-1 ~]# xe secret-list params=value
    value ( RW)    : CANARY-secret-5
    [root@xs-1 ~]# xe secret-create value=CANARY-secret-6 && echo made
    1d3b6f7c-8e9a-4bac-9d2e-3f4a5b6c7d8e
    made
    """

    @Test func noCanaryInWarningsOrFacts() throws {
        let facts = try SnapshotFixture.parse(Self.transcript)
        let json = try FactsFile.encode(facts)
        #expect(!json.contains("CANARY"), "\(json)")
        #expect(facts.warnings.contains { $0.contains("could not read \"password: \(masked)\"") }, "\(facts.warnings)")
        #expect(facts.warnings.contains { $0.contains("could not read \"\(masked); port: 3260\"") }, "\(facts.warnings)")
        #expect(facts.warnings.contains { $0.contains("could not read \"\(masked)\" as output of `xe secret-list params=value`") },
                "\(facts.warnings)")
        #expect(facts.database.hosts?.records.first?.other_config?["api_token"] == masked)
        #expect(facts.database.hosts?.records.first?.other_config?["agent_start_time"] == "1.0")
    }

    @Test func aFactsFileFromElsewhereIsRedactedOnReading() throws {
        var facts = try SnapshotFixture.parse(Self.transcript)
        facts.database.PBDs?.records[0].device_config = ["server": "172.16.0.34", "password": "CANARY-file-7"]
        facts.database.hosts?.records[0].other_config = ["api_token": "CANARY-file-8", "multipathing": "true"]
        let folder = try SnapshotFixture.temporaryFolder()
        defer { SnapshotFixture.remove(folder) }
        let path = folder.appendingPathComponent("old-facts.json").path
        try FactsFile.encode(facts).write(toFile: path, atomically: false, encoding: .utf8)
        let read = try FactsFile.read(path: path)
        #expect(read.database.PBDs?.records[0].device_config == ["server": "172.16.0.34", "password": masked])
        #expect(read.database.hosts?.records[0].other_config == ["api_token": masked, "multipathing": "true"])
        #expect(!(try FactsFile.encode(read)).contains("CANARY"))
    }
}
