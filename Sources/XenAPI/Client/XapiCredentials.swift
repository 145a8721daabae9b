/// A user name and password for `session.login_with_password`.
///
/// The password is reachable only through `withPassword`, and every textual form of this
/// value (description, debugDescription, reflection/dump, string interpolation) redacts it,
/// so it cannot slip into a log line, an error or a report by accident.
public struct XapiCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let user: String
    private let secret: Secret

    public init(user: String = "root", password: String) {
        self.user = user
        self.secret = Secret(password)
    }

    /// Runs `body` with the clear-text password; the only way to read it.
    public func withPassword<Result>(_ body: (String) throws -> Result) rethrows -> Result {
        try body(secret.value)
    }

    /// Replaces the password wherever it occurs in `text` (server error parameters, echoed input).
    public func redacting(_ text: String) -> String {
        let password = secret.value
        guard !password.isEmpty, text.contains(password) else { return text }
        return text.replacingAll(password, with: "<redacted>")
    }

    public var description: String { "XapiCredentials(user: \(user), password: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["user": user, "password": "<redacted>"]) }
}

/// Holder whose every textual form is redacted, in case the struct is ever reflected past.
private final class Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let value: String
    init(_ value: String) { self.value = value }
    var description: String { "<redacted>" }
    var debugDescription: String { "<redacted>" }
    var customMirror: Mirror { Mirror(self, children: []) }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
