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

    @Option(help: ArgumentHelp("Deadline of each network step, in seconds.", valueName: "SECONDS"))
    var timeout: Double = 5

    @Flag(help: "Ask no server that was not named (the plan's NFS server is asked by default when no evidence lists its exports).")
    var offline = false

    var specs: [SourceSpec] {
        snapshots.map { .snapshot(path: $0) } + factsFiles.map { .facts(path: $0) } + nfsServers.map { .nfs(server: $0) }
    }

    func validate() throws {
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
    }

    func gather(plan: Plan? = nil) async throws -> Facts {
        let options = GatherOptions(timeout: .milliseconds(Int(timeout * 1000)), nfsSource: nfsSource, offline: offline)
        do {
            return try await Gathering.gather(specs, plan: plan, options: options)
        } catch {
            throw fail("\(error)")
        }
    }
}
