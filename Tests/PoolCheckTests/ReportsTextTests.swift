import Foundation
import XCTest
@testable import PoolCheck

final class ReportsTextTests: XCTestCase {
    private let plain = TextReporter(useColor: false).render(ReportsFixture.report())

    private func lines(_ text: String) -> [String] { text.components(separatedBy: "\n") }

    func testFirstLineGivesVerdictAndCounts() {
        XCTAssertEqual(lines(plain)[0], "FAIL: 12 checks: 3 fail, 1 error, 1 warn, 1 skip, 6 pass")
        XCTAssertTrue(lines(plain)[1].contains("audit · pool PDX0 · 2 hosts · started 2026-11-24T10:00:00Z"), lines(plain)[1])

        let errorsOnly = ReportsFixture.report(results: ReportsFixture.results.filter { $0.status != .fail })
        XCTAssertTrue(TextReporter(useColor: false).render(errorsOnly).hasPrefix("ERROR: "))
        let warnOnly = ReportsFixture.report(results: ReportsFixture.results.filter { $0.status == .warn || $0.status == .pass })
        XCTAssertTrue(TextReporter(useColor: false).render(warnOnly).hasPrefix("PASS with warnings: "))
        let clean = ReportsFixture.report(results: ReportsFixture.results.filter { $0.status == .pass })
        XCTAssertTrue(TextReporter(useColor: false).render(clean).hasPrefix("PASS: 6 checks: 0 fail"))
    }

    func testTableHasOneRowPerHostAndThePool() throws {
        func row(_ label: String) throws -> [String] {
            let line = try XCTUnwrap(lines(plain).first { $0.hasPrefix(label + " ") }, "no row for \(label)")
            return line.split(separator: " ").map(String.init)
        }
        XCTAssertEqual(lines(plain)[3].split(separator: " ").prefix(6), ["TARGET", "FAIL", "ERROR", "WARN", "SKIP", "PASS"])
        XCTAssertEqual(try row("xs-1"), ["xs-1", "1", "1", "-", "-", "2", "storage-redundancy,", "nfs-export-acl", "(error)"])
        XCTAssertEqual(try row("xs-2"), ["xs-2", "2", "-", "1", "-", "2", "storage-subnet-dedicated,", "storage-redundancy,",
                                         "storage-mtu-equal", "(warn)"])
        XCTAssertEqual(try row("pool PDX0").dropFirst(2), ["-", "-", "-", "1", "2"])
    }

    func testSectionsComeProblemsFirst() throws {
        let titles = ["FAILURES (3)", "ERRORS (1)", "WARNINGS (1)", "NOT APPLICABLE (1)", "PASSED (6)", "INPUT WARNINGS (1)"]
        let positions = try titles.map { title in try XCTUnwrap(lines(plain).firstIndex(of: title), "missing \(title)") }
        XCTAssertEqual(positions, positions.sorted())
    }

    func testFailuresCarryMessageEvidenceAndFix() throws {
        let all = lines(plain)
        let start = try XCTUnwrap(all.firstIndex { $0.hasPrefix("  FAIL  storage-subnet-dedicated on xs-2: ") })
        XCTAssertEqual(all[start], "  FAIL  storage-subnet-dedicated on xs-2: eth2 172.16.0.20 is outside the storage subnet 172.16.0.32/28")
        XCTAssertEqual(Array(all[(start + 1)...(start + 4)]), [
            "        evidence:",
            "          - xs-2: xe pif-param-list uuid=... IP: 172.16.0.20",
            "          - plan: storage subnet 172.16.0.32/28",
            "        fix: xe pif-reconfigure-ip uuid=8d6a mode=static IP=172.16.0.36 netmask=255.255.255.240",
        ])
        XCTAssertTrue(all.contains("  ERROR nfs-export-acl on xs-1: mountd at 172.16.0.34 did not answer within 5 s"))
        XCTAssertTrue(all.contains("  SKIP  default-sr-propagated on pool PDX0: needs `xe pbd-list` output, absent from the transcripts"))
    }

    func testPassesAreCondensedPerRule() {
        let hosts = (1...64).map { "xs-\($0)" }
        let results = hosts.map { ReportsFixture.result("storage-subnet-mask", ReportsFixture.host($0), .pass) }
            + [ReportsFixture.result("nfs-export-acl", ReportsFixture.host("xs-1"), .pass)]
        let text = TextReporter(useColor: false).render(ReportsFixture.report(results: results, hosts: hosts, warnings: []))
        let passed = lines(text).drop { $0 != "PASSED (65)" }.dropFirst()
        XCTAssertEqual(Array(passed), ["  storage-subnet-mask (all 64 hosts); nfs-export-acl (xs-1)", ""])
        XCTAssertLessThanOrEqual(lines(text).count, 64 + 10, "one table row per host, nothing per pass")
    }

    func testNoEscapeSequencesWithoutColourEvenFromHostileInput() {
        var result = ReportsFixture.results[2]
        result.message = ReportsFixture.nasty
        result.evidence = [ReportsFixture.nasty]
        result.target.name = "xs-\u{1B}]0;pwned\u{7}"
        let text = TextReporter(useColor: false).render(ReportsFixture.report(results: [result], warnings: [ReportsFixture.nasty]))
        XCTAssertFalse(text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) },
                       "control characters leaked: \(text.debugDescription)")
        XCTAssertTrue(text.contains("esc\u{FFFD}[31m"))
        XCTAssertFalse(plain.contains("\u{1B}"))
    }

    func testColourMarksStatusesWhenAsked() {
        let coloured = TextReporter(useColor: true).render(ReportsFixture.report())
        XCTAssertTrue(coloured.hasPrefix("\u{1B}[1;31mFAIL: \u{1B}[0m"))
        XCTAssertTrue(coloured.contains("\u{1B}[1;35mERROR\u{1B}[0m nfs-export-acl on xs-1"))
        XCTAssertTrue(coloured.contains("\u{1B}[1;33mWARN \u{1B}[0m storage-mtu-equal on xs-2"))
        // Stripping the colour codes gives back the plain report exactly.
        let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        XCTAssertEqual(stripped, plain)
    }

    func testColourPolicyFollowsTerminalAndNoColor() {
        XCTAssertTrue(ColorPolicy.useColor(isTerminal: true, environment: [:]))
        XCTAssertFalse(ColorPolicy.useColor(isTerminal: false, environment: [:]))
        XCTAssertFalse(ColorPolicy.useColor(isTerminal: true, environment: ["NO_COLOR": "1"]))
        XCTAssertFalse(ColorPolicy.useColor(isTerminal: true, environment: ["NO_COLOR": "false"]), "any non-empty value disables")
        XCTAssertTrue(ColorPolicy.useColor(isTerminal: true, environment: ["NO_COLOR": ""]), "empty NO_COLOR does not disable")
        XCTAssertFalse(ColorPolicy.useColor(isTerminal: true, environment: ["TERM": "dumb"]))
        XCTAssertTrue(ColorPolicy.useColor(isTerminal: true, environment: ["TERM": "xterm-256color"]))
    }

    func testInputWarningsAreCapped() {
        let warnings = (1...25).map { "file.txt:\($0): not understood" }
        let text = TextReporter(useColor: false, maxInputWarnings: 10).render(ReportsFixture.report(warnings: warnings))
        XCTAssertTrue(text.contains("  file.txt:10: not understood\n  ... and 15 more (the JSON report lists them all)\n"))
        XCTAssertFalse(text.contains("file.txt:11:"))
    }
}
