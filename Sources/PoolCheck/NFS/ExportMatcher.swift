import Addressing

/// Whether an NFS export admits a client, read from the export's client specs as
/// exports(5) defines them and as knfsd's and nfs-ganesha's mountd write them.
public enum ExportVerdict: String, Codable, Sendable {
    case admitted, refused, unknown
}

public struct ExportDecision: Sendable, Equatable {
    public var verdict: ExportVerdict
    /// The client spec that decided it (nil when nothing matched).
    public var group: String?
    public var reason: String
}

public enum ExportMatcher {
    /// Specs that admit every client: `*`, an empty list, showmount's `(everyone)`.
    public static func isWorld(_ spec: String) -> Bool {
        ["*", "", "(everyone)", "everyone", "0.0.0.0/0", "::/0"].contains(spec)
    }

    public static func isWorldOpen(_ export: Export) -> Bool {
        export.groups.isEmpty || export.groups.contains(where: isWorld)
    }

    /// An admitted spec wins; otherwise a spec that cannot be judged here (a host name,
    /// wildcard or netgroup) makes the answer unknown, never a silent pass or fail.
    public static func decide(groups: [String], client: IPAddress) -> ExportDecision {
        if groups.isEmpty { return ExportDecision(verdict: .admitted, group: nil, reason: "the export has no client list (everyone)") }
        var unknown: String?
        for spec in groups {
            switch classify(spec) {
            case .world:
                return ExportDecision(verdict: .admitted, group: spec, reason: "\(spec) admits everyone")
            case .network(let subnet):
                if subnet.contains(client) {
                    return ExportDecision(verdict: .admitted, group: spec, reason: "\(client) is inside \(spec)")
                }
            case .name:
                unknown = unknown ?? spec
            }
        }
        if let unknown {
            return ExportDecision(verdict: .unknown, group: unknown,
                                  reason: "'\(unknown)' is a host name, wildcard or netgroup that cannot be resolved here")
        }
        return ExportDecision(verdict: .refused, group: nil,
                              reason: "\(client) is in none of \(groups.joined(separator: ","))")
    }

    /// The export XenServer mounts for `path`: the exported path itself or its nearest
    /// exported parent (an SR mounts `<path>/<SR uuid>`).
    public static func covering(_ exports: [Export], path: String) -> Export? {
        let wanted = normalise(path)
        return exports
            .filter { export in
                let exported = normalise(export.path)
                return wanted == exported || exported == "/" || wanted.hasPrefix(exported + "/")
            }
            .max { normalise($0.path).count < normalise($1.path).count }
    }

    enum SpecKind {
        case world
        case network(Subnet)
        /// Host name, wildcard, or netgroup (`@name`; ganesha drops the `@`).
        case name
    }

    static func classify(_ spec: String) -> SpecKind {
        if isWorld(spec) { return .world }
        if let subnet = try? Subnet(parsing: spec) { return .network(subnet) }
        return .name
    }

    private static func normalise(_ path: String) -> String {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }
}
