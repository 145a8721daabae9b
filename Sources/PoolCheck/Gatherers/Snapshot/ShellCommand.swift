import TextFormats

/// A command line as typed after a prompt: split into words like a shell would (quotes,
/// backslashes), with its pipeline filters set apart. `$VARS` stay unexpanded.
struct ShellCommand: Sendable, Equatable {
    /// Words of the first pipeline stage, quotes removed, `sudo` and redirections dropped.
    var words: [String]
    /// Program names of the later pipeline stages (`grep`, `head`, ...).
    var filters: [String]
    /// Several commands in one line (`;`, `&&`, `||`): their outputs cannot be told apart.
    var isCompound: Bool
    /// The command as typed, with passwords masked, for messages.
    var display: String

    /// Filters that pass every line through unchanged.
    private static let passThrough: Set<String> = ["cat", "less", "more", "tee"]

    /// True when a filter may have dropped lines, so absence in the output proves nothing.
    var isFiltered: Bool { filters.contains { !Self.passThrough.contains($0) } }

    /// The program's name without its directory (`/usr/sbin/showmount` -> `showmount`).
    var program: String? { words.first.map(Self.basename) }

    init(_ line: String) {
        var stages: [[String]] = [[]]
        var compound = false
        // A word's UTF-8 bytes, made a String once at its end (appending scalar by scalar
        // to a String was most of the cost of reading a command line).
        var word: [UInt8] = []
        var inWord = false
        var quote: Unicode.Scalar?
        var iterator = line.unicodeScalars.makeIterator()  // scalars: no grapheme breaking per character
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let held = pending { pending = nil; return held }
            return iterator.next()
        }
        func append(_ scalar: Unicode.Scalar) {
            if scalar.isASCII { word.append(UInt8(scalar.value)) } else { word.append(contentsOf: UTF8.encode(scalar)!) }
        }
        func endWord() {
            if inWord { stages[stages.count - 1].append(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
            inWord = false
        }
        while let character = next() {
            if let open = quote {
                if character == open { quote = nil } else if character == "\\" && open == "\"", let escaped = next() {
                    append(escaped)
                } else { append(character) }
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                inWord = true
            case "\\":
                if let escaped = next() { append(escaped); inWord = true }
            case " ", "\t":
                endWord()
            case "|":
                endWord()
                if let following = next() {
                    if following == "|" { compound = true } else if following != "&" { pending = following }
                }
                stages.append([])
            case ";":
                endWord()
                compound = true
            case "&":
                endWord()
                if let following = next() {
                    if following == "&" { compound = true } else { pending = following }
                }
            default:
                append(character)
                inWord = true
            }
        }
        endWord()
        let cleaned = stages.map(Self.dropNoise)
        words = cleaned[0]
        filters = cleaned.dropFirst().compactMap { $0.first.map(Self.basename) }
        isCompound = compound
        display = ""
        display = Self.masked(line, secretCommand: printsSecrets)
    }

    /// Drops `sudo`, `env`-style prefixes and redirections (`2>&1`, `>/dev/null`).
    private static func dropNoise(_ stage: [String]) -> [String] {
        var words = stage
        while let first = words.first, first == "sudo" || first == "command" || first == "time" {
            words.removeFirst()
        }
        var result: [String] = []
        var skipNext = false
        for word in words {
            if skipNext { skipNext = false; continue }
            let stripped = word.drop { $0.isNumber }
            if stripped.hasPrefix(">") || stripped.hasPrefix("<") {
                if stripped == ">" || stripped == ">>" || stripped == "<" { skipNext = true }
                continue
            }
            result.append(word)
        }
        return result
    }

    static func basename(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `xe secret-list` and the like print the secrets themselves: none of their output may be quoted.
    var printsSecrets: Bool {
        program == "xe" && words.contains { $0.hasPrefix("secret-") }
    }

    /// The line with `-pw X`, `password=X`, `master-password=X` and every other secret
    /// masked by `SecretRedactor`, so no secret reaches a report.
    /// In `xe secret-create value=X` the value is the secret itself.
    static func masked(_ line: String, secretCommand: Bool = false) -> String {
        SecretRedactor.redact(line, alsoSecret: secretCommand ? ["value"] : [])
    }
}
