import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import PoolCheck
import TextFormats

/// Thrown after XCTFail so a missing validator fails the test, never skips it.
private enum SetupMissing: Error { case xmllint, schema }

final class ReportsJUnitTests: XCTestCase {
    // MARK: Schema validation with xmllint

    /// CI clones the repo with `shared/` beside it: <repo>/../shared/schemas/JUnit.xsd.
    private static let schemaPath: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/schemas/JUnit.xsd").standardizedFileURL.path

    private static func xmllint() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/xmllint" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Returns xmllint's verdict on `xml`; fails the test when the tool or schema is missing.
    private func validate(_ xml: String, file: StaticString = #filePath, line: UInt = #line) throws -> (valid: Bool, output: String) {
        guard let xmllint = Self.xmllint() else {
            XCTFail("xmllint not found on PATH: install libxml2-utils (scripts/setup.sh does)", file: file, line: line)
            throw SetupMissing.xmllint
        }
        guard FileManager.default.fileExists(atPath: Self.schemaPath) else {
            XCTFail("JUnit schema not found at \(Self.schemaPath): clone shared/ beside the repository", file: file, line: line)
            throw SetupMissing.schema
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pc-junit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let document = directory.appendingPathComponent("report.xml")
        try Data(xml.utf8).write(to: document)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = ["--noout", "--schema", Self.schemaPath, document.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus == 0, output)
    }

    func testFixtureIsValidAgainstTheSchema() throws {
        let result = try validate(JUnitReporter().render(ReportsFixture.report()))
        XCTAssertTrue(result.valid, result.output)
    }

    func testValidationCanFail() throws {
        // Guard against a validator that accepts anything: drop the required <properties>.
        let xml = JUnitReporter().render(ReportsFixture.report())
        let broken = xml.replacingOccurrences(of: "<properties>", with: "<properties-gone>")
            .replacingOccurrences(of: "</properties>", with: "</properties-gone>")
        XCTAssertFalse(try validate(broken).valid)
    }

    func testHostileTextStaysValid() throws {
        var results = ReportsFixture.results
        for index in results.indices {
            results[index].message = ReportsFixture.nasty
            results[index].evidence = [ReportsFixture.nasty]
            results[index].remediation = ReportsFixture.nasty
            results[index].category = "cat \u{1} <x>"
        }
        results.append(ReportsFixture.result("r", Target(kind: "host", name: "  \u{0}\t"), .fail))
        let report = ReportsFixture.report(results: results, hosts: ["xs-1", "", "a&b"], warnings: [ReportsFixture.nasty])
        let result = try validate(JUnitReporter().render(report))
        XCTAssertTrue(result.valid, result.output)
    }

    func testEmptyRunIsValid() throws {
        let result = try validate(JUnitReporter().render(ReportsFixture.report(results: [], hosts: [], warnings: [])))
        XCTAssertTrue(result.valid, result.output)
    }

    // MARK: Structure (parsed back)

    private func parse(_ report: RunReport) throws -> XMLElement {
        let document = try XMLDocument(xmlString: JUnitReporter().render(report), options: [])
        return try XCTUnwrap(document.rootElement())
    }

    private func suites(_ root: XMLElement) -> [XMLElement] { root.elements(forName: "testsuite") }

    func testOneSuitePerHostPlusThePoolWithCounts() throws {
        let root = try parse(ReportsFixture.report())
        XCTAssertEqual(root.name, "testsuites")
        let suites = suites(root)
        XCTAssertEqual(suites.map { $0.attribute(forName: "name")?.stringValue }, ["xs-1", "xs-2", "PDX0"])
        XCTAssertEqual(suites.map { $0.attribute(forName: "id")?.stringValue }, ["0", "1", "2"])
        XCTAssertEqual(suites.map { $0.attribute(forName: "hostname")?.stringValue }, ["xs-1", "xs-2", "PDX0"])
        func counts(_ suite: XMLElement) -> [String] {
            ["tests", "failures", "errors", "skipped"].map { suite.attribute(forName: $0)?.stringValue ?? "?" }
        }
        // xs-1: pass 2, fail 1, error 1. xs-2: pass 2, fail 2, warn 1 (a failure). pool: pass 2, skip 1.
        XCTAssertEqual(counts(suites[0]), ["4", "1", "1", "0"])
        XCTAssertEqual(counts(suites[1]), ["5", "3", "0", "0"])
        XCTAssertEqual(counts(suites[2]), ["3", "0", "0", "1"])
        for suite in suites {
            XCTAssertEqual(suite.attribute(forName: "timestamp")?.stringValue, "2026-11-24T10:00:00")
            XCTAssertEqual(suite.elements(forName: "testcase").count, Int(suite.attribute(forName: "tests")?.stringValue ?? ""))
        }
    }

    func testEachStatusMapsToItsElement() throws {
        let root = try parse(ReportsFixture.report())
        let cases = suites(root).flatMap { $0.elements(forName: "testcase") }
        XCTAssertEqual(cases.count, ReportsFixture.results.count)
        func child(_ testcase: XMLElement) -> String {
            let children = testcase.children?.compactMap { $0 as? XMLElement } ?? []
            guard let element = children.first else { return "none" }
            return [element.name ?? "", element.attribute(forName: "type")?.stringValue].compactMap { $0 }.joined(separator: ":")
        }
        let byName = Dictionary(uniqueKeysWithValues: cases.map { ($0.attribute(forName: "name")?.stringValue ?? "", child($0)) })
        XCTAssertEqual(byName["storage-subnet-dedicated on xs-1"], "none")
        XCTAssertEqual(byName["storage-subnet-dedicated on xs-2"], "failure:error")
        XCTAssertEqual(byName["storage-mtu-equal on xs-2"], "failure:warning")
        XCTAssertEqual(byName["nfs-export-acl on xs-1"], "error:error")
        XCTAssertEqual(byName["default-sr-propagated on pool PDX0"], "skipped")
        let skipped = try XCTUnwrap(cases.first { child($0) == "skipped" }?.elements(forName: "skipped").first)
        XCTAssertEqual(skipped.attribute(forName: "message")?.stringValue, "not applicable: needs `xe pbd-list` output, absent from the transcripts")
    }

    func testClassnameFollowsCategoryAndRule() throws {
        let root = try parse(ReportsFixture.report())
        let testcase = try XCTUnwrap(suites(root)[0].elements(forName: "testcase").first {
            $0.attribute(forName: "name")?.stringValue == "nfs-export-acl on xs-1"
        })
        XCTAssertEqual(testcase.attribute(forName: "classname")?.stringValue, "poolcheck.nfs.nfs-export-acl")
    }

    func testEvidenceAndRemediationReachCI() throws {
        let root = try parse(ReportsFixture.report())
        let xs2 = suites(root)[1]
        let out = try XCTUnwrap(xs2.elements(forName: "system-out").first?.stringValue)
        XCTAssertTrue(out.contains("== storage-subnet-dedicated on xs-2: fail"))
        XCTAssertTrue(out.contains("  - plan: storage subnet 172.16.0.32/28"))
        XCTAssertTrue(out.contains("remediation: xe pif-reconfigure-ip uuid=8d6a"))
        XCTAssertTrue(out.contains("== host-not-pooled on xs-2: pass"), "passes keep their evidence trail too")
        let failure = try XCTUnwrap(xs2.elements(forName: "testcase").lazy.compactMap { $0.elements(forName: "failure").first }.first)
        XCTAssertTrue(failure.stringValue?.contains("evidence:\n  - xs-2: xe pif-param-list") == true)
        let poolErr = suites(root)[2].elements(forName: "system-err").first?.stringValue
        XCTAssertEqual(poolErr, "warning: snapshot/xs-1.txt:12: line not understood: 'Legend: GET | SEE | USE'\n")
    }

    func testClassnameAndNameAreUniqueEvenForLookAlikeTargets() throws {
        let twin1 = Target(kind: "sr", name: "NFS SR", uuid: "aaaa")
        let twin2 = Target(kind: "sr", name: "NFS SR", uuid: "bbbb")
        let anonymous = Target(kind: "sr", name: "NFS SR")
        var results = ReportsFixture.results
        results += [twin1, twin2, anonymous, anonymous].map { ReportsFixture.result("sr-shared", $0, .pass, category: "pool") }
        results += [ReportsFixture.result("storage-redundancy", ReportsFixture.host("xs-1"), .pass),
                    ReportsFixture.result("storage-redundancy", Target(kind: "host", name: "xs-1  "), .pass)]
        let root = try parse(ReportsFixture.report(results: results))
        let keys = suites(root).flatMap { $0.elements(forName: "testcase") }.map {
            ($0.attribute(forName: "classname")?.stringValue ?? "") + "|" + ($0.attribute(forName: "name")?.stringValue ?? "")
                .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
        XCTAssertEqual(keys.count, results.count)
        XCTAssertEqual(Set(keys).count, keys.count, "duplicates: \(keys.filter { k in keys.filter { $0 == k }.count > 1 })")
        XCTAssertTrue(keys.contains("poolcheck.pool.sr-shared|sr-shared on sr NFS SR [bbbb]"))
    }

    func testEscapingRoundTrips() throws {
        var result = ReportsFixture.results[2]
        result.message = "a<b & \"c\" 'd' ]]>\nsecond line\ttab"
        result.evidence = ["x\u{0}y\u{1B}z\u{FFFE}"]
        let xml = JUnitReporter().render(ReportsFixture.report(results: [result]))
        XCTAssertTrue(xml.contains("message=\"a&lt;b &amp; &quot;c&quot; &apos;d&apos; ]]&gt;&#10;second line&#9;tab\""))
        XCTAssertFalse(xml.unicodeScalars.contains { !XMLText.isAllowed($0) }, "a character XML 1.0 forbids")
        let root = try parse(ReportsFixture.report(results: [result]))
        let failure = try XCTUnwrap(suites(root)[1].elements(forName: "testcase").first?.elements(forName: "failure").first)
        XCTAssertEqual(failure.attribute(forName: "message")?.stringValue, result.message, "newline and tab survive in the attribute")
        XCTAssertTrue(failure.stringValue?.contains("x\u{FFFD}y\u{FFFD}z\u{FFFD}") == true, failure.stringValue ?? "")
    }

    func testPoolSuiteFallsBackToPoolWhenNoPoolTarget() throws {
        let results = ReportsFixture.results.filter { $0.target.kind != "pool" }
        let names = suites(try parse(ReportsFixture.report(results: results))).map { $0.attribute(forName: "name")?.stringValue }
        XCTAssertEqual(names, ["xs-1", "xs-2", "pool"])
    }

    func testPoolSuiteNameNeverCollidesWithAHost() throws {
        let results = ReportsFixture.results + [ReportsFixture.result("storage-redundancy", ReportsFixture.host("PDX0"), .pass)]
        let suites = suites(try parse(ReportsFixture.report(results: results)))
        XCTAssertEqual(suites.map { $0.attribute(forName: "name")?.stringValue }, ["xs-1", "xs-2", "PDX0", "pool PDX0"])
        XCTAssertEqual(suites.last?.attribute(forName: "hostname")?.stringValue, "PDX0")
    }
}
