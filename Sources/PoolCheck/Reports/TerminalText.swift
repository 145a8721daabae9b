/// Makes untrusted text (transcript lines, host names) safe to print:
/// control characters — above all ESC, which could drive the terminal —
/// become U+FFFD, so only the reporter's own colour codes reach the screen.
enum TerminalText {
    /// One line: newlines and tabs become spaces.
    static func line(_ text: String) -> String {
        clean(text, keepNewlines: false)
    }

    /// Several lines, each continuation indented by `indent`.
    static func block(_ text: String, indent: String) -> String {
        let cleaned = clean(text, keepNewlines: true)
        guard cleaned.utf8.contains(0x0A) else { return cleaned }
        return cleaned.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + indent)
    }

    private static func clean(_ text: String, keepNewlines: Bool) -> String {
        // Printable ASCII needs no change: most report text, and a big pool's report is
        // thousands of lines (rebuilt scalar by scalar, they cost 8% of a 4,000-host audit).
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar.value {
            case 0x0A:
                if previous == "\r" { continue }  // \r\n already emitted
                out.append(keepNewlines ? "\n" : " ")
            case 0x0D: out.append(keepNewlines ? "\n" : " ")
            case 0x09: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
