import Addressing

/// One export line of `showmount -e`, split into path and client list by its columns.
/// A path may contain blanks (`/volume1/Plex Media`), client specs never do, and every
/// showmount pads the path to a column: nfs-utils and illumos to the longest path (so
/// the client lists of all lines start at one column), BSD to 34 characters.
struct ShowmountRow {
    enum Dialect {
        /// nfs-utils, Solaris/illumos: the client list is one word joined by commas.
        case commaJoined
        /// FreeBSD, macOS, NetBSD, OpenBSD: clients separated by blanks, `Everyone` for all.
        case bsd
    }

    /// A path, with its client specs or nil when the line shows none.
    struct Reading: Equatable {
        var path: String
        var groups: [String]?
    }

    let line: Int
    /// Each word with its column (bytes from the line's first word, as printf padded it).
    let words: [(text: String, column: Int)]

    init(_ text: TranscriptText, line: Int, words: [Range<Int>]) {
        self.line = line
        let start = words.first?.lowerBound ?? 0
        self.words = words.map { (text.string($0), $0.lowerBound - start) }
    }

    var lastWord: String? { words.last?.text }

    /// A line only BSD prints: `Everyone`, or two client specs separated by a blank (other
    /// dialects join clients with commas into one word). Tells a headerless (grep'd) list's dialect.
    var isBSDOnly: Bool {
        lastWord == "Everyone" || words.dropFirst().reversed().prefix { Self.looksLikeClientList($0.text) }.count >= 2
    }

    /// BSD pads the path to 34 characters and a blank (35 in some releases): a word that
    /// starts before that column is still the path.
    private static let bsdClientColumn = 34

    static func read(_ rows: [ShowmountRow], dialect: Dialect) -> [Reading] {
        switch dialect {
        case .bsd:
            return rows.map(bsdReading)
        case .commaJoined:
            let column = sharedClientColumn(rows)
            return rows.map { commaReading($0, clientColumn: column) }
        }
    }

    /// The column where two or more lines' last words start: the client list's column.
    private static func sharedClientColumn(_ rows: [ShowmountRow]) -> Int? {
        var counts: [Int: Int] = [:]
        for row in rows where row.words.count >= 2 { counts[row.words.last!.column, default: 0] += 1 }
        return counts.filter { $0.value >= 2 }.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
    }

    private static func commaReading(_ row: ShowmountRow, clientColumn: Int?) -> Reading {
        let whole = row.path(upTo: row.words.count)
        guard row.words.count >= 2, let last = row.words.last else { return Reading(path: whole, groups: nil) }
        // A word that can be nothing but a client list is one; a bare word (`Media`, `xenhost`)
        // only where the other lines' client lists start too. Else it ends a path with blanks.
        guard looksLikeClientList(last.text) || last.column == clientColumn else { return Reading(path: whole, groups: nil) }
        let groups = last.text.split(separator: ",").map { $0 == "(everyone)" ? "*" : String($0) }
        return Reading(path: row.path(upTo: row.words.count - 1), groups: groups)
    }

    private static func bsdReading(_ row: ShowmountRow) -> Reading {
        // The path's words start before the client column; a first word longer than the column is the whole path.
        let pathWords = max(1, row.words.prefix { $0.column < bsdClientColumn }.count)
        let clients = row.words.dropFirst(pathWords).map { $0.text }
        guard !clients.isEmpty else { return Reading(path: row.path(upTo: pathWords), groups: nil) }
        return Reading(path: row.path(upTo: pathWords), groups: clients == ["Everyone"] ? ["*"] : clients)
    }

    /// The first `count` words with the blanks between them as printed.
    private func path(upTo count: Int) -> String {
        var path = ""
        var end = 0
        for word in words.prefix(count) {
            if !path.isEmpty { path += String(repeating: " ", count: max(1, word.column - end)) }
            path += word.text
            end = word.column + word.text.utf8.count
        }
        return path
    }

    /// A word that is a client list beyond doubt: every element is `*`, `(everyone)`, a
    /// netgroup, an address or network, or a dotted host name or wildcard. A bare word
    /// (`Media`, `2019`) might as well end a path, so alone it proves nothing.
    static func looksLikeClientList(_ word: String) -> Bool {
        let elements = word.split(separator: ",", omittingEmptySubsequences: false)
        return !elements.isEmpty && elements.allSatisfy { element in
            let spec = String(element)
            if spec == "*" || spec == "(everyone)" || (spec.hasPrefix("@") && spec.count > 1) { return true }
            if spec.hasPrefix("/") || spec.isEmpty { return false }
            if IPAddress(spec) != nil || (try? Subnet(parsing: spec)) != nil { return true }
            let hostCharacters = spec.allSatisfy { $0.isLetter || $0.isNumber || "-.*?[]_".contains($0) }
            return hostCharacters && (spec.contains(".") || spec.contains("*") || spec.contains("?"))
        }
    }
}
