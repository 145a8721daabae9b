import NFSProbe

/// The text of `poolcheck exports`: showmount's list with a verdict line per client,
/// then rpcinfo's table.
enum ExportsText {
    static func render(_ report: ExportsReport, dialect: ExportsDialect) -> String {
        var lines = ["Export list for \(report.server) (\(dialect.rawValue) mountd):"]
        for export in report.exports {
            lines.append("\(export.path) \(export.groups.isEmpty ? "(everyone)" : export.groups.joined(separator: ","))")
            for client in export.clients {
                lines.append("    \(client.address): \(client.verdict.rawValue)" + (client.group.map { " via \($0)" } ?? ""))
            }
        }
        if dialect.mayHideExports {
            lines.append("(this server lists only the exports its asker may mount)")
        }
        lines.append("")
        lines.append("   program vers proto   port  service")
        for service in report.services {
            let columns = [padded(String(service.program), 10), padded(String(service.version), 4),
                           padded(service.protocol.rawValue, 5), padded(String(service.port), 6)]
            lines.append(columns.joined(separator: " ") + "  " + (RPCProgram.name(of: service.program) ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    /// Right-aligned in `width` columns, as printf's %Nu.
    static func padded(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
