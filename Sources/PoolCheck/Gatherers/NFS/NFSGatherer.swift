import NFSProbe

/// Asks an NFS server itself, as XenServer's SR code does before it mounts: rpcbind's
/// registrations, mountd's export list, and a NULL call to nfsd v3 and v4.
public enum NFSGatherer {
    public static func gather(server: String, options: NFSProbeOptions) async -> Facts {
        let prober = NFSProber(options: options)
        var facts = Facts(sources: [EvidenceSource(kind: .nfs, label: "nfs:\(server)")])
        let address: String
        do {
            address = try await prober.address(of: server)
        } catch {
            facts.probeFailures.append(ProbeFailure(target: server, source: .nfs, message: error.description))
            return facts
        }
        // Failures name the server as the user wrote it, with the address asked.
        let label = address == server ? server : "\(server) (\(address))"
        let registrations: [RPCRegistration]
        do {
            registrations = try await prober.registrations(server: address)
        } catch {
            facts.probeFailures.append(ProbeFailure(target: server, source: .nfs, message: error.naming(label).description))
            return facts
        }
        let dialect = ExportsDialect.detect(registrations: registrations)
        var server = NFSServerFacts(server: server, askedFrom: options.sourceAddress, dialect: dialect.rawValue,
                                    services: registrations)
        do {
            let listing = try await prober.exports(server: address)
            server.exports = listing.exports
        } catch {
            facts.probeFailures.append(ProbeFailure(target: server.server, source: .nfsExports,
                                                    message: error.naming(label).description))
        }
        var replies: [String: Bool] = [:]
        for (version, outcome) in await prober.pingNFS(server: address) {
            if case .success = outcome { replies[String(version)] = true } else { replies[String(version)] = false }
        }
        server.nfsNullReplies = replies
        facts.nfsServers.append(server)
        return facts
    }
}
