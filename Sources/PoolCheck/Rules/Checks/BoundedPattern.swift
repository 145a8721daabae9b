#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `matches:` pattern judged at bounded cost. Values come from the pool (anyone who can
/// edit a description), so a backtracking matcher (ICU, Swift Regex) could be made to run
/// for minutes by a pattern such as `(.*a){30}x`. glibc's POSIX matcher does not backtrack
/// without back-references and sub-matches (refused, and REG_NOSUB); wrapped as `^.*(P)` it
/// runs once over the value instead of once per start position.
struct BoundedPattern: Sendable {
    /// Longer values are not matched (the finding says so): the cost grows with the length.
    static let valueLimit = 16 * 1024

    let pattern: String
    private let compiled: CompiledRegex

    /// Throws the reason a pattern is refused, for a rule file's load error.
    init(_ pattern: String) throws(PatternRefusal) {
        let posix = try PatternSyntax.posix(pattern).get()
        self.pattern = pattern
        compiled = try CompiledRegex.compile("^.*(\(posix))")
    }

    /// Whether the pattern occurs in `value`; nil when the value is longer than `valueLimit`.
    func matches(_ value: String) -> Bool? {
        var bytes = Array(value.utf8)
        guard bytes.count <= Self.valueLimit else { return nil }
        return compiled.search(&bytes)
    }
}

/// A compiled regex_t. glibc's regexec takes a lock of its own, so one compiled pattern
/// can be used from several threads (through a pointer: no Swift inout access to share).
private final class CompiledRegex: @unchecked Sendable {
    private let regex: UnsafeMutablePointer<regex_t>

    /// Takes a regex_t that regcomp filled; it is freed with the object.
    private init(_ regex: UnsafeMutablePointer<regex_t>) { self.regex = regex }

    /// Compiles before an object exists, so a refused pattern frees its memory once (a class
    /// whose throwing init fails after its properties are set still runs deinit).
    static func compile(_ posix: String) throws(PatternRefusal) -> CompiledRegex {
        // Compiled in C.UTF-8 so `.` and brackets see characters, whatever the process locale.
        let utf8 = newlocale(1 << LC_CTYPE, "C.UTF-8", nil)  // LC_CTYPE_MASK; the macro is not imported
        let previous = utf8.map { uselocale($0) }
        defer {
            if let previous { uselocale(previous) }
            if let utf8 { freelocale(utf8) }
        }
        let regex = UnsafeMutablePointer<regex_t>.allocate(capacity: 1)
        let status = regcomp(regex, posix, REG_EXTENDED | REG_NOSUB)
        guard status == 0 else {
            var message = [CChar](repeating: 0, count: 256)
            regerror(status, regex, &message, message.count)
            regex.deallocate()
            throw PatternRefusal("it is not a valid POSIX extended regular expression: \(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))")
        }
        return CompiledRegex(regex)
    }

    /// Runs over exactly the value's bytes (REG_STARTEND). `.` does not match a NUL, so a
    /// value holding one can only fail to match: never a false pass.
    func search(_ bytes: inout [UInt8]) -> Bool {
        bytes.append(0)
        var bounds = [regmatch_t(rm_so: 0, rm_eo: regoff_t(bytes.count - 1))]
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { text in
                regexec(regex, text.baseAddress, 1, &bounds, REG_STARTEND) == 0
            }
        }
    }

    deinit {
        regfree(regex)
        regex.deallocate()
    }
}
