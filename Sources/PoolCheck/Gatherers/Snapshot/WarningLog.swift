/// Turns the lines a file's readers could not place into warnings: one per run of such
/// lines (blank lines between them do not break a run), quoting the first, with file:line.
/// A file gets at most `limit` warnings, then one line saying how many more there were.
struct WarningLog {
    static let limit = 50

    let path: String
    private(set) var messages: [String] = []
    private var suppressed = 0

    init(path: String) { self.path = path }

    mutating func add(_ message: String) {
        if messages.count < Self.limit { messages.append(message) } else { suppressed += 1 }
    }

    /// Reports `issues` (any order) found in the output of `command`.
    mutating func report(_ issues: [LineIssue], command: String, text: TranscriptText) {
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
            var message = "\(path):\(first.line + 1): could not read \"\(text.quoted(text.lines[first.line]))\" as output of `\(command)`"
            if let reason = first.reason { message += ": \(reason)" }
            if end > start {
                message += " (and \(end - start) more such line\(end - start == 1 ? "" : "s") up to line \(sorted[end].line + 1))"
            }
            add(message)
            start = end + 1
        }
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
