import Foundation
import XCTest
@testable import PoolCheck

final class ReportsDestinationTests: XCTestCase {
    private func parse(_ argument: String) throws -> ReportDestination { try ReportDestination(parsing: argument) }

    func testFormatsAndPaths() throws {
        XCTAssertEqual(try parse("text"), ReportDestination(format: .text, sink: .standardOutput))
        XCTAssertEqual(try parse("json:-"), ReportDestination(format: .json, sink: .standardOutput))
        XCTAssertEqual(try parse("junit:reports/pdx0.xml"), ReportDestination(format: .junit, sink: .file("reports/pdx0.xml")))
        XCTAssertEqual(try parse("JSON:out.json").format, .json)
        XCTAssertEqual(try parse("json:c:/odd:name.json").sink, .file("c:/odd:name.json"), "only the first ':' separates")
        XCTAssertEqual(try parse("junit:reports/pdx0.xml").description, "junit:reports/pdx0.xml")
        XCTAssertEqual(ReportDestination.default, try parse("text"))
    }

    func testUnknownFormatListsTheValidOnes() {
        for argument in ["xml:out.xml", "html", ":out.json", "yaml:-"] {
            XCTAssertThrowsError(try parse(argument)) { error in
                let line = "\(error)"
                XCTAssertTrue(line.contains("valid formats: text, json, junit"), line)
                XCTAssertTrue(line.hasPrefix("--report \(argument): "), line)
                XCTAssertFalse(line.contains("\n"))
            }
        }
    }

    func testEmptyPathIsAnError() {
        XCTAssertThrowsError(try parse("json:")) { error in
            XCTAssertEqual("\(error)", "--report json:: empty path after ':'; write FORMAT:PATH, or FORMAT or FORMAT:- for stdout")
        }
    }

    func testTwoReportsCannotShareAnOutput() throws {
        XCTAssertNoThrow(try ReportDestination.validate([parse("text"), parse("json:a.json"), parse("junit:b.xml")]))
        XCTAssertThrowsError(try ReportDestination.validate([parse("text"), parse("json:-")])) { error in
            XCTAssertEqual("\(error)", "--report text and --report json both write to stdout; give one of them a file path")
        }
        XCTAssertThrowsError(try ReportDestination.validate([parse("json:out/r"), parse("junit:out/./r")])) { error in
            XCTAssertTrue("\(error)".contains("both write to out/./r"), "\(error)")
        }
    }
}
