import XCTest
@testable import PoolCheck

final class RuleLoaderTests: XCTestCase {
    let minimal = """
    id: my-rule
    title: Storage MTU is 9000
    category: storage-network
    severity: warning
    phases: [audit]
    scope: host
    check: {kind: fact-assertion, subject: storage_pif, field: MTU, equals: "9000"}
    rationale: Jumbo frames on storage.
    remediation: xe network-param-set MTU=9000
    """

    func testUserRuleLoadsWithYAMLOnly() throws {
        let rule = try RuleLoader().parse(minimal, file: "my.yaml")
        XCTAssertEqual(rule.id, "my-rule")
        XCTAssertEqual(rule.severity, .warning)
        XCTAssertEqual(rule.phases, [.audit])
        XCTAssertEqual(rule.checkKind, "fact-assertion")
    }

    private func assertLoadError(_ text: String, contains expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try RuleLoader().parse(text, file: "my.yaml"), file: file, line: line) { error in
            XCTAssertTrue("\(error)".hasPrefix("my.yaml:"), "\(error)", file: file, line: line)
            XCTAssertTrue("\(error)".contains(expected), "\(error) lacks '\(expected)'", file: file, line: line)
        }
    }

    func testLoadErrors() {
        assertLoadError(minimal.replacingOccurrences(of: "fact-assertion", with: "fact-asertion"), contains: "unknown check kind 'fact-asertion'")
        assertLoadError(minimal + "\nseverty: error\n", contains: "unknown key 'severty'")
        assertLoadError(minimal.replacingOccurrences(of: "equals: \"9000\"", with: "equal: 9000"), contains: "unknown key 'equal'")
        assertLoadError(minimal.replacingOccurrences(of: "severity: warning", with: "severity: fatal"), contains: "'fatal' is not one of error, warning, info")
        assertLoadError(minimal.replacingOccurrences(of: "[audit]", with: "[postflight]"), contains: "'postflight' is not a phase")
        assertLoadError(minimal.replacingOccurrences(of: "id: my-rule", with: "id: My Rule"), contains: "must be lower-case")
        assertLoadError(minimal.replacingOccurrences(of: "title: Storage MTU is 9000\n", with: ""), contains: "missing required key 'title'")
        assertLoadError(minimal.replacingOccurrences(of: "subject: storage_pif", with: "subject: disk"), contains: "'subject' must be one of")
    }

    func testDuplicateIDsInOneFolderAreAnError() throws {
        let folder = try temporaryFolder()
        try minimal.write(toFile: folder + "/a.yaml", atomically: true, encoding: .utf8)
        try minimal.write(toFile: folder + "/b.yaml", atomically: true, encoding: .utf8)
        var catalog = try RuleCatalog.bundled()
        XCTAssertThrowsError(try catalog.add(directory: folder)) { error in
            XCTAssertTrue("\(error)".contains("duplicate rule id 'my-rule'"), "\(error)")
        }
    }

    func testFolderRuleOverridesBundledRuleByID() throws {
        let folder = try temporaryFolder()
        let override = minimal.replacingOccurrences(of: "id: my-rule", with: "id: storage-mtu-consistent")
        try override.write(toFile: folder + "/mtu.yaml", atomically: true, encoding: .utf8)
        var catalog = try RuleCatalog.bundled()
        let before = catalog.rules.count
        try catalog.add(directory: folder)
        XCTAssertEqual(catalog.rules.count, before)
        XCTAssertEqual(catalog.rule(id: "storage-mtu-consistent")?.file, folder + "/mtu.yaml")
    }

    func testEveryRuleFileIsBundledAndMissionIDsExist() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/rules").filter { $0.hasSuffix(".yaml") }
        let catalog = try RuleCatalog.bundled()
        XCTAssertEqual(Set(catalog.rules.map { $0.file.replacingOccurrences(of: "bundled:", with: "") }), Set(files))
        // Package.swift names every rule file too (it embeds them).
        let manifest = try String(contentsOfFile: repositoryRoot + "/Package.swift", encoding: .utf8)
        for file in files { XCTAssertTrue(manifest.contains("\"\(file)\""), "Package.swift's ruleFiles lacks \(file)") }
        for id in ["host-not-pooled", "storage-subnet-dedicated", "storage-subnet-mask", "nfs-export-acl",
                   "storage-redundancy", "default-sr-propagated"] {
            XCTAssertNotNil(catalog.rule(id: id), id)
        }
    }
}

func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("pc-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
