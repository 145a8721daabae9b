import NFSProbe

/// The JSON contract of `poolcheck exports --json`: ExportsReport's keys, sorted as
/// JSONEncoder's `.sortedKeys` would. Written by hand because linking Foundation's
/// JSONEncoder alone adds a third of a millisecond to every start of `poolcheck exports`;
/// ExportsJSONTests decodes this output with JSONDecoder back into the report.
public enum ExportsJSON {
    public static func render(_ report: ExportsReport) -> String {
        JSONValue.object([
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
                    ("port", .number(UInt64(service.port))),
                    ("program", .number(UInt64(service.program))),
                    ("protocol", .string(service.protocol.rawValue)),
                    ("version", .number(UInt64(service.version))),
                ])
            })),
        ]).text
    }
}
