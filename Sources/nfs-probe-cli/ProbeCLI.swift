import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import NFSProbe

/// nfs-probe-cli COMMAND SERVER [--source IP] [--timeout SECONDS] [--json]
///                [--port P --mount-version V [--udp]]
/// (verdicts per client are `poolcheck exports`'s.)
///   exports   print the export list as `showmount -e` does
///   rpcinfo   print rpcbind's registrations as `rpcinfo -p` does
///   ping      NULL call to nfsd v3 and v4
/// Exit 0 answered, 3 the server could not be asked, 2 bad usage.
enum ProbeCLI {
    struct Arguments {
        var command = ""
        var server = ""
        var options = NFSProbeOptions()
        var json = false
        var port: UInt16?
        var mountVersion: UInt32 = 3
        var transport: RPCTransport = .tcp
    }

    static func main(_ argv: [String]) async {
        let args: Arguments
        do {
            args = try parse(argv)
        } catch {
            printError("nfs-probe-cli: \(error)\n")
            exit(2)
        }
        let prober = NFSProber(options: args.options)
        do {
            switch args.command {
            case "exports":
                let listing: ExportListing
                if let port = args.port {
                    listing = try await prober.exports(server: args.server, port: port,
                                                       mountVersion: args.mountVersion, transport: args.transport)
                } else {
                    listing = try await prober.exports(server: args.server)
                }
                if args.json {
                    printJSON(listing.exports)
                } else {
                    print(ShowmountFormat.render(server: args.server, exports: listing.exports), terminator: "")
                    let rpcbind = listing.rpcbindVersion.map { "rpcbind v\($0), " } ?? ""
                    printError(
                        "# \(rpcbind)mount v\(listing.mountVersion) over \(listing.transport) port \(listing.port)\n")
                }
            case "rpcinfo":
                let registrations = try await prober.registrations(server: args.server)
                if args.json {
                    printJSON(registrations)
                } else {
                    print("   program vers proto   port  service")
                    for r in registrations {
                        let name = RPCProgram.name(of: r.program) ?? ""
                        let proto = r.protocol.rawValue
                        let columns = [pad(r.program, 10), pad(r.version, 5), pad(proto, 6), pad(r.port, 7)]
                        print(columns.joined() + "  " + name)
                    }
                }
            case "ping":
                let outcome = await prober.pingNFS(server: args.server)
                var failed = false
                for version in outcome.keys.sorted() {
                    switch outcome[version]! {
                    case .success: print("nfs v\(version): answers")
                    case .failure(let error): print("nfs v\(version): \(error)"); failed = true
                    }
                }
                if failed { exit(3) }
            default:
                printError("nfs-probe-cli: unknown command '\(args.command)'\n")
                exit(2)
            }
        } catch {
            printError("\(error)\n")
            exit(3)
        }
    }

    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ argv: [String]) throws -> Arguments {
        var args = Arguments()
        var positional: [String] = []
        var i = 0
        func value(_ flag: String) throws -> String {
            i += 1
            guard i < argv.count else { throw UsageError(description: "\(flag) needs a value") }
            return argv[i]
        }
        while i < argv.count {
            let a = argv[i]
            switch a {
            case "--source": args.options.sourceAddress = try value(a)
            case "--timeout":
                guard let s = Double(try value(a)), s > 0 else { throw UsageError(description: "--timeout needs seconds > 0") }
                args.options.timeout = .milliseconds(Int(s * 1000))
            case "--json": args.json = true
            case "--port":
                guard let p = UInt16(try value(a)) else { throw UsageError(description: "--port needs a port number") }
                args.port = p
            case "--mount-version":
                guard let v = UInt32(try value(a)) else { throw UsageError(description: "--mount-version needs 1 or 3") }
                args.mountVersion = v
            case "--udp": args.transport = .udp
            default:
                if a.hasPrefix("--") { throw UsageError(description: "unknown option \(a)") }
                positional.append(a)
            }
            i += 1
        }
        guard positional.count == 2 else {
            throw UsageError(description: "usage: nfs-probe-cli exports|rpcinfo|ping SERVER [options]")
        }
        args.command = positional[0]
        args.server = positional[1]
        return args
    }

    static func printError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(2, &bytes, bytes.count)
    }

    static func pad(_ value: some CustomStringConvertible, _ width: Int) -> String {
        let text = value.description
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func printJSON<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(value) {
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
