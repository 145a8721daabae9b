import Foundation

/// `<placeholder>`s in a rule's `remediation:`. Some are filled from the result's target,
/// so the fix names the real host; some stand for a value the admin chooses and stay as
/// written. Any other placeholder is a load error: a misspelled `<hots>` would otherwise
/// reach every report unfilled.
public enum RemediationTemplate {
    /// Filled from the target, with the rule scopes they can be used in.
    public static let filled: [(name: String, scopes: [RuleDefinition.Scope], meaning: String)] = [
        ("host", [.host], "the host's name"),
        ("host-uuid", [.host], "the host's uuid"),
        ("address", [.host], "the host's management address"),
        ("pool", [.host, .pool], "the pool's uuid"),
    ]

    /// Values the admin chooses; left as written.
    public static let leftAsWritten = ["SR uuid", "network", "bond", "vlan", "tunnel", "mtu", "NFS server", "value"]

    /// The reason `text` cannot be a remediation of a rule of `scope`, or nil.
    static func problem(in text: String, scope: RuleDefinition.Scope) -> String? {
        for name in placeholders(in: text) where !leftAsWritten.contains(name) {
            guard let known = filled.first(where: { $0.name == name }) else {
                return "unknown placeholder '<\(name)>' in remediation; poolcheck fills "
                    + filled.map { "<\($0.name)>" }.joined(separator: ", ")
                    + " and leaves " + leftAsWritten.map { "<\($0)>" }.joined(separator: ", ") + " for the admin"
            }
            guard known.scopes.contains(scope) else {
                return "'<\(name)>' (\(known.meaning)) cannot be filled in a rule of scope \(scope.rawValue)"
            }
        }
        return nil
    }

    /// `text` with each placeholder that has a value replaced, in one pass (a value that
    /// itself looks like a placeholder stays as it is); the rest stay as written: an unknown
    /// uuid reads `<host-uuid>`, which the admin fills in, rather than a guess.
    static func fill(_ text: String, with values: [String: String]) -> String {
        guard !values.isEmpty, text.contains("<") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            result += rest[..<open]
            rest = rest[open...]
            if let name = placeholder(at: rest), let value = values[name], !value.isEmpty {
                result += value
                rest = rest.dropFirst(name.count + 2)
            } else {
                result.append("<")
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }

    /// The names between `<` and `>`: a letter first, then letters, digits, spaces, `_` or `-`.
    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[open...]
            if let name = placeholder(at: rest) { names.append(name) }
            rest = rest.dropFirst()
        }
        return names
    }

    /// The placeholder name when `text` starts with one.
    private static func placeholder(at text: Substring) -> String? {
        let body = text.dropFirst()
        let name = body.prefix { $0.isLetter || $0.isNumber || $0 == " " || $0 == "_" || $0 == "-" }
        guard let first = name.first, first.isLetter, body.dropFirst(name.count).first == ">" else { return nil }
        return String(name)
    }

    /// The values a host's result can fill in.
    static func values(for host: HostSubject) -> [String: String] {
        var values = ["host": host.name]
        values["host-uuid"] = host.record?.uuid
        values["address"] = host.record?.address ?? host.plan?.address.map { "\($0)" }
        values["pool"] = host.pool?.uuid ?? host.poolRecord?.uuid
        return values
    }
}
