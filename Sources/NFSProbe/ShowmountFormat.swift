/// Renders an export list exactly as `showmount -e` (nfs-utils) prints it,
/// so tests and users can compare the two line by line.
public enum ShowmountFormat {
    public static func render(server: String, exports: [NFSExport]) -> String {
        var out = "Export list for \(server):\n"
        let width = exports.map { $0.path.utf8.count }.max() ?? 0
        for export in exports {
            let pad = String(repeating: " ", count: max(0, width - export.path.utf8.count))
            let groups = export.groups.isEmpty ? "(everyone)" : export.groups.joined(separator: ",")
            out += "\(export.path)\(pad) \(groups)\n"
        }
        return out
    }
}
