/// A shell prompt line of a transcript: `[root@xs-1 ~]# xe host-list`, `[admin@xs-1 ~]$ ...`,
/// or the Debian form `root@xs-1:~# ...`. Gives the host the command ran on and the command.
struct PromptLine: Sendable, Equatable {
    var host: String
    /// The command text, trimmed; empty for a bare prompt.
    var command: Range<Int>

    /// Reads `range` (already trimmed) as a prompt, or returns nil.
    static func parse(_ text: TranscriptText, _ range: Range<Int>) -> PromptLine? {
        guard !range.isEmpty else { return nil }
        if text.bytes[range.lowerBound] == UInt8(ascii: "[") {
            return bracketed(text, range)
        }
        return userAtHost(text, range)
    }

    /// `[user@host dir]# cmd` (Red Hat, XenServer dom0) and `[host dir]$ cmd`.
    private static func bracketed(_ text: TranscriptText, _ range: Range<Int>) -> PromptLine? {
        guard let close = text.firstIndex(of: UInt8(ascii: "]"), in: range) else { return nil }
        let inside = (range.lowerBound + 1)..<close
        var index = close + 1
        while index < range.upperBound && text.bytes[index] == 32 { index += 1 }
        guard let rest = commandAfterSigil(text, index..<range.upperBound) else { return nil }
        guard let host = hostName(text, inside) else { return nil }
        return PromptLine(host: host, command: rest)
    }

    /// `user@host:dir# cmd`: the first word holds `@` and ends with the prompt sigil.
    private static func userAtHost(_ text: TranscriptText, _ range: Range<Int>) -> PromptLine? {
        var end = range.lowerBound
        while end < range.upperBound && !TranscriptText.isSpace(text.bytes[end]) { end += 1 }
        guard end - range.lowerBound >= 4 else { return nil }
        let sigil = text.bytes[end - 1]
        guard sigil == UInt8(ascii: "#") || sigil == UInt8(ascii: "$") else { return nil }
        let word = range.lowerBound..<(end - 1)
        guard let at = text.firstIndex(of: UInt8(ascii: "@"), in: word),
              let colon = text.firstIndex(of: UInt8(ascii: ":"), in: (at + 1)..<word.upperBound),
              colon > at + 1, at > word.lowerBound else { return nil }
        let host = text.string((at + 1)..<colon)
        guard isPlausibleHost(host) else { return nil }
        return PromptLine(host: host, command: text.trimmed(end..<range.upperBound))
    }

    /// After `]`: `#` or `$`, then nothing or a blank and the command.
    private static func commandAfterSigil(_ text: TranscriptText, _ range: Range<Int>) -> Range<Int>? {
        guard let first = range.first else { return nil }
        let sigil = text.bytes[first]
        guard sigil == UInt8(ascii: "#") || sigil == UInt8(ascii: "$") else { return nil }
        let after = (first + 1)..<range.upperBound
        if after.isEmpty { return after }
        guard TranscriptText.isSpace(text.bytes[after.lowerBound]) else { return nil }
        return text.trimmed(after)
    }

    /// `user@host dir` or `host dir` or `user@host:dir`: the host part.
    private static func hostName(_ text: TranscriptText, _ inside: Range<Int>) -> String? {
        var start = inside.lowerBound
        if let at = text.firstIndex(of: UInt8(ascii: "@"), in: inside) { start = at + 1 }
        var end = start
        while end < inside.upperBound {
            let byte = text.bytes[end]
            if TranscriptText.isSpace(byte) || byte == UInt8(ascii: ":") { break }
            end += 1
        }
        guard end > start else { return nil }
        let host = text.string(start..<end)
        return isPlausibleHost(host) ? host : nil
    }

    /// Host names are letters, digits, `-`, `_` and `.` (an all-digit name must be an
    /// address with dots): keeps job lines like `[1]+ Done` out.
    static func isPlausibleHost(_ host: String) -> Bool {
        guard !host.isEmpty, host.utf8.count <= 253 else { return false }
        var hasLetter = false, hasDot = false
        for byte in host.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): hasLetter = true
            case UInt8(ascii: "."): hasDot = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): break
            default: return false
            }
        }
        return hasLetter || hasDot
    }
}
