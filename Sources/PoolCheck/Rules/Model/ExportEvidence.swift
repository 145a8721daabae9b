/// An NFS server's export list as some source showed it.
public struct ExportEvidence: Sendable {
    public var server: String
    public var exports: [Export]
    public var origin: String
    /// nfs-ganesha lists only what the asker may mount: a missing export proves nothing.
    public var listsOnlyCallersExports: Bool
}

extension RuleContext {
    /// The export list of `server`: asked over RPC if it was, else `showmount -e` as run
    /// on `host`, else as run on any host.
    public func exportEvidence(server: String, host: HostSubject?) -> ExportEvidence? {
        if let live = facts.nfsServers.first(where: { $0.server == server && $0.exports != nil }) {
            return ExportEvidence(server: server, exports: live.exports!,
                                  origin: "mountd on \(server)" + (live.askedFrom.map { ", asked from \($0)" } ?? ""),
                                  listsOnlyCallersExports: live.dialect == "ganesha")
        }
        let views = (host?.view).map { [$0] + facts.views } ?? facts.views
        for view in views {
            if let list = view.exportLists.last(where: { $0.server == server }) {
                return ExportEvidence(server: server, exports: list.exports,
                                      origin: "showmount -e \(server) on \(view.name)", listsOnlyCallersExports: false)
            }
        }
        return nil
    }

    /// The failure of a live NFS probe of `server`, if one was made and failed.
    public func nfsProbeFailure(server: String) -> ProbeFailure? {
        facts.probeFailures.first { $0.source == "nfs" && $0.target == server }
    }
}
