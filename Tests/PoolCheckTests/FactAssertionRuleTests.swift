import XCTest
@testable import PoolCheck

/// fact-assertion judged: `matches` at bounded cost on values anyone can set, map keys,
/// and fields that were shown empty or lack a key judged as evidence, never "not collected".
extension RuleEngineTests {
    func hostRecordFacts(_ records: [PoolCheck.Host]) -> Facts {
        Facts(views: records.map { record in
            var database = XapiDatabase()
            database.hosts = RecordSet(records: [record], complete: true)
            return HostView(name: record.name_label ?? record.uuid, sources: ["\(record.uuid).txt"], database: database)
        })
    }

    func hostRecord(_ name: String, uuid: String, description: String? = nil, software: [String: String]? = nil) -> PoolCheck.Host {
        var record = PoolCheck.Host(uuid: uuid)
        record.name_label = name
        record.name_description = description
        record.software_version = software
        record.address = "172.16.0.1\(uuid.suffix(1))"
        return record
    }

    func matchesRule(_ pattern: String) throws -> RuleDefinition {
        let quoted = pattern.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return try rule("fact-assertion", extra: ", subject: host, field: name_description, matches: \"\(quoted)\"")
    }

    /// The pattern: ICU (NSRegularExpression, what `matches` used) backtracks on it
    /// for over 30 s at 60 characters. Measured here: 0.1 ms (60) and about 2 ms (10,000).
    func testPathologicalPatternAnswersQuicklyOnLongValues() throws {
        let rule = try matchesRule("(.*a){30}x")
        for length in [60, 10_000] {
            let facts = hostRecordFacts([hostRecord("xs-1", uuid: "u1", description: String(repeating: "a", count: length))])
            let clock = ContinuousClock.now
            let results = try run(rule, facts)
            let elapsed = ContinuousClock.now - clock
            XCTAssertEqual(results.map(\.status), [.fail], "\(length): \(results.map(\.message))")
            XCTAssertLessThan(elapsed, .seconds(2), "\(length) characters took \(elapsed)")
        }
    }

    func testOrdinaryPatternsKeepTheirMeaning() throws {
        let cases: [(pattern: String, value: String, matches: Bool)] = [
            ("^xs-[0-9]+$", "xs-12", true), ("^xs-[0-9]+$", "xs-12b", false),
            ("\\d{3}", "rack 042", true), ("\\d{3}", "rack 42", false),
            ("^\\D+$", "rack", true), ("\\bpdx\\b", "the pdx pool", true), ("\\bpdx\\b", "pdx0", false),
            ("prod|staging", "staging pool", true), ("^(prod|staging)$", "preprod", false),
            ("^a.c$", "aéc", true), ("PDX", "pdx", false), ("[[:upper:]]{3}[0-9]", "NA-US-OR-PDX-0", false),
            ("[[:upper:]]{3}-[0-9]", "NA-US-OR-PDX-0", true), ("1\\.2", "1x2", false), ("1\\.2", "v1.2", true),
            ("a\\<b", "a<b", true), ("^$", "", true), ("x+?", "xx", true),
        ]
        for (pattern, value, expected) in cases {
            let results = try run(try matchesRule(pattern), hostRecordFacts([hostRecord("xs-1", uuid: "u1", description: value)]))
            XCTAssertEqual(results.map(\.status), [expected ? .pass : .fail], "\(pattern) on '\(value)': \(results.map(\.message))")
        }
    }

    func testValueLongerThanTheLimitIsAnErrorNotAVerdict() throws {
        let long = String(repeating: "a", count: BoundedPattern.valueLimit + 1)
        let results = try run(try matchesRule("a"), hostRecordFacts([hostRecord("xs-1", uuid: "u1", description: long)]))
        XCTAssertEqual(results.map(\.status), [.error])
        XCTAssertTrue(results[0].message.contains("bytes long"), results[0].message)
    }

    func testMapKeyIsAddressableAndAMissingKeyIsEvidenceNotAPass() throws {
        let facts = hostRecordFacts([
            hostRecord("xs-1", uuid: "u1", software: ["product_brand": "XenServer", "product_version": "6.5.0"]),
            hostRecord("xs-2", uuid: "u2", software: ["product_version": "6.5.0"]),
        ])
        let brand = try run(try rule("fact-assertion", extra: ", subject: host, field: software_version.product_brand, equals: XenServer"), facts)
        XCTAssertEqual(brand.map(\.status), [.pass, .fail])
        XCTAssertTrue(brand[1].evidence.contains("xs-2 host.software_version has no key 'product_brand'"), "\(brand[1].evidence)")
        // A map XAPI did not send was not read: not collected, not "no such key".
        XCTAssertEqual(try run(try rule("fact-assertion", extra: ", subject: host, field: software_version.product_brand, equals: XenServer"),
                               hostRecordFacts([hostRecord("xs-3", uuid: "u3")])).map(\.status), [.skip])
        let present = try run(try rule("fact-assertion", extra: ", subject: host, field: software_version.product_brand, present: true"), facts)
        XCTAssertEqual(present.map(\.status), [.pass, .fail])
        let same = try run(try rule("fact-assertion", extra: ", subject: host, field: software_version.product_brand, same_on_every_host: true"), facts)
        XCTAssertEqual(same.map(\.status), [.fail, .fail])
        XCTAssertTrue(same[0].evidence.contains("xs-2 host.software_version.product_brand = <no such key>"), "\(same[0].evidence)")
        // A key no host has (misspelled?) compares nothing: could not check, never pass.
        let typo = try run(try rule("fact-assertion", extra: ", subject: host, field: software_version.product_brnad, same_on_every_host: true"), facts)
        XCTAssertEqual(typo.map(\.status), [.error, .error])
        XCTAssertTrue(typo[0].message.contains("is the key spelled right?"), typo[0].message)
        // ... unless a host's map was not read at all: then nothing can be compared yet.
        let unread = try run(try rule("fact-assertion", extra: ", subject: host, field: software_version.product_brnad, same_on_every_host: true"),
                             hostRecordFacts([hostRecord("xs-1", uuid: "u1", software: [:]), hostRecord("xs-3", uuid: "u3")]))
        XCTAssertEqual(unread.map(\.status), [.skip, .skip])
        XCTAssertTrue(unread[0].message.contains("xs-3's host.software_version.product_brnad not collected"), unread[0].message)
    }

    func testFieldShownEmptyIsJudgedAndANeverShownFieldIsNotCollected() throws {
        var shownEmpty = hostRecord("xs-1", uuid: "u1")
        shownEmpty.shown = ["name_label", "name_description"]
        var notShown = hostRecord("xs-2", uuid: "u2", description: "rack 4")
        notShown.shown = ["name_label"]
        // Over XAPI every field is read (shown nil): a text without a value was not sent.
        let fromXAPI = hostRecord("xs-3", uuid: "u3")
        let results = try run(try rule("fact-assertion", extra: ", subject: host, field: name_description, present: true"),
                              hostRecordFacts([shownEmpty, notShown, fromXAPI]))
        XCTAssertEqual(results.map(\.status), [.fail, .skip, .skip])
        XCTAssertTrue(results[0].message.contains("not set"), results[0].message)
        XCTAssertTrue(results[1].message.contains("not collected"), results[1].message)
        // ... but a reference without a value is a NULL reference: unset.
        let reference = try run(try rule("fact-assertion", extra: ", subject: host, field: crash_dump_sr, present: true"), hostRecordFacts([fromXAPI]))
        XCTAssertEqual(reference.map(\.status), [.fail])
    }

    func testRemediationPlaceholdersAreFilledFromTheTarget() throws {
        let rule = try RuleLoader().parse("""
        id: t
        title: T
        category: c
        severity: error
        phases: [audit]
        scope: host
        check: {kind: fact-assertion, subject: host, field: name_description, equals: racked}
        rationale: r
        remediation: "xe host-param-set uuid=<host-uuid> name-description=racked  # <host> at <address>, SR <SR uuid>"
        """, file: "t.yaml")
        let results = try run(rule, hostRecordFacts([hostRecord("xs-1", uuid: "u1", description: "loose")]))
        XCTAssertEqual(results.map(\.status), [.fail])
        XCTAssertEqual(results[0].remediation, "xe host-param-set uuid=u1 name-description=racked  # xs-1 at 172.16.0.11, SR <SR uuid>")
    }
}
