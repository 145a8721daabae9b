import TextFormats

/// Turns the lines a file's readers could not place into warnings: one per run of such
/// lines (blank lines between them do not break a run), quoting the first, with file:line.
/// A file gets at most `limit` warnings, then one line saying how many more there were.
/// Every quoted line passes through `SecretRedactor`, read together with the lines just
/// above it (a terminal may have wrapped a device-config map inside its password).
struct WarningLog {
    static let limit = 50

    let path: String
    private(set) var messages: [String] = []
    private var suppressed = 0

    init(path: String) { self.path = path }

    mutating func add(_ message: String) {
        if messages.count < Self.limit { messages.append(message) } else { suppressed += 1 }
    }

    /// Lines above a quoted one that are read with it as one wrapped line.
    static let wrapContext = 4

    /// Reports `issues` (any order) found in the output of `command`. `secretOutput`: the
    /// command prints secrets themselves (`xe secret-list`), so no line of it is quoted.
    mutating func report(_ issues: [LineIssue], command: String, text: TranscriptText, secretOutput: Bool = false) {
        guard !issues.isEmpty else { return }
        let sorted = issues.sorted { $0.line < $1.line }
        var start = 0
        while start < sorted.count {
            var end = start
            while end + 1 < sorted.count, sorted[end + 1].reason == sorted[start].reason,
                  onlyBlankBetween(sorted[end].line, sorted[end + 1].line, text) {
                end += 1
            }
            let first = sorted[start]
            let shown = secretOutput ? SecretRedactor.placeholder : quote(first.line, text)
            var message = "\(path):\(first.line + 1): could not read \"\(shown)\" as output of `\(command)`"
            if let reason = first.reason { message += ": \(SecretRedactor.redactQuoted(reason))" }
            if end > start {
                message += " (and \(end - start) more such line\(end - start == 1 ? "" : "s") up to line \(sorted[end].line + 1))"
            }
            add(message)
            start = end + 1
        }
    }

    /// The line, shortened, with its secrets masked.
    private func quote(_ line: Int, _ text: TranscriptText) -> String {
        var preceding: [String] = []
        var above = line - 1
        while above >= 0, preceding.count < Self.wrapContext {
            let range = text.trimmed(text.lines[above])
            if range.isEmpty { break }
            // The end of a line is what a wrap continues; its start cannot matter here.
            preceding.insert(text.string(max(range.lowerBound, range.upperBound - 512)..<range.upperBound), at: 0)
            above -= 1
        }
        return SecretRedactor.redact(text.quoted(text.lines[line]), after: preceding)
    }

    private func onlyBlankBetween(_ first: Int, _ second: Int, _ text: TranscriptText) -> Bool {
        var line = first + 1
        while line < second {
            if !text.trimmed(text.lines[line]).isEmpty { return false }
            line += 1
        }
        return true
    }

    var all: [String] {
        suppressed == 0 ? messages : messages + ["\(path): \(suppressed) more warnings not listed"]
    }
}
