import Foundation
import NFSProbe
import Testing
@testable import ExportsTool

/// The JSON contract and the text layout of `poolcheck exports`.
@Suite struct ExportsOutputTests {
    static let report = ExportsReport(
        server: "172.16.0.34",
        exports: [
            .init(path: "/srv/vhd", groups: ["172.16.0.32/28", "172.16.0.0/27"], clients: [
                .init(address: "172.16.0.35", verdict: .admitted, group: "172.16.0.32/28"),
                .init(address: "172.16.0.60", verdict: .refused, group: nil),
                .init(address: "fd00:5::35", verdict: .unknown, group: "*.storage.lab"),
            ]),
            .init(path: "/srv/public", groups: [], clients: []),
        ],
        services: [
            RPCRegistration(program: 100_000, version: 4, protocol: .tcp, port: 111),
            RPCRegistration(program: 100_005, version: 3, protocol: .udp, port: 20048),
        ])

    /// The same document Foundation's encoder writes (only the spacing differs).
    @Test func jsonMeansWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let expected = try JSONSerialization.jsonObject(with: encoder.encode(Self.report)) as? NSDictionary
        let written = try JSONSerialization.jsonObject(with: Data(ExportsJSON.render(Self.report).utf8)) as? NSDictionary
        #expect(written != nil && written == expected)
        let firstLines = ExportsJSON.render(Self.report).split(separator: "\n").prefix(3)
        #expect(firstLines == ["{", "  \"exports\": [", "    {"], "pretty-printed, keys sorted")
    }

    /// Whatever a server puts in a path or group name comes back intact.
    @Test func awkwardStringsRoundTrip() throws {
        let awkward = "/srv/\"quoted\" back\\slash\nnew\tline \u{1} \u{1F} é 日本 🙂 /"
        var report = Self.report
        report.server = "fd00:5::34"
        report.exports[0].path = awkward
        report.exports[0].groups.append(awkward)
        report.exports[0].clients[1].group = awkward
        let text = ExportsJSON.render(report)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "control characters are escaped")
        let decoded = try JSONDecoder().decode(ExportsReport.self, from: Data(text.utf8))
        #expect(decoded == report)
    }

    @Test func emptyReport() throws {
        let empty = ExportsReport(server: "172.16.0.44", exports: [], services: [])
        let object = try JSONSerialization.jsonObject(with: Data(ExportsJSON.render(empty).utf8)) as? [String: Any]
        #expect(object?["exports"] as? [Any] != nil && (object?["exports"] as? [Any])?.isEmpty == true)
        #expect(try JSONDecoder().decode(ExportsReport.self, from: Data(ExportsJSON.render(empty).utf8)) == empty)
    }

    @Test func textIsShowmountThenVerdictsThenRpcinfo() {
        let text = ExportsText.render(Self.report, dialect: .ganesha)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false) == [
            "Export list for 172.16.0.34 (ganesha mountd):",
            "/srv/vhd 172.16.0.32/28,172.16.0.0/27",
            "    172.16.0.35: admitted via 172.16.0.32/28",
            "    172.16.0.60: refused",
            "    fd00:5::35: unknown via *.storage.lab",
            "/srv/public (everyone)",
            "(this server lists only the exports its asker may mount)",
            "",
            "   program vers proto   port  service",
            "    100000    4   tcp    111  portmapper",
            "    100005    3   udp  20048  mountd",
        ])
        #expect(!ExportsText.render(Self.report, dialect: .knfsd).contains("lists only"), "knfsd lists every export")
    }
}
