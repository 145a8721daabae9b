/// A misbehaviour a simulated host shows on demand, on every request it receives.
public enum SimFault: Sendable, Equatable, CustomStringConvertible {
    /// Answer after this many seconds (a large value: accepts and never answers).
    case delay(Double)
    /// Close the connection without a reply.
    case drop
    /// Answer 200 with a body that is not a XAPI reply.
    case malformed
    /// Answer 500 with an HTML page, as XAPI does for requests it cannot parse.
    case http500
    /// Promise a full body, send half of it, close.
    case cut

    /// Parses `delay=SECONDS`, `drop`, `malformed`, `http500` or `cut`.
    public init(parsing text: String) throws {
        switch text {
        case "drop": self = .drop
        case "malformed": self = .malformed
        case "http500": self = .http500
        case "cut": self = .cut
        default:
            guard text.hasPrefix("delay="), let seconds = Double(text.dropFirst(6)), seconds >= 0 else {
                throw SimScenarioError("bad fault \"\(text)\": use delay=SECONDS, drop, malformed, http500 or cut")
            }
            self = .delay(seconds)
        }
    }

    public var description: String {
        switch self {
        case .delay(let seconds): return "delay=\(seconds)"
        case .drop: return "drop"
        case .malformed: return "malformed"
        case .http500: return "http500"
        case .cut: return "cut"
        }
    }
}
