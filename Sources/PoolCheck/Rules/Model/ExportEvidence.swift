import Addressing
import NFSProbe

/// An NFS server's export list as some source showed it.
public struct ExportEvidence: Sendable {
    public var server: String
    public var exports: [NFSExport]
    public var origin: String
    /// Which mountd wrote the list: knfsd lists everything, ganesha only what the asker may mount.
    public var dialect: ExportsDialect
    /// The host whose own `showmount` this is, when it ran on a pool host.
    public var askedOnHost: String?
    /// The source address of a live query, when one was chosen.
    public var askedFrom: String?

    /// Whether an export missing from this list proves `host` may not mount it: the list was
    /// asked by the host itself, or the server lists every export.
    func absenceIsRefusal(for host: HostSubject) -> Bool {
        if askedOnHost == host.name { return true }
        if let from = askedFrom, from == host.storageAddress.map({ "\($0.address)" }) { return true }
        return !dialect.mayHideExports
    }
}

extension ExportEvidence {
    init(shownBy host: String, _ list: ExportList) {
        self.init(server: list.server, exports: list.exports, origin: "showmount -e \(list.server) on \(host)", dialect: .unknown,
                  askedOnHost: host, askedFrom: nil)
    }
}

extension RuleContext {
    /// The export list of `server`: asked over RPC if it was, else `showmount -e` as run
    /// on `host`, else as run on any host.
    public func exportEvidence(server: String, host: HostSubject?) -> ExportEvidence? {
        if let live = facts.nfsServers.first(where: { $0.server == server && $0.exports != nil }) {
            return ExportEvidence(server: server, exports: live.exports!,
                                  origin: "mountd on \(server)" + (live.askedFrom.map { ", asked from \($0)" } ?? ""),
                                  dialect: live.dialect.flatMap(ExportsDialect.init(rawValue:)) ?? .unknown,
                                  askedOnHost: nil, askedFrom: live.askedFrom)
        }
        if let observation = host?.observation, let list = observation.exportLists.last(where: { $0.server == server }) {
            return ExportEvidence(shownBy: observation.name, list)
        }
        return model.showmountLists[server].map { ExportEvidence(shownBy: $0.host, $0.list) }
    }

    /// Why the NFS server's exports could not be read, when a live probe was made and failed.
    public func nfsProbeFailure(server: String) -> ProbeFailure? {
        facts.probeFailures.first { $0.source.suppliesNFS && $0.target == server }
    }
}
