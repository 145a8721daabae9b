import ArgumentParser
import Foundation
import PoolCheck
import XAPISimulator
import XenAPI

@main
struct XapiSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xapi-sim",
        abstract: "Serve the XenAPI (XML-RPC at /, JSON-RPC at /jsonrpc) for a simulated pool, one port per host.",
        discussion: """
        The password comes from --password-file, $XAPI_SIM_PASSWORD or $POOLCHECK_PASSWORD, never from argv.
        Members answer login with HOST_IS_SLAVE and the master's ADDRESS:PORT. Only reads are served.
        """)

    @Option(help: "Serve the pool described by xe transcripts (a file or a folder).")
    var snapshot: String?

    @Option(help: "Serve the pool described by a facts JSON file (`poolcheck facts -o`).")
    var facts: String?

    @Option(help: "Serve a generated pool of this many hosts.")
    var generateHosts: Int?

    @Option(help: "Guest VMs in the generated pool.")
    var vms: Int = 0

    @Option(help: "Physical NICs per generated host.")
    var pifsPerHost: Int = 4

    @Option(help: "Address to listen on (loopback by default).")
    var bind: String = "127.0.0.1"

    @Option(help: "Host i listens on PORT+i; 0 picks free ports.")
    var portBase: Int = 0

    @Flag(help: "Serve plain HTTP instead of HTTPS.")
    var http = false

    @Option(help: "PEM certificate for HTTPS (default: a self-signed one made with openssl).")
    var cert: String?

    @Option(help: "PEM private key for --cert.")
    var key: String?

    @Option(help: "Folder for the generated certificate (default: a new temporary folder). The generated key and certificate are removed when xapi-sim ends.")
    var tlsDir: String?

    @Option(help: "User name that may log in.")
    var user: String = "root"

    @Option(help: "File holding the password that logins must give.")
    var passwordFile: String?

    @Option(help: "Append every method called to FILE as JSON lines (never the password).")
    var log: String?

    @Option(help: "Misbehave on demand: [HOST:]delay=SECONDS|drop|malformed|http500|cut (repeatable).")
    var fault: [String] = []

    @Option(help: "Write the listeners (name, url, master) and certificate fingerprint to FILE as JSON once listening.")
    var readyFile: String?

    @Option(help: "Stop after this many seconds (default: run until killed).")
    var duration: Double?

    func run() async throws {
        let scenario = try loadScenario()
        let password = try readPassword()
        var faults: [String: SimFault] = [:]
        for text in fault {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2, !parts[0].hasPrefix("delay=") {
                faults[parts[0]] = try SimFault(parsing: parts[1])
            } else {
                faults["*"] = try SimFault(parsing: text)
            }
        }
        var identity: SimTLSIdentity?
        var cleanup: ExitCleanup?
        defer { cleanup?.run() }
        if !http {
            if let cert {
                guard let key else { throw ValidationError("--cert needs --key") }
                identity = SimTLSIdentity(certificatePath: cert, privateKeyPath: key)
            } else {
                // Only what it generated is removed; a folder only if it made it.
                let madeFolder = tlsDir == nil ? try Self.privateTemporaryFolder() : nil
                let directory = tlsDir ?? madeFolder!
                let generated = SimTLSIdentity.paths(in: directory)
                cleanup = ExitCleanup { generated.removeFiles(folder: madeFolder) }
                identity = try SimTLSIdentity.generate(in: directory)
            }
        }
        let configuration = try XapiSimulator.Configuration(
            scenario: scenario, user: user, password: password, bindAddress: bind, portBase: portBase, tls: identity,
            faults: faults, log: SimCallLog(path: log))
        let simulator = try await XapiSimulator.start(configuration)
        let fingerprint = try identity?.fingerprintSHA256()
        print("xapi-sim: \(scenario.hosts.count) hosts, \(http ? "plain HTTP" : "HTTPS")"
            + (fingerprint.map { ", certificate sha256 \($0)" } ?? ""))
        for listener in simulator.listeners {
            print("  \(listener.host.name) (\(listener.host.isMaster ? "master" : "member")) \(listener.url)")
        }
        if let readyFile {
            var hosts: [XapiValue] = []
            for listener in simulator.listeners {
                hosts.append(["name": .string(listener.host.name), "url": .string(listener.url),
                              "port": .int(Int64(listener.port)), "master": .bool(listener.host.isMaster)])
            }
            var ready: [String: XapiValue] = ["hosts": .array(hosts), "pid": .int(Int64(getpid()))]
            if let fingerprint { ready["sha256"] = .string(fingerprint) }
            if let identity { ready["cert"] = .string(identity.certificatePath) }
            try Data(JSONCodec.encode(.map(ready))).write(to: URL(fileURLWithPath: readyFile), options: .atomic)
        }
        fflush(nil)
        if let duration {
            try await Task.sleep(for: .milliseconds(Int(duration * 1000)))
        } else {
            while true { try await Task.sleep(for: .seconds(3600)) }
        }
        await simulator.shutdown()
    }

    /// A new folder only this user can enter (mkdtemp), for the generated key.
    static func privateTemporaryFolder() throws -> String {
        var template = Array((NSTemporaryDirectory() + "xapi-sim-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw ValidationError("cannot make a temporary folder for the certificate: \(String(cString: strerror(errno)))")
        }
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    func loadScenario() throws -> SimScenario {
        let chosen = [snapshot != nil, facts != nil, generateHosts != nil].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("give exactly one of --snapshot, --facts, --generate-hosts") }
        if let hosts = generateHosts {
            guard hosts >= 1, hosts <= 10_000 else { throw ValidationError("--generate-hosts must be 1-10000") }
            return try SimScenarioGenerator(hosts: hosts, vms: vms, pifsPerHost: pifsPerHost).scenario()
        }
        if let facts {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: facts)) } catch {
                throw ValidationError("cannot read \(facts)")
            }
            do {
                return try SimScenario(facts: try JSONDecoder().decode(Facts.self, from: data))
            } catch let error as DecodingError {
                throw ValidationError("\(facts): not a poolcheck facts file (\(error))")
            }
        }
        return try SimScenario(facts: try SimSnapshotSource.facts(at: snapshot!))
    }

    func readPassword() throws -> String {
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw ValidationError("cannot read --password-file \(passwordFile)")
            }
            return String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        }
        let environment = ProcessInfo.processInfo.environment
        if let password = environment["XAPI_SIM_PASSWORD"] ?? environment["POOLCHECK_PASSWORD"] { return password }
        throw ValidationError("no password: use --password-file FILE or set XAPI_SIM_PASSWORD")
    }
}
