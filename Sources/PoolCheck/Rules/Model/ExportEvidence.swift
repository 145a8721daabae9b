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
    /// Read through a filter (`| grep`): an export it does not show may exist.
    public var partial = false
    /// Paths shown without their client list.
    public var pathsWithoutClients: [String] = []

    /// What the list shows for `path`: the export covering it (the deepest one decides),
    /// an export whose clients were not shown, or nothing.
    public enum Coverage {
        case export(NFSExport)
        case clientsUnknown(path: String)
        case absent
    }

    public func coverage(of path: String) -> Coverage {
        let known = exports.export(covering: path)
        let unknown = pathsWithoutClients.map { NFSExport(path: $0, groups: []) }.export(covering: path)
        func depth(_ export: NFSExport) -> Int { export.path.split(separator: "/").filter { $0 != "." }.count }
        if let unknown, known.map({ depth(unknown) >= depth($0) }) ?? true { return .clientsUnknown(path: unknown.path) }
        return known.map(Coverage.export) ?? .absent
    }

    /// Why an absent export proves nothing here, or nil when it proves what `absenceIsRefusal` says.
    public var absenceUnproven: String? {
        if partial { return "\(origin) was read through a filter (`| grep`), so an export it does not show may exist" }
        if !pathsWithoutClients.isEmpty {
            return "\(origin) lists \(pathsWithoutClients.joined(separator: ", ")) without a client list, so it may be incomplete"
        }
        return nil
    }

    /// The commands that show an export's client list.
    public static func clientListCommands(server: String) -> String {
        "run `poolcheck exports \(server)` or use --nfs \(server) (mountd over RPC), or `exportfs -v` on the server"
    }

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
                  askedOnHost: host, askedFrom: nil, partial: list.partial == true,
                  pathsWithoutClients: list.pathsWithoutClients ?? [])
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
        // The host's own showmount, unless it is inconclusive and another host's list is not.
        let pooled = model.showmountLists[server]
        if let observation = host?.observation, let list = observation.exportLists.last(where: { $0.server == server }),
           list.isConclusive || pooled.map({ !$0.list.isConclusive }) ?? true {
            return ExportEvidence(shownBy: observation.name, list)
        }
        return pooled.map { ExportEvidence(shownBy: $0.host, $0.list) }
    }

    /// Why the NFS server's exports could not be read, when a live probe was made and failed.
    public func nfsProbeFailure(server: String) -> ProbeFailure? {
        facts.probeFailures.first { $0.source.suppliesNFS && $0.target == server }
    }
}
