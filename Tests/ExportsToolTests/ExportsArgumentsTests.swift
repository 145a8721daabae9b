import Addressing
import Testing
@testable import ExportsTool

/// `poolcheck exports` arguments: what is accepted, and one line for what is not.
@Suite struct ExportsArgumentsTests {
    @Test func serverClientsAndOptions() throws {
        let parsed = try ExportsArguments.parse(["172.16.0.34", "--client", "172.16.0.35", "--client=fd00:5::35",
                                                 "--json", "--timeout", "1.5", "--source=172.16.0.38"])
        #expect(parsed.server == "172.16.0.34")
        #expect(parsed.clients == [IPAddress("172.16.0.35")!, IPAddress("fd00:5::35")!])
        #expect(parsed.json)
        #expect(parsed.timeoutSeconds == 1.5)
        #expect(parsed.source == "172.16.0.38")
        #expect(parsed.probeOptions.timeout == .milliseconds(1500))
        #expect(parsed.probeOptions.sourceAddress == "172.16.0.38")
    }

    @Test func defaults() throws {
        let parsed = try ExportsArguments.parse(["--", "172.16.0.44"])
        #expect(parsed.server == "172.16.0.44")
        #expect(parsed.clients.isEmpty && !parsed.json && parsed.source == nil)
        #expect(parsed.probeOptions.timeout == .seconds(5))
    }

    @Test func helpNeedsNoServer() throws {
        #expect(try ExportsArguments.parse(["--help"]).help)
        #expect(try ExportsArguments.parse(["172.16.0.34", "-h"]).help)
    }

    @Test(arguments: [
        (["--client", "172.16.0.35"], "missing SERVER"),
        (["a", "b"], "unexpected argument 'b'"),
        (["a", "--client"], "--client needs a value"),
        (["a", "--client", "xs-1"], "--client 'xs-1' is not an IP address"),
        (["a", "--source", "eth0"], "--source 'eth0' is not an IP address"),
        (["a", "--timeout", "0"], "--timeout must be between 0 and 3600 seconds, not '0'"),
        (["a", "--timeout=soon"], "--timeout must be between 0 and 3600 seconds, not 'soon'"),
        (["a", "--timeout", "3601"], "--timeout must be between 0 and 3600 seconds, not '3601'"),
        (["a", "--json=yes"], "--json takes no value"),
        (["a", "--verbose"], "unknown option '--verbose'"),
        (["a", "-x"], "unknown option '-x'"),
    ])
    func badUsage(words: [String], message: String) {
        #expect(throws: UsageError(message)) { try ExportsArguments.parse(words) }
    }

    @Test func badUsageExitsTwoBeforeAskingAnyone() {
        #expect(ExportsTool.run(["172.16.0.34", "--client", "nope"]) == 2)
    }
}
