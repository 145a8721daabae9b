/// Reads `showmount -e SERVER`: `Export list for SERVER:` then `path client,client` lines.
/// knfsd's mountd prints `(everyone)` for an export open to all: kept as `*`.
/// An RPC error (`clnt_create: RPC: Program not registered`) means the server was not
/// asked successfully: a probe failure, not an empty export list.
enum ShowmountReader {
    struct Result {
        var list: ExportList?
        var failure: String?
        var unplaced: [LineIssue] = []
    }

    static func read(_ text: TranscriptText, lines: [Int], server: String) -> Result {
        var result = Result()
        var exports: [Export] = []
        var listedServer: String?
        for line in lines {
            let range = text.trimmed(text.lines[line])
            if range.isEmpty { continue }
            let content = text.string(range)
            if content.hasPrefix("Export list for "), content.hasSuffix(":") {
                listedServer = String(content.dropFirst("Export list for ".count).dropLast())
                continue
            }
            if content.contains("RPC:") || content.hasPrefix("clnt_create") || content.hasPrefix("showmount:") {
                result.failure = result.failure.map { $0 + "; " + content } ?? content
                continue
            }
            let words = text.words(range).map { text.string($0) }
            guard listedServer != nil, words.count >= 2, words[0].hasPrefix("/") else {
                result.unplaced.append(LineIssue(line))
                continue
            }
            let groups = words.dropFirst().joined(separator: ",").split(separator: ",").map { group in
                group == "(everyone)" ? "*" : String(group)
            }
            exports.append(Export(path: words[0], groups: groups))
        }
        if let listedServer {
            result.list = ExportList(server: listedServer.isEmpty ? server : listedServer, exports: exports, via: "showmount")
        }
        return result
    }
}
