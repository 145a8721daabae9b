/// poolcheck is read-only by construction: the client refuses, before anything is sent,
/// every method but logging in, logging out and `<class>.get_*` reads.
public enum ReadOnlyPolicy {
    public static let sessionMethods: Set<String> = ["session.login_with_password", "session.logout"]

    public static func isAllowed(_ method: String) -> Bool {
        if sessionMethods.contains(method) { return true }
        let parts = method.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let className = parts.first, let call = parts.last else { return false }
        return !className.isEmpty && className.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            && call.hasPrefix("get_") && call.count > 4 && call.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    public static func check(_ method: String) throws {
        guard isAllowed(method) else { throw XapiError.forbiddenMethod(method) }
    }
}
