import NFSProbe
import TextFormats

/// The JSON contract of `poolcheck exports --json`: ExportsReport's keys, sorted as they
/// were first published (JSONEncoder's `.sortedKeys`). Not JSONEncoder: linking Foundation
/// alone adds a third of a millisecond to every start of `poolcheck exports`.
/// ExportsOutputTests decodes this output with JSONDecoder back into the report.
public enum ExportsJSON {
    public static func render(_ report: ExportsReport) -> String {
        OrderedJSON.object([
            ("exports", .array(report.exports.map { export in
                .object([
                    ("clients", .array(export.clients.map { client in
                        .object([
                            ("address", .string(client.address)),
                            ("group", client.group.map { .string($0) } ?? .null),
                            ("verdict", .string(client.verdict.rawValue)),
                        ])
                    })),
                    ("groups", .array(export.groups.map { .string($0) })),
                    ("path", .string(export.path)),
                ])
            })),
            ("server", .string(report.server)),
            ("services", .array(report.services.map { service in
                .object([
                    ("port", .integer(Int(service.port))),
                    ("program", .integer(Int(service.program))),
                    ("protocol", .string(service.protocol.rawValue)),
                    ("version", .integer(Int(service.version))),
                ])
            })),
        ]).rendered()
    }
}
