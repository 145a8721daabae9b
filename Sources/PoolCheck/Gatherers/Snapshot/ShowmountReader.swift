/// Reads `showmount -e SERVER` in the dialects admins paste:
/// - nfs-utils (Linux, Synology, QNAP): `Export list for SERVER:`, the path padded to the
///   longest one, then the client list as one word joined by commas, `(everyone)` for all;
/// - Solaris/illumos: `export list for SERVER:` in the same layout (`no exported file
///   systems for SERVER` when there are none);
/// - BSD/macOS: `Exports list on SERVER:`, the path padded to 34 columns, clients
///   separated by blanks, `Everyone` for all.
/// A path may hold blanks, so the columns decide where it ends (`ShowmountRow`). An export
/// printed with no client list keeps its path with clients unknown. Output read through a
/// filter (`| grep`) has no header: the server is the command line's, and the list is partial.
/// An RPC error (`clnt_create: RPC: Program not registered`) means the server was not
/// asked successfully: a probe failure, not an empty export list.
enum ShowmountReader {
    struct Result {
        var list: ExportList?
        var failure: String?
        var unplaced: [LineIssue] = []
    }

    static func read(_ text: TranscriptText, lines: [Int], server: String, filtered: Bool = false) -> Result {
        var result = Result()
        var listedServer: String?
        var dialect: ShowmountRow.Dialect?
        var rows: [ShowmountRow] = []
        for line in lines {
            let range = text.trimmed(text.lines[line])
            if range.isEmpty { continue }
            let content = text.string(range)
            if let header = header(content) {
                listedServer = header.server
                dialect = header.dialect
                continue
            }
            if content.contains("RPC:") || content.hasPrefix("clnt_create") || content.hasPrefix("showmount:") {
                result.failure = result.failure.map { $0 + "; " + content } ?? content
                continue
            }
            let words = text.words(range)
            guard listedServer != nil || filtered, let first = words.first, text.bytes[first.lowerBound] == UInt8(ascii: "/") else {
                result.unplaced.append(LineIssue(line))
                continue
            }
            rows.append(ShowmountRow(text, line: line, words: words))
        }
        // A filter that kept no line, beside an RPC error, says nothing about the exports.
        guard listedServer != nil || (filtered && (result.failure == nil || !rows.isEmpty)) else { return result }
        let layout = dialect ?? (rows.contains(where: \.isBSDOnly) ? .bsd : .commaJoined)
        let readings = ShowmountRow.read(rows, dialect: layout)
        var exports: [Export] = []
        var withoutClients: [String] = []
        for reading in readings {
            if let groups = reading.groups {
                exports.append(Export(path: reading.path, groups: groups))
            } else {
                withoutClients.append(reading.path)
            }
        }
        let name = listedServer.flatMap { $0.isEmpty ? nil : $0 } ?? server
        result.list = ExportList(server: name, exports: exports, via: "showmount",
                                 pathsWithoutClients: withoutClients.isEmpty ? nil : withoutClients,
                                 partial: filtered ? true : nil)
        return result
    }

    /// The header line of each dialect, with the server it names.
    private static func header(_ content: String) -> (server: String, dialect: ShowmountRow.Dialect)? {
        for (lead, dialect) in [("Export list for ", ShowmountRow.Dialect.commaJoined), ("export list for ", .commaJoined),
                                ("Exports list on ", .bsd)] where content.hasPrefix(lead) && content.hasSuffix(":") {
            return (String(content.dropFirst(lead.count).dropLast()), dialect)
        }
        // Solaris/illumos prints this instead of an empty list.
        if content.hasPrefix("no exported file systems for ") {
            return (String(content.dropFirst("no exported file systems for ".count)), .commaJoined)
        }
        return nil
    }
}
