import ArgumentParser
import Foundation
import PoolCheck
import XenAPI
#if canImport(Glibc)
import Glibc
#endif

/// `--xapi` and its credentials and TLS options. The password never comes from argv:
/// --password-file, $POOLCHECK_PASSWORD, or a no-echo prompt on a terminal.
struct XapiOptions: ParsableArguments {
    @Option(name: .customLong("xapi"), help: ArgumentHelp("Live XAPI: HOST[:PORT] or URL (repeatable; https unless http:// is explicit).", valueName: "TARGET"))
    var targets: [String] = []

    @Option(help: ArgumentHelp("XAPI user name.", valueName: "NAME"))
    var user: String = "root"

    @Option(help: ArgumentHelp("File holding the XAPI password (else $POOLCHECK_PASSWORD, else a prompt).", valueName: "FILE"))
    var passwordFile: String?

    @Option(help: ArgumentHelp("Trust this PEM file (a CA, or the host's own certificate).", valueName: "FILE"))
    var caFile: String?

    @Option(help: ArgumentHelp("Accept exactly the server certificate with this SHA-256 (hex, colons allowed).", valueName: "HEX"))
    var pinSha256: String?

    @Flag(help: "Do not verify XAPI certificates (the report's facts then say so).")
    var insecure = false

    @Option(help: ArgumentHelp("Deadline for each XAPI call, in seconds.", valueName: "SECONDS"))
    var xapiTimeout: Double = 10

    /// Facts from every `--xapi` target; empty when none was given.
    func gather(mode: XapiGatherer.Mode) async throws -> Facts {
        guard !targets.isEmpty else { return Facts() }
        let gatherer: XapiGatherer
        do {
            let tls = XapiTLSOptions(caFile: caFile, pinnedSHA256: try pinSha256.map(XapiTLSOptions.parsePin), insecure: insecure)
            gatherer = try XapiGatherer(targets: try targets.map(XapiGatherer.Target.init(parsing:)), mode: mode,
                                        credentials: XapiCredentials(user: user, password: try password()), tls: tls,
                                        clientOptions: XapiClientOptions(callTimeout: .milliseconds(Int(max(0.1, xapiTimeout) * 1000))))
        } catch let error as XapiError {
            throw fail(error.description)
        }
        return await gatherer.gather()
    }

    private func password() throws -> String {
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw fail("cannot read --password-file \(passwordFile)")
            }
            if let warning = Self.exposureWarning(passwordFile) { warn(warning) }
            return String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        }
        if let fromEnvironment = ProcessInfo.processInfo.environment["POOLCHECK_PASSWORD"] { return fromEnvironment }
        guard isatty(STDIN_FILENO) == 1, let typed = Self.promptWithoutEcho("XAPI password for \(user): ") else {
            throw fail("no XAPI password: set POOLCHECK_PASSWORD or use --password-file FILE")
        }
        return typed
    }

    /// As ssh says of a private key: a password others on the machine can read is no
    /// longer only yours. Used anyway (the run may be the only way to find out), but said.
    static func exposureWarning(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o077 != 0 else { return nil }
        let mode = String(info.st_mode & 0o7777, radix: 8)
        return "--password-file \(path) is readable or writable by group or others (mode 0\(mode)); chmod 600 it"
    }

    /// Reads one line from the terminal with echo off, restoring the terminal after.
    private static func promptWithoutEcho(_ prompt: String) -> String? {
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return nil }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true)
    }
}
