import Addressing
import Foundation
import NFSProbe
import TrafficProbe

/// A capture to read or take: `[HOST:]IFACE=FILE` (offline) or `[HOST:]IFACE` (live).
public struct CaptureSpec: Sendable, Equatable {
    public var host: String?
    /// A device or bridge name as the facts know it, or the word `management` or `storage`.
    public var interface: String
    public var file: String?

    /// Parses the command line's `[HOST:]IFACE=FILE` (file required) or `[HOST:]IFACE`.
    public init(parsing text: String, needsFile: Bool) throws {
        var rest = Substring(text)
        var file: String?
        if let equals = rest.firstIndex(of: "=") {
            file = String(rest[rest.index(after: equals)...])
            rest = rest[..<equals]
        }
        if needsFile && (file ?? "").isEmpty {
            throw InputError(file: text, line: nil, "expected [HOST:]IFACE=FILE, e.g. xs-1:xenbr0=mgmt.pcap")
        }
        if !needsFile && file != nil { throw InputError(file: text, line: nil, "expected [HOST:]IFACE, e.g. xenbr2") }
        let parts = rest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        host = parts.count == 2 ? parts[0] : nil
        interface = parts.last ?? ""
        guard !interface.isEmpty, host?.isEmpty != true else {
            throw InputError(file: text, line: nil, "expected [HOST:]IFACE\(needsFile ? "=FILE" : "")")
        }
        self.file = file
    }
}

/// Turns captures into traffic facts: which storage packets crossed which interface.
public enum TrafficGatherer {
    /// What the analysis needs from the other facts: the NFS server's address, its mountd
    /// port as rpcbind reported it (never assumed), and the MTU the sizes are judged against.
    static func options(facts: Facts, plan: Plan?) -> TrafficAnalysisOptions {
        let pool = PoolModel(facts: facts, plan: plan, phase: .audit)
        let server = pool.nfsServer?.address
        let mountd = facts.nfsServers.first { $0.server == server }?.services?
            .first { $0.program == RPCProgram.mountd && $0.protocol == .tcp }?.port
        let mtu = plan?.storage?.mtu ?? pool.hosts.lazy.compactMap { $0.storagePIF?.MTU }.first
        return TrafficAnalysisOptions(storageServer: server.flatMap(IPAddress.init).map { StorageServer(address: $0, mountdPort: mountd) },
                                      mtu: mtu)
    }

    /// Offline: each file as captured on its interface. A file that is not a readable
    /// capture is bad input (one line naming it); an empty capture is a fact (no packets).
    public static func read(_ specs: [CaptureSpec], facts: Facts, plan: Plan?) throws -> [TrafficObservation] {
        let options = options(facts: facts, plan: plan)
        return try specs.map { spec in
            do {
                return try TrafficAnalysis.analyzeFile(spec.file!, interface: spec.interface, host: spec.host, options: options)
            } catch {
                throw InputError(file: spec.file!, line: nil, "\(error)")
            }
        }
    }

    /// Live: captures on the interfaces for `duration` while poolcheck itself asks the NFS
    /// server (an rpcbind query and a TCP connect to 2049), so the window is never empty by
    /// chance. Interfaces that cannot be opened become CaptureProblems; the run goes on.
    public static func capture(_ specs: [CaptureSpec], duration: Duration, facts: Facts, plan: Plan?,
                               probeOptions: NFSProbeOptions) async -> Facts {
        var result = Facts()
        var options = options(facts: facts, plan: plan)
        // Ask rpcbind for mountd's port before the window, so the capture counts it.
        if let server = options.storageServer, options.storageServer?.mountdPort == nil,
           let registrations = try? await NFSProber(options: probeOptions).registrations(server: "\(server.address)") {
            options.storageServer?.mountdPort = registrations.first { $0.program == RPCProgram.mountd && $0.protocol == .tcp }?.port
        }
        let byHost = Dictionary(grouping: specs) { $0.host ?? "" }
        for (host, group) in byHost.sorted(by: { $0.key < $1.key }) {
            let capture = LiveTrafficCapture(interfaces: group.map(\.interface), host: host.isEmpty ? nil : host, options: options)
            async let report = capture.run(for: duration)
            if let server = options.storageServer {
                // Probe traffic inside the window: a TCP connect (and NULL call) to 2049, and rpcbind.
                async let nfs: Void? = try? await NFSProber(options: probeOptions)
                    .ping(server: "\(server.address)", program: RPCProgram.nfs, version: 3, port: StorageServer.nfsPort)
                _ = await NFSGatherer.gather(server: "\(server.address)", options: probeOptions)
                _ = await nfs
            }
            for entry in await report.interfaces {
                if let observation = entry.observation { result.traffic.append(observation) }
                if let failure = entry.failure {
                    result.captureProblems.append(CaptureProblem(host: host.isEmpty ? nil : host, interface: entry.interface,
                                                                 kind: failure.kind, message: failure.message))
                }
            }
        }
        return result
    }
}
