/// Reads a rule's `matches:` pattern before it reaches glibc's POSIX matcher: refuses what
/// POSIX would read differently from the ICU/Perl syntax users know (so nothing silently
/// changes meaning), rewrites the few escapes both understand the same way, and refuses
/// patterns whose expanded size would make matching slow.
struct PatternSyntax {
    /// The largest pattern, counting each counted repetition (`{n}`) as n copies. glibc's
    /// matcher costs about the value's length times this; at 1,000 a 10,000-character
    /// value takes under half a second even for the worst pattern measured.
    static let expandedSizeLimit = 1_000

    /// The pattern as POSIX ERE, or the reason it is refused.
    static func posix(_ pattern: String) -> Result<String, PatternRefusal> {
        var reader = PatternReader(Array(pattern))
        return Result { try reader.read() }.mapError { $0 as? PatternRefusal ?? PatternRefusal("\($0)") }
    }
}

struct PatternRefusal: Error, Equatable {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// One pass over the pattern: tracks group nesting and the expanded size of each atom.
private struct PatternReader {
    let characters: [Character]
    var index = 0
    var output = ""
    /// Per open group: the expanded size of its finished alternatives and of the current one.
    var groups: [(alternatives: Int, current: Int)] = [(0, 0)]
    /// The size of the last atom, which a following quantifier multiplies.
    var lastAtom = 0

    init(_ characters: [Character]) { self.characters = characters }

    mutating func read() throws -> String {
        while index < characters.count {
            let character = characters[index]
            index += 1
            switch character {
            case "\\": try escape()
            case "[": try bracket()
            case "(":
                if index < characters.count, characters[index] == "?" {
                    throw PatternRefusal("'(?' groups (non-capturing, flags, look-around) are not POSIX; write a plain group '(...)'")
                }
                groups.append((0, 0))
                output.append(character)
                lastAtom = 0
            case ")":
                guard groups.count > 1 else { throw PatternRefusal("')' at character \(index) closes no group") }
                let group = groups.removeLast()
                output.append(character)
                atom(max(group.alternatives + group.current, 1))
            case "|":
                groups[groups.count - 1].alternatives += groups[groups.count - 1].current
                groups[groups.count - 1].current = 0
                output.append(character)
                lastAtom = 0
            case "{": try countedRepetition()
            case "*", "+", "?":
                output.append(character)
            default:
                output.append(character)
                atom(1)
            }
        }
        guard groups.count == 1 else { throw PatternRefusal("a '(' is never closed") }
        let size = groups[0].alternatives + groups[0].current
        guard size <= PatternSyntax.expandedSizeLimit else {
            throw PatternRefusal("it expands to \(size) elements (counted repetitions multiply); poolcheck matches at most \(PatternSyntax.expandedSizeLimit) so the cost stays bounded")
        }
        return output
    }

    /// Adds an atom of `size` to the current alternative; a quantifier after it may multiply it.
    mutating func atom(_ size: Int) {
        groups[groups.count - 1].current += size
        lastAtom = size
    }

    mutating func escape() throws {
        guard index < characters.count else { throw PatternRefusal("it ends in a lone '\\'") }
        let character = characters[index]
        index += 1
        switch character {
        // Shared by ICU and glibc's POSIX matcher with the same meaning.
        case "w", "W", "s", "S", "b", "B": output += "\\\(character)"
        // POSIX has no \d: the bracket classes mean the same.
        case "d": output += "[0-9]"
        case "D": output += "[^0-9]"
        // Literal in ICU, word and buffer anchors in glibc: keep them literal.
        case "<", ">", "`", "'": output += "[\(character)]"
        case _ where character.isLetter || character.isNumber:
            throw PatternRefusal("'\\\(character)' is not supported (POSIX ERE with \\d \\w \\s \\b; no back-references, \\p or \\x); write a bracket expression such as [[:digit:]]")
        default: output += "\\\(character)"
        }
        atom(1)
    }

    /// A bracket expression, copied as is: POSIX reads a backslash inside it as a
    /// backslash, ICU as an escape, so one there is refused rather than read differently.
    mutating func bracket() throws {
        var text = "["
        if index < characters.count, characters[index] == "^" { text.append("^"); index += 1 }
        if index < characters.count, characters[index] == "]" { text.append("]"); index += 1 }
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == "\\" {
                throw PatternRefusal("a '\\' inside [...] is a literal backslash in POSIX; write classes as [[:digit:]] [[:space:]] [[:alnum:]_], or put ']' first and '-' last")
            }
            text.append(character)
            if character == "[", index < characters.count, [":", ".", "="].contains(characters[index]) {
                let close = characters[index]
                text.append(close)
                index += 1
                while index + 1 < characters.count, !(characters[index] == close && characters[index + 1] == "]") {
                    text.append(characters[index])
                    index += 1
                }
                guard index + 1 < characters.count else { break }
                text += "\(close)]"
                index += 2
            } else if character == "]" {
                output += text
                atom(1)
                return
            }
        }
        throw PatternRefusal("a '[' is never closed")
    }

    /// `{m}`, `{m,}` or `{m,n}` after an atom: the atom counts max(m, n) times (m+1 when open).
    mutating func countedRepetition() throws {
        guard let close = characters[index...].firstIndex(of: "}") else { throw PatternRefusal("a '{' is never closed") }
        let body = String(characters[index..<close])
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        let low = Int(parts[0])
        // {m}: m; {m,}: counted as m+1; {m,n}: n.
        let high = parts.count == 1 ? low : parts.count == 2 ? (parts[1].isEmpty ? low.map { $0 + 1 } : Int(parts[1])) : nil
        guard let low, let times = high, low <= times, times <= 255 else {
            throw PatternRefusal("'{\(body)}' is not a repetition count poolcheck accepts ({m}, {m,} or {m,n} with m <= n <= 255)")
        }
        guard lastAtom > 0 else { throw PatternRefusal("'{\(body)}' repeats nothing") }
        groups[groups.count - 1].current += lastAtom * (max(times, 1) - 1)
        lastAtom *= max(times, 1)
        output += "{\(body)}"
        index = close + 1
    }
}
