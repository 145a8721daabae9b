import Addressing
import ArgumentParser
import Foundation
import NFSProbe
import PoolCheck

/// `poolcheck exports SERVER`: showmount's list asked natively from mountd, a verdict per
/// client, and the server's RPC registrations.
struct ExportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exports", abstract: "List an NFS server's exports with a verdict for each client address.")

    @Argument(help: "NFS server address.") var server: String

    @Option(name: .customLong("client"), help: ArgumentHelp("A client address to judge (repeatable).", valueName: "IP"))
    var clients: [String] = []

    @Flag(help: "Print the JSON contract instead of text.") var json = false

    @Option(help: ArgumentHelp("Deadline of each network step, in seconds.", valueName: "SECONDS"))
    var timeout: Double = 5

    @Option(name: .customLong("source"), help: ArgumentHelp("Ask from this local address.", valueName: "IP"))
    var source: String?

    func validate() throws {
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
        for client in clients where IPAddress(client) == nil {
            throw ValidationError("--client '\(client)' is not an IP address")
        }
    }

    func run() async throws {
        let prober = NFSProber(options: NFSProbeOptions(timeout: .milliseconds(Int(timeout * 1000)), sourceAddress: source))
        let services: [RPCRegistration]
        let listing: ExportListing
        do {
            services = try await prober.registrations(server: server)
            listing = try await prober.exports(server: server)
        } catch {
            throw fail("\(error)", code: 3)
        }
        let matcher = ExportMatcher(dialect: ExportsDialect.detect(registrations: services))
        let report = await ExportsReport.build(server: server, exports: listing.exports, services: services,
                                               clients: clients.compactMap(IPAddress.init), matcher: matcher)
        print(json ? try Self.json(report) : Self.text(report, dialect: matcher.dialect))
    }

    static func json(_ report: ExportsReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    /// showmount's layout, then one line per client verdict, then rpcinfo's.
    static func text(_ report: ExportsReport, dialect: ExportsDialect) -> String {
        var lines = ["Export list for \(report.server) (\(dialect.rawValue) mountd):"]
        for export in report.exports {
            lines.append("\(export.path) \(export.groups.isEmpty ? "(everyone)" : export.groups.joined(separator: ","))")
            for client in export.clients {
                lines.append("    \(client.address): \(client.verdict.rawValue)" + (client.group.map { " via \($0)" } ?? ""))
            }
        }
        if dialect.mayHideExports {
            lines.append("(this server lists only the exports its asker may mount)")
        }
        lines.append("")
        lines.append("   program vers proto   port  service")
        for service in report.services {
            let name = RPCProgram.name(of: service.program) ?? ""
            lines.append(String(format: "%10u %4u %5@ %6u  %@", service.program, service.version,
                                service.protocol.rawValue, service.port, name))
        }
        return lines.joined(separator: "\n")
    }
}
