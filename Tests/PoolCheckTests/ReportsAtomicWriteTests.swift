import Foundation
import XCTest
@testable import PoolCheck

final class ReportsAtomicWriteTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pc-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        chmod(directory, 0o755)
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
    private func entries(_ path: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }

    private func assertOneLine(_ error: any Error, naming path: String, contains reason: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        let text = "\(error)"
        XCTAssertFalse(text.contains("\n"), text, file: file, line: line)
        XCTAssertTrue(text.hasPrefix("cannot write report \(path): "), text, file: file, line: line)
        XCTAssertTrue(text.contains(reason), text, file: file, line: line)
    }

    func testCreatesMissingFoldersAndWritesExactly() throws {
        let path = directory + "/reports/nested/pdx0.xml"
        try AtomicFileWriter.write("<x/>\n", to: path)
        XCTAssertEqual(try read(path), "<x/>\n")
        XCTAssertEqual(entries(directory + "/reports/nested"), ["pdx0.xml"], "no temporary file left")
        let mode = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        XCTAssertEqual(mode, 0o644)
    }

    func testReplacesAnExistingFileWholeAndKeepsItsMode() throws {
        let path = directory + "/report.json"
        try String(repeating: "old content\n", count: 10_000).write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
        var before = stat()
        stat(path, &before)
        try AtomicFileWriter.write("{}\n", to: path)
        XCTAssertEqual(try read(path), "{}\n")
        var after = stat()
        stat(path, &after)
        XCTAssertNotEqual(before.st_ino, after.st_ino, "replaced by rename, not rewritten in place")
        XCTAssertEqual(after.st_mode & 0o7777, 0o600)
        XCTAssertEqual(entries(directory), ["report.json"])
    }

    func testFailureLeavesTheOldFileAndNoTemporary() throws {
        struct DiskFull: Error, CustomStringConvertible { var description: String { "No space left on device" } }
        let path = directory + "/report.xml"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        var sawTemporary = false
        XCTAssertThrowsError(try AtomicFileWriter.write(Array("new".utf8), to: path, beforeRename: { temp in
            sawTemporary = FileManager.default.fileExists(atPath: temp) && (try? String(contentsOfFile: temp, encoding: .utf8)) == "new"
            throw DiskFull()
        })) { error in
            assertOneLine(error, naming: path, contains: "No space left on device")
        }
        XCTAssertTrue(sawTemporary, "the new content was complete in the temporary file before the rename")
        XCTAssertEqual(try read(path), "old")
        XCTAssertEqual(entries(directory), ["report.xml"])
    }

    func testDirectoryAsDestination() throws {
        XCTAssertThrowsError(try AtomicFileWriter.write("x", to: directory)) { error in
            assertOneLine(error, naming: directory, contains: "is a directory")
        }
        XCTAssertThrowsError(try AtomicFileWriter.write("x", to: directory + "/new-folder/")) { error in
            assertOneLine(error, naming: directory + "/new-folder/", contains: "is a directory")
        }
        XCTAssertEqual(entries(directory), [])
    }

    func testParentIsAFile() throws {
        try "not a folder".write(toFile: directory + "/file", atomically: false, encoding: .utf8)
        let path = directory + "/file/sub/report.xml"
        XCTAssertThrowsError(try AtomicFileWriter.write("x", to: path)) { error in
            assertOneLine(error, naming: path, contains: "\(directory)/file is not a directory")
        }
    }

    func testUnwritableDestinations() throws {
        if geteuid() != 0 {
            // Permission bits only stop non-root users.
            chmod(directory, 0o555)
            XCTAssertThrowsError(try AtomicFileWriter.write("x", to: directory + "/r.xml")) { error in
                assertOneLine(error, naming: directory + "/r.xml", contains: "Permission denied")
            }
            chmod(directory, 0o755)
            XCTAssertEqual(entries(directory), [])
        }
        #if os(Linux)
        // sysfs refuses new files even to root.
        XCTAssertThrowsError(try AtomicFileWriter.write("x", to: "/sys/pc-report.xml")) { error in
            assertOneLine(error, naming: "/sys/pc-report.xml", contains: "denied")
        }
        XCTAssertThrowsError(try AtomicFileWriter.write("x", to: "/sys/pc-reports/r.xml")) { error in
            assertOneLine(error, naming: "/sys/pc-reports/r.xml", contains: "cannot create directory /sys/pc-reports")
        }
        #endif
    }

    func testDeliveryWritesEveryFileAndReportsTheFirstFailure() throws {
        let report = ReportsFixture.report()
        let good = directory + "/out/r.json"
        let destinations = [ReportDestination(format: .junit, sink: .file(directory)),
                            ReportDestination(format: .json, sink: .file(good))]
        XCTAssertThrowsError(try ReportDelivery.deliver(report, to: destinations, environment: [:])) { error in
            assertOneLine(error, naming: directory, contains: "is a directory")
        }
        XCTAssertEqual(try read(good), JSONReporter().render(report), "a later destination is still written")
        let text = directory + "/r.txt"
        try ReportDelivery.deliver(report, to: [ReportDestination(format: .text, sink: .file(text))], environment: [:])
        XCTAssertEqual(try read(text), TextReporter(useColor: false).render(report), "files never get colour")
    }
}
