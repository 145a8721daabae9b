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

    /// A misspelled field was once loaded and then skipped forever as "not collected".
    func testEveryFieldPathIsCheckedAgainstItsSubject() throws {
        func assertion(_ subject: String, _ field: String) -> String {
            minimal.replacingOccurrences(of: "subject: storage_pif, field: MTU", with: "subject: \(subject), field: \(field)")
        }
        assertLoadError(assertion("storage_pif", "mtu"), contains: "my.yaml:7: check.field: 'mtu' is not a field poolcheck reads for storage_pif (did you mean 'MTU'?)")
        assertLoadError(assertion("pool", "ha-enabled"), contains: "(did you mean 'ha_enabled'?)")
        assertLoadError(assertion("host", "MTU.size"), contains: "MTU' is not a field poolcheck reads for host")
        assertLoadError(assertion("storage_pif", "MTU.size"), contains: "MTU is a number, not a map; only map fields take a key")
        assertLoadError(assertion("host", "software_version."), contains: "names no key")
        for subject in FactAssertionSubject.allCases {
            assertLoadError(assertion(subject.rawValue, "no_such_field"), contains: "its fields are uuid, ")
            for field in subject.fields {
                XCTAssertNoThrow(try RuleLoader().parse(assertion(subject.rawValue, field.kind == "map" ? field.name + ".some.key" : field.name), file: "my.yaml"),
                                 "\(subject.rawValue).\(field.name)")
            }
        }
    }

    func testMatchesPatternsThatCannotBeBoundedOrWouldChangeMeaningAreRefused() {
        func matching(_ pattern: String) -> String {
            minimal.replacingOccurrences(of: "equals: \"9000\"", with: "matches: '\(pattern)'")
        }
        XCTAssertNoThrow(try RuleLoader().parse(matching("(.*a){30}x"), file: "my.yaml"))
        assertLoadError(matching("((a{100}){100}){100}"), contains: "my.yaml:7: check.matches: '((a{100}){100}){100}' is refused: it expands to")
        assertLoadError(matching("(a)\\1"), contains: "'\\1' is not supported")
        assertLoadError(matching("(?i)pdx"), contains: "'(?' groups")
        assertLoadError(matching("[\\d.]+"), contains: "inside [...] is a literal backslash")
        assertLoadError(matching("a{300}"), contains: "m <= n <= 255")
        assertLoadError(matching("(ab"), contains: "never closed")
        assertLoadError(matching("ab)"), contains: "closes no group")
    }

    func testRemediationPlaceholdersAreKnownForTheScope() throws {
        func fix(_ text: String, scope: String = "host") -> String {
            minimal.replacingOccurrences(of: "remediation: xe network-param-set MTU=9000", with: "remediation: \"\(text)\"")
                .replacingOccurrences(of: "scope: host", with: "scope: \(scope)")
        }
        XCTAssertNoThrow(try RuleLoader().parse(fix("xe host-param-set uuid=<host-uuid> on <host> (<address>) in <pool>, MTU <mtu>"), file: "my.yaml"))
        assertLoadError(fix("xe pif-unplug on <hots>"), contains: "my.yaml:9: remediation: unknown placeholder '<hots>' in remediation; poolcheck fills <host>")
        assertLoadError(fix("on <host>", scope: "pool"), contains: "'<host>' (the host's name) cannot be filled in a rule of scope pool")
        XCTAssertNoThrow(try RuleLoader().parse(fix("xe pool-param-set uuid=<pool> when x < y or y > 2"), file: "my.yaml"))
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
