/// `showmount -e` as each client OS prints the same export table (layouts from each
/// showmount.c; see Tests/SOURCES-os-commands.md). The renderings rotate the dialects
/// over the hosts, so every mutation's NFS verdicts are read through all three.
enum ShowmountDialect: CaseIterable {
    /// nfs-utils (Linux, XenServer's dom0): paths padded to the longest, clients joined by commas.
    case nfsUtils
    /// Solaris/illumos: lowercase header, same layout; an empty list is one sentence.
    case solaris
    /// FreeBSD/macOS: paths padded to 34 columns, clients each followed by a blank, `Everyone`.
    case bsd

    /// `grep`: keep only the lines holding it (as `| grep` does); `clients: false`: paths only.
    func render(server: String, _ table: ExportTable?, grep: String? = nil, clients: Bool = true) -> String {
        let lines = render(server: server, table, clients: clients).split(separator: "\n", omittingEmptySubsequences: false)
        guard let grep else { return lines.joined(separator: "\n") }
        return lines.filter { $0.contains(grep) }.joined(separator: "\n")
    }

    private func render(server: String, _ table: ExportTable?, clients shown: Bool) -> String {
        let exports = table?.exports ?? []
        let width = exports.map { $0.path.utf8.count }.max() ?? 0
        func padded(_ path: String, to width: Int) -> String {
            path + String(repeating: " ", count: max(0, width - path.utf8.count))
        }
        switch self {
        case .nfsUtils, .solaris:
            if self == .solaris && exports.isEmpty { return "no exported file systems for \(server)" }
            let header = self == .solaris ? "export list for \(server):" : "Export list for \(server):"
            return ([header] + exports.map { export in
                padded(export.path, to: width) + " "
                    + (!shown ? "" : export.clients.isEmpty ? "(everyone)" : export.clients.joined(separator: ","))
            }).joined(separator: "\n")
        case .bsd:
            return (["Exports list on \(server):"] + exports.map { export in
                let open = export.clients.isEmpty || export.clients == ["*"]
                return padded(export.path, to: 34) + " " + (!shown ? "" : open ? "Everyone" : export.clients.map { $0 + " " }.joined())
            }).joined(separator: "\n")
        }
    }

    /// The dialect host number `index` prints in a rendering; `shift` rotates it per rendering.
    static func rotating(_ index: Int, shift: Int) -> ShowmountDialect {
        allCases[(index + shift) % allCases.count]
    }
}
