import Addressing

extension ExportMatcher {
    /// The verdict decided by the export's literal client specs alone (addresses, networks,
    /// `*`), without resolving names: what rules use, since rules do no I/O. A spec that needs
    /// DNS or a netgroup map makes the answer `unknown`, never a silent pass or fail.
    public static func literalVerdict(for client: IPAddress, on export: NFSExport, dialect: ExportsDialect) -> ClientVerdict {
        let who = client.description
        if export.groups.isEmpty {
            return ClientVerdict(address: who, verdict: .admitted, group: "(everyone)",
                                 reason: "\(export.path) has no client list: every client may mount it")
        }
        var undecided: String?
        for group in export.groups {
            let spec = ClientSpec(group: group, dialect: dialect)
            switch literalAnswer(spec, client: client) {
            case .match(let why)?:
                return ClientVerdict(address: who, verdict: .admitted, group: group,
                                     reason: "\(export.path) admits \(who) through \(group) (\(why))")
            case .noMatch?:
                continue
            case .undecided?, nil:
                undecided = undecided ?? group
            }
        }
        if let undecided {
            return ClientVerdict(address: who, verdict: .unknown, group: undecided,
                                 reason: "\(export.path): '\(undecided)' needs name or netgroup resolution; "
                                     + "ask the server with `poolcheck exports SERVER --client \(who)`")
        }
        return ClientVerdict(address: who, verdict: .refused, group: nil,
                             reason: "\(export.path) admits only \(export.groups.joined(separator: ",")); \(who) is in none")
    }
}
