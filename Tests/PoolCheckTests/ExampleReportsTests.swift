import Foundation
import XCTest

/// reports/ holds the example's reports; they must be what the current code produces
/// (regenerate with scripts/regenerate-reports.sh) and the JUnit ones must be schema-valid.
final class ExampleReportsTests: XCTestCase {
    func testCommittedReportsAreCurrent() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (phase, state, expectedStatus) in [("audit", "after", Int32(1)), ("preflight", "before", Int32(0))] {
            let run = try CLITests.poolcheck(
                [phase, "--plan", "examples/pdx0/plan.yaml", "--snapshot", "examples/pdx0/\(state)",
                 "--report", "text:\(folder)/pdx0-\(phase).txt", "--report", "json:\(folder)/pdx0-\(phase).json",
                 "--report", "junit:\(folder)/pdx0-\(phase).xml"],
                environment: ["SOURCE_DATE_EPOCH": "1790000000", "NO_COLOR": "1"])
            XCTAssertEqual(run.status, expectedStatus, run.stderr)
            for format in ["txt", "json", "xml"] {
                let name = "pdx0-\(phase).\(format)"
                let fresh = try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)
                let committed = try String(contentsOfFile: "\(repositoryRoot)/reports/\(name)", encoding: .utf8)
                XCTAssertEqual(fresh, committed, "reports/\(name) is stale: run scripts/regenerate-reports.sh")
            }
        }
    }

    func testAuditVerdictsOnTheExampleAreTheOnesTheREADMEStates() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/reports/pdx0-audit.json"))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let results = try XCTUnwrap(json["results"] as? [[String: Any]])
        var verdicts: [String: Set<String>] = [:]
        for result in results {
            verdicts[result["rule"] as! String, default: []].insert(result["status"] as! String)
        }
        XCTAssertEqual(verdicts["storage-redundancy"], ["fail"], "the tutorial leaves eth2 unbonded")
        XCTAssertEqual(verdicts["storage-subnet-mask"], ["pass"])
        XCTAssertEqual(verdicts["storage-subnet-dedicated"], ["pass"])
        XCTAssertEqual(verdicts["nfs-export-acl"], ["pass"])
        XCTAssertEqual(verdicts["default-sr-propagated"], ["pass"])
        XCTAssertEqual(verdicts["crash-dump-sr-set"], ["warn"])
    }
}
