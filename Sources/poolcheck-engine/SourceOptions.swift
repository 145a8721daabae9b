import ArgumentParser
import PoolCheck

/// Where facts come from (repeatable, merged).
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("snapshot"), help: ArgumentHelp("xe/ifconfig/showmount/mount transcripts: a file or a folder.", valueName: "PATH"))
    var snapshots: [String] = []

    @Option(name: .customLong("facts"), help: ArgumentHelp("Facts JSON written by `poolcheck facts`.", valueName: "FILE"))
    var factsFiles: [String] = []

    @Option(name: .customLong("nfs"), help: ArgumentHelp("Ask this NFS server's rpcbind/mountd/nfsd live (repeatable).", valueName: "SERVER"))
    var nfsServers: [String] = []

    @Option(name: .customLong("nfs-source"), help: ArgumentHelp("Ask NFS servers from this local address (a host's storage IP).", valueName: "IP"))
    var nfsSource: String?

    @Option(name: .customLong("pcap"), help: ArgumentHelp("A capture file taken on IFACE (a device, bridge, or the word management or storage) of HOST (repeatable).", valueName: "[HOST:]IFACE=FILE"))
    var pcaps: [String] = []

    @Option(name: .customLong("capture"), parsing: .upToNextOption,
            help: ArgumentHelp("Capture live on these interfaces of this machine for --duration seconds.", valueName: "[HOST:]IFACE"))
    var captures: [String] = []

    @Option(help: ArgumentHelp("Length of a live capture window, in seconds.", valueName: "SECONDS"))
    var duration: Double = 5

    @Option(help: ArgumentHelp("Deadline of each network step, in seconds.", valueName: "SECONDS"))
    var timeout: Double = 5

    @Flag(help: "Ask no server that was not named (the plan's NFS server is asked by default when no evidence lists its exports).")
    var offline = false

    @OptionGroup var xapi: XapiOptions

    var specs: [SourceSpec] {
        get throws {
            let files = snapshots.map { SourceSpec.snapshot(path: $0) } + factsFiles.map { .facts(path: $0) }
            let live = nfsServers.map { SourceSpec.nfs(server: $0) }
            let wire = try pcaps.map { SourceSpec.pcap(try CaptureSpec(parsing: $0, needsFile: true)) }
                + captures.map { SourceSpec.capture(try CaptureSpec(parsing: $0, needsFile: false)) }
            return files + live + wire
        }
    }

    /// True when no source at all was named.
    var isEmpty: Bool {
        snapshots.isEmpty && factsFiles.isEmpty && nfsServers.isEmpty && pcaps.isEmpty && captures.isEmpty && xapi.targets.isEmpty
    }

    func validate() throws {
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
        guard duration > 0, duration <= 3600 else { throw ValidationError("--duration must be between 0 and 3600 seconds") }
        do {
            _ = try specs
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// `xapiMode`: in preflight each `--xapi` host is asked on its own; in audit, the pool.
    /// XAPI comes first: the NFS server and captures are found from its facts.
    func gather(plan: Plan? = nil, xapiMode: XapiGatherer.Mode = .audit) async throws -> Facts {
        let fromXAPI = try await xapi.gather(mode: xapiMode)
        let options = GatherOptions(timeout: .milliseconds(Int(timeout * 1000)), nfsSource: nfsSource, offline: offline,
                                    captureDuration: .milliseconds(Int(duration * 1000)))
        do {
            return try await Gathering.gather(try specs, plan: plan, options: options, seed: fromXAPI)
        } catch {
            throw fail("\(error)")
        }
    }
}
