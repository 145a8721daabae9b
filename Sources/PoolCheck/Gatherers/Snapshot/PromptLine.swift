/// A shell prompt line of a transcript: `[root@xs-1 ~]# xe host-list`, `[admin@xs-1 ~]$ ...`,
/// XCP-ng's `[10:38 xcp-1 ~]# ...` (its PS1 starts with the time), the Debian form
/// `root@xs-1:~# ...` and the bare `xs-1~#xe ...`. Gives the host the command ran on and
/// the command. A prompt whose host was cut out (`[root@ ~]#`, `[@ ~]#`) is still a prompt,
/// with no host: poolcheck never guesses one.
struct PromptLine: Sendable, Equatable {
    /// The host the prompt names; nil when the prompt shows none (redacted).
    var host: String?
    /// The command text, trimmed; empty for a bare prompt.
    var command: Range<Int>

    /// Reads `range` (already trimmed) as a prompt, or returns nil.
    static func parse(_ text: TranscriptText, _ range: Range<Int>) -> PromptLine? {
        guard !range.isEmpty else { return nil }
        if text.bytes[range.lowerBound] == UInt8(ascii: "[") {
            return bracketed(text, range)
        }
        return bare(text, range)
    }

    /// `[user@host dir]# cmd` (Red Hat, XenServer dom0), `[host dir]$ cmd`,
    /// `[HH:MM host dir]# cmd` (XCP-ng) and `[user@ dir]# cmd` (host redacted).
    private static func bracketed(_ text: TranscriptText, _ range: Range<Int>) -> PromptLine? {
        guard let close = text.firstIndex(of: UInt8(ascii: "]"), in: range) else { return nil }
        let inside = (range.lowerBound + 1)..<close
        var index = close + 1
        while index < range.upperBound && text.bytes[index] == 32 { index += 1 }
        guard let rest = commandAfterSigil(text, index..<range.upperBound) else { return nil }
        guard let host = hostName(text, inside) else { return nil }
        switch host {
        case .named(let name): return PromptLine(host: name, command: rest)
        case .redacted: return PromptLine(host: nil, command: rest)
        }
    }

    /// `user@host:dir# cmd`, `host:dir# cmd` or `host~# cmd`: the first word ends with the
    /// sigil (or the sigil is followed straight by the command, `host~#xe ...`).
    private static func bare(_ text: TranscriptText, _ range: Range<Int>) -> PromptLine? {
        var sigil = range.lowerBound
        while sigil < range.upperBound {
            let byte = text.bytes[sigil]
            if TranscriptText.isSpace(byte) { return nil }
            if byte == UInt8(ascii: "#") || byte == UInt8(ascii: "$") { break }
            sigil += 1
        }
        guard sigil < range.upperBound, sigil - range.lowerBound >= 3,
              let command = commandAfterSigil(text, sigil..<range.upperBound) else { return nil }
        let word = range.lowerBound..<sigil
        // Without a blank after the sigil only a home-folder prompt (`xs-1~#xe`, `xs-1:~#xe`)
        // counts: `http://host/page#anchor` in some output is no prompt.
        if sigil + 1 < range.upperBound, !TranscriptText.isSpace(text.bytes[sigil + 1]) {
            guard let tilde = text.firstIndex(of: UInt8(ascii: "~"), in: word),
                  text.firstIndex(of: UInt8(ascii: "/"), in: word.lowerBound..<tilde) == nil else { return nil }
        }
        var start = word.lowerBound
        if let at = text.firstIndex(of: UInt8(ascii: "@"), in: word) {
            guard at > word.lowerBound else { return nil }
            start = at + 1
        }
        // The host ends at `:` (then the folder) or `~` (the home folder, no colon).
        var end = start
        while end < word.upperBound, text.bytes[end] != UInt8(ascii: ":"), text.bytes[end] != UInt8(ascii: "~") { end += 1 }
        guard end < word.upperBound, end > start else { return nil }
        let host = text.string(start..<end)
        guard isPlausibleHost(host) else { return nil }
        return PromptLine(host: host, command: command)
    }

    /// At the sigil: `#` or `$`, then nothing, a blank and the command, or the command
    /// straight after (`#xe host-list`: some prompts end without a space).
    private static func commandAfterSigil(_ text: TranscriptText, _ range: Range<Int>) -> Range<Int>? {
        guard let first = range.first else { return nil }
        let sigil = text.bytes[first]
        guard sigil == UInt8(ascii: "#") || sigil == UInt8(ascii: "$") else { return nil }
        let after = (first + 1)..<range.upperBound
        if after.isEmpty { return after }
        let next = text.bytes[after.lowerBound]
        guard TranscriptText.isSpace(next) || startsCommand(next) else { return nil }
        return text.trimmed(after)
    }

    /// A command typed without a blank after the sigil starts with a letter or a path.
    private static func startsCommand(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "/"), UInt8(ascii: "."): true
        default: false
        }
    }

    /// Inside the brackets: `user@host dir`, `host dir`, `user@host:dir`, `HH:MM host dir`
    /// or `HH:MM:SS user@host dir`. An empty host (`root@ ~`, `@ ~`) is a redacted prompt:
    /// `name` nil. Nil when the text is no prompt at all (`[1]+ Done`).
    private static func hostName(_ text: TranscriptText, _ inside: Range<Int>) -> HostPart? {
        var words = text.words(inside)
        if let first = words.first, isClockTime(text.string(first)) { words.removeFirst() }
        guard let first = words.first else { return nil }
        var start = first.lowerBound
        if let at = text.firstIndex(of: UInt8(ascii: "@"), in: first) {
            start = at + 1
            // `[root@ ~]`: the host is gone; the folder word after it is not a host.
            if start == first.upperBound { return .redacted }
        }
        var end = start
        while end < first.upperBound && text.bytes[end] != UInt8(ascii: ":") { end += 1 }
        guard end > start else { return nil }
        let host = text.string(start..<end)
        return isPlausibleHost(host) ? .named(host) : nil
    }

    private enum HostPart { case named(String), redacted }

    /// `10:38` or `10:38:07`: XCP-ng's PS1 shows the time before the host.
    private static func isClockTime(_ word: String) -> Bool {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return false }
        return parts.allSatisfy { part in (1...2).contains(part.utf8.count) && part.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
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
