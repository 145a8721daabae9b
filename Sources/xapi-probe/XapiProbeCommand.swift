import ArgumentParser
import Foundation
import PoolCheck
import XenAPI

/// Gathers facts from live XAPI servers and prints them as facts JSON: the XAPI gatherer
/// on its own, for benchmarks and for trying a pool before `poolcheck --xapi` is wired.
@main
struct XapiProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xapi-probe",
        abstract: "Read pools over XAPI (read-only) and print the facts JSON.",
        discussion: "The password comes from --password-file or $POOLCHECK_PASSWORD, never from argv.")

    @Option(name: .customLong("xapi"), help: ArgumentHelp("HOST[:PORT] or URL (repeatable; https unless http:// is explicit).", valueName: "TARGET"))
    var targets: [String] = []

    @Option(help: "audit (one view per pool member) or preflight (one view per host asked).")
    var mode: String = "audit"

    @Option(help: "User name.")
    var user: String = "root"

    @Option(help: "File holding the password.")
    var passwordFile: String?

    @Option(help: "PEM file of trusted CAs or the host's own certificate.")
    var caFile: String?

    @Option(help: "SHA-256 fingerprint of the server certificate to accept (hex, colons allowed).")
    var pinSha256: String?

    @Flag(help: "Do not verify the server certificate.")
    var insecure = false

    @Option(help: "Deadline per call, in seconds.")
    var timeout: Double = 10

    @Option(help: "Servers asked at once.")
    var concurrency: Int = 16

    @Option(name: .shortAndLong, help: "Write the facts JSON here instead of stdout.")
    var output: String?

    @Flag(help: "Gather, print the one-line summary, and skip encoding the facts (benchmarks).")
    var summaryOnly = false

    func run() async throws {
        guard !targets.isEmpty else { throw ValidationError("give at least one --xapi TARGET") }
        guard let gatherMode = XapiGatherer.Mode(rawValue: mode) else { throw ValidationError("--mode is audit or preflight") }
        let password: String
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw ValidationError("cannot read --password-file \(passwordFile)")
            }
            password = String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        } else if let fromEnvironment = ProcessInfo.processInfo.environment["POOLCHECK_PASSWORD"] {
            password = fromEnvironment
        } else {
            throw ValidationError("no password: use --password-file FILE or set POOLCHECK_PASSWORD")
        }
        let gatherer: XapiGatherer
        do {
            let tls = XapiTLSOptions(caFile: caFile, pinnedSHA256: try pinSha256.map(XapiTLSOptions.parsePin), insecure: insecure)
            gatherer = try XapiGatherer(targets: try targets.map(XapiGatherer.Target.init(parsing:)), mode: gatherMode,
                                        credentials: XapiCredentials(user: user, password: password), tls: tls,
                                        clientOptions: XapiClientOptions(callTimeout: .milliseconds(Int(timeout * 1000))),
                                        maxConcurrent: concurrency)
        } catch let error as XapiError {
            throw ValidationError(error.description)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let facts = await gatherer.gather()
        let elapsed = clock.now - start
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if summaryOnly {
            // Nothing to write.
        } else if let output {
            let json = try encoder.encode(facts)
            try json.write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            let json = try encoder.encode(facts)
            FileHandle.standardOutput.write(json)
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
        let summary = "xapi-probe: \(facts.views.count) views, \(facts.probeFailures.count) failures in \(elapsed)\n"
        FileHandle.standardError.write(Data(summary.utf8))
        for failure in facts.probeFailures {
            FileHandle.standardError.write(Data("  \(failure.target): \(failure.message)\n".utf8))
        }
        if !facts.probeFailures.isEmpty { throw ExitCode(3) }
    }
}
