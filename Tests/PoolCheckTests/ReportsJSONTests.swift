import Foundation
import XCTest
@testable import PoolCheck

final class ReportsJSONTests: XCTestCase {
    private func decode(_ report: RunReport) throws -> [String: Any] {
        let text = JSONReporter().render(report)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try XCTUnwrap(object as? [String: Any], "top level is not an object")
    }

    func testTopLevelKeysAndValuesFollowTheContract() throws {
        let json = try decode(ReportsFixture.report())
        XCTAssertEqual(Set(json.keys), ["schema", "tool", "phase", "started", "duration_s", "results", "summary", "warnings"])
        XCTAssertEqual(json["schema"] as? String, "poolcheck.report/v1")
        let tool = try XCTUnwrap(json["tool"] as? [String: Any])
        XCTAssertEqual(Set(tool.keys), ["name", "version"])
        XCTAssertEqual(tool["name"] as? String, "poolcheck")
        XCTAssertEqual(tool["version"] as? String, ToolInfo.version)
        XCTAssertEqual(json["phase"] as? String, "audit")
        XCTAssertEqual(json["started"] as? String, "2026-11-24T10:00:00Z")
        XCTAssertEqual(try XCTUnwrap(json["duration_s"] as? Double), 1.234, accuracy: 1e-9)
        XCTAssertEqual(json["warnings"] as? [String], ReportsFixture.report().warnings)
    }

    func testSummaryCountsAreExact() throws {
        // The five contract counts, plus results not checked for lack of evidence and whether
        // that leaves the run incomplete (extra keys, which v1 readers ignore).
        func counts(_ report: RunReport) throws -> [String: Int] {
            let summary = try XCTUnwrap(try decode(report)["summary"] as? [String: Any])
            XCTAssertEqual(summary["incomplete"] as? Bool, report.isIncomplete)
            return summary.filter { $0.key != "incomplete" }.compactMapValues { $0 as? Int }
        }
        XCTAssertEqual(try counts(ReportsFixture.report()), ["pass": 6, "fail": 3, "warn": 1, "error": 1, "skip": 1, "not_checked": 0])
        let onlyErrors = ReportsFixture.report(results: ReportsFixture.results.filter { $0.status == .error })
        XCTAssertEqual(try counts(onlyErrors), ["pass": 0, "fail": 0, "warn": 0, "error": 1, "skip": 0, "not_checked": 0])
    }

    func testEveryResultHasExactlyTheContractKeysAndTypes() throws {
        let results = try XCTUnwrap(try decode(ReportsFixture.report())["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, ReportsFixture.results.count)
        for (json, result) in zip(results, ReportsFixture.results) {
            let contract: Set<String> = ["rule", "title", "category", "severity", "target", "status", "message", "evidence", "remediation"]
            // Extensions: skip_reason on every skip, core on core checks; nothing else.
            XCTAssertEqual(Set(json.keys).subtracting(["core"]), result.status == .skip ? contract.union(["skip_reason"]) : contract)
            if result.status == .skip { XCTAssertEqual(json["skip_reason"] as? String, result.skipReason?.rawValue) }
            XCTAssertEqual(json["rule"] as? String, result.rule)
            XCTAssertEqual(json["title"] as? String, result.title)
            XCTAssertEqual(json["category"] as? String, result.category)
            XCTAssertEqual(json["severity"] as? String, result.severity.rawValue)
            XCTAssertEqual(json["status"] as? String, result.status.rawValue)
            XCTAssertEqual(json["message"] as? String, result.message)
            XCTAssertEqual(json["evidence"] as? [String], result.evidence)
            let target = try XCTUnwrap(json["target"] as? [String: Any])
            XCTAssertEqual(Set(target.keys), ["kind", "name", "uuid"])
            XCTAssertEqual(target["kind"] as? String, result.target.kind)
            XCTAssertEqual(target["name"] as? String, result.target.name)
            if let uuid = result.target.uuid {
                XCTAssertEqual(target["uuid"] as? String, uuid)
            } else {
                XCTAssertTrue(target["uuid"] is NSNull, "absent uuid must be null, not missing")
            }
            if let remediation = result.remediation {
                XCTAssertEqual(json["remediation"] as? String, remediation)
            } else {
                XCTAssertTrue(json["remediation"] is NSNull, "absent remediation must be null, not missing")
            }
        }
    }

    func testKeysAppearInContractOrderAndOutputIsStable() {
        let text = JSONReporter().render(ReportsFixture.report())
        XCTAssertEqual(text, JSONReporter().render(ReportsFixture.report()))
        XCTAssertTrue(text.hasSuffix("}\n"))
        let order = ["\"schema\"", "\"tool\"", "\"phase\"", "\"started\"", "\"duration_s\"", "\"results\"", "\"summary\"", "\"warnings\""]
        let positions = order.map { text.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil))
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted())
        XCTAssertTrue(text.hasPrefix("{\n  \"schema\": \"poolcheck.report/v1\",\n"))
    }

    func testAnyTextSurvivesTheRoundTrip() throws {
        var result = ReportsFixture.results[2]
        result.message = ReportsFixture.nasty
        result.evidence = [ReportsFixture.nasty, "\u{2028}\u{2029}/\\"]
        result.target.name = ReportsFixture.nasty
        let json = try decode(ReportsFixture.report(results: [result], warnings: [ReportsFixture.nasty]))
        let decoded = try XCTUnwrap((json["results"] as? [[String: Any]])?.first)
        XCTAssertEqual(decoded["message"] as? String, ReportsFixture.nasty)
        XCTAssertEqual(decoded["evidence"] as? [String], result.evidence)
        XCTAssertEqual((decoded["target"] as? [String: Any])?["name"] as? String, ReportsFixture.nasty)
        XCTAssertEqual(json["warnings"] as? [String], [ReportsFixture.nasty])
        XCTAssertFalse(JSONReporter().render(ReportsFixture.report(results: [result])).unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" },
                       "raw control characters in JSON output")
    }

    func testDurationIsNeverNegativeOrNotANumber() throws {
        for duration in [-1, .nan, .infinity] as [TimeInterval] {
            var report = ReportsFixture.report()
            report.duration = duration
            XCTAssertEqual(try decode(report)["duration_s"] as? Double, 0)
        }
    }

    func testSourceDateEpochFixesTheStart() throws {
        XCTAssertNil(try ReportClock.sourceDateEpoch([:]))
        XCTAssertEqual(try ReportClock.sourceDateEpoch(["SOURCE_DATE_EPOCH": "1795514400"]), ReportsFixture.started)
        XCTAssertThrowsError(try ReportClock.sourceDateEpoch(["SOURCE_DATE_EPOCH": "yesterday"])) { error in
            XCTAssertTrue("\(error)".contains("SOURCE_DATE_EPOCH='yesterday'"))
        }
        XCTAssertEqual(ReportClock.iso8601UTC(Date(timeIntervalSince1970: 0.999)), "1970-01-01T00:00:00Z")
        XCTAssertEqual(ReportClock.zoneFreeUTC(ReportsFixture.started), "2026-11-24T10:00:00")
    }
}
