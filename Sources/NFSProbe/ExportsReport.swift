import Addressing

/// The JSON contract of `poolcheck exports SERVER [--client IP]... --json`:
/// `{"server", "exports": [{"path", "groups", "clients": [{"address",
/// "verdict", "group"}]}], "services": [{"program", "version", "protocol",
/// "port"}]}`. `group` is always present (null when every group refused).
public struct ExportsReport: Sendable, Codable, Hashable {
    public var server: String
    public var exports: [Export]
    public var services: [RPCRegistration]

    public struct Export: Sendable, Codable, Hashable {
        public var path: String
        public var groups: [String]
        public var clients: [Client]

        public init(path: String, groups: [String], clients: [Client]) {
            self.path = path
            self.groups = groups
            self.clients = clients
        }
    }

    public struct Client: Sendable, Codable, Hashable {
        public var address: String
        public var verdict: Verdict
        public var group: String?

        public init(address: String, verdict: Verdict, group: String?) {
            self.address = address
            self.verdict = verdict
            self.group = group
        }

        enum CodingKeys: String, CodingKey { case address, verdict, group }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(address, forKey: .address)
            try container.encode(verdict, forKey: .verdict)
            try container.encode(group, forKey: .group) // null, not absent
        }
    }

    public init(server: String, exports: [Export], services: [RPCRegistration]) {
        self.server = server
        self.exports = exports
        self.services = services
    }

    /// Verdicts of every client on every listed export.
    public static func build(server: String, exports: [NFSExport], services: [RPCRegistration],
                             clients: [IPAddress], matcher: ExportMatcher) async -> ExportsReport {
        var rows: [Export] = []
        for export in exports {
            let verdicts = await matcher.verdicts(for: clients, on: export)
            rows.append(Export(path: export.path, groups: export.groups,
                               clients: verdicts.map { Client(address: $0.address, verdict: $0.verdict, group: $0.group) }))
        }
        return ExportsReport(server: server, exports: rows, services: services)
    }
}
