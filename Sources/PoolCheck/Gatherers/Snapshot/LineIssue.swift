/// An output line a reader could not place, with why when there is more to say than
/// "this is not what the command prints".
struct LineIssue: Sendable, Equatable {
    /// Index into `TranscriptText.lines`.
    var line: Int
    var reason: String?

    init(_ line: Int, _ reason: String? = nil) {
        self.line = line
        self.reason = reason
    }
}
