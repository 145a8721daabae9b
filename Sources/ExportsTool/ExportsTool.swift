import Addressing
import NFSProbe

/// `poolcheck exports`, whole: arguments, one query to the server, verdicts, output.
/// It runs before, and without, the rest of poolcheck (Foundation, ArgumentParser, the
/// rule engine), on the calling thread, so its whole process costs about what
/// `showmount -e` costs (bench/README.md).
public enum ExportsTool {
    /// Runs `poolcheck exports WORDS...` and returns the exit status: 0 the server
    /// answered, 3 it could not be asked, 2 bad usage.
    public static func run(_ words: [String]) -> Int32 {
        let arguments: ExportsArguments
        do {
            arguments = try ExportsArguments.parse(words)
        } catch {
            StandardStreams.error("poolcheck exports: \(error) (see `poolcheck exports --help`)\n")
            return 2
        }
        if arguments.help {
            return written(ExportsArguments.usage + "\n")
        }
        let listing: ServerListing
        do {
            listing = try query(arguments)
        } catch {
            StandardStreams.error("poolcheck: \(error)\n")
            return 3
        }
        let dialect = ExportsDialect.detect(registrations: listing.registrations)
        let report = verdicts(arguments: arguments, listing: listing, dialect: dialect)
        return written(arguments.json ? ExportsJSON.render(report) : ExportsText.render(report, dialect: dialect) + "\n")
    }

    /// 0 when `text` reached standard output, else 2 with one line saying why.
    private static func written(_ text: String) -> Int32 {
        guard let problem = StandardStreams.output(text) else { return 0 }
        StandardStreams.error("poolcheck: cannot write to stdout: \(problem)\n")
        return 2
    }

    /// The server's services and exports; a host name is resolved first (an IP address,
    /// the common case, starts no thread).
    static func query(_ arguments: ExportsArguments) throws(NFSProbeError) -> ServerListing {
        let server = arguments.server
        var address = server
        if IPAddress(server) == nil {
            let prober = NFSProber(options: arguments.probeOptions)
            address = try waitFor { () async -> Result<String, NFSProbeError> in
                do throws(NFSProbeError) {
                    return .success(try await prober.address(of: server))
                } catch {
                    return .failure(error)
                }
            }.get()
        }
        do {
            return try BlockingNFSProber(options: arguments.probeOptions).listing(server: address)
        } catch {
            throw address == server ? error : error.naming("\(server) (\(address))")
        }
    }

    /// The report; with clients, each judged by the matcher (whose name and netgroup
    /// lookups are async, each within 2 s and all within --timeout).
    static func verdicts(arguments: ExportsArguments, listing: ServerListing,
                         dialect: ExportsDialect) -> ExportsReport {
        let exports = listing.exports.exports
        guard !arguments.clients.isEmpty else {
            return ExportsReport(server: arguments.server,
                                 exports: exports.map { .init(path: $0.path, groups: $0.groups, clients: []) },
                                 services: listing.registrations)
        }
        let server = arguments.server, clients = arguments.clients, services = listing.registrations
        // All name lookups together get one more --timeout: past it, what is left is unknown.
        let resolver = SystemResolver(deadline: .now + arguments.probeOptions.timeout)
        return waitFor {
            await ExportsReport.build(server: server, exports: exports, services: services, clients: clients,
                                      matcher: ExportMatcher(dialect: dialect, resolver: CachingResolver(resolver)))
        }
    }
}
