/// Escaping for XML 1.0 documents built as text.
///
/// Characters XML 1.0 cannot carry at all — C0 controls other than tab,
/// newline and carriage return, and U+FFFE/U+FFFF — cannot even be written
/// as character references, so they become U+FFFD (the replacement
/// character) rather than silently vanishing. Transcripts are untrusted
/// input; a stray escape byte must not make the whole report unreadable.
/// Shared by the JUnit reporter and XenAPI's XML-RPC encoder.
public enum XMLText {
    /// Element content: `&` and `<` must be escaped, `>` is escaped so `]]>`
    /// cannot appear; `\r` is kept as a reference because parsers would
    /// otherwise normalise it away.
    public static func content(_ text: String) -> String {
        escape(text, attribute: false)
    }

    /// Attribute values in double quotes: also `"` and `'`, and tab/newline
    /// as references so attribute-value normalisation keeps them.
    public static func attribute(_ text: String) -> String {
        escape(text, attribute: true)
    }

    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func escape(_ text: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&apos;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            default:
                out.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    /// For `xs:token` attributes (names): the validator collapses whitespace,
    /// so we do it first; then two names that look equal are equal.
    public static func token(_ text: String) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map { isAllowed($0) ? $0 : "\u{FFFD}" }))
        return cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .joined(separator: " ")
    }
}
