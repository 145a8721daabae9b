import Foundation
import Testing
@testable import PoolCheck

/// Rules that compare hosts with each other compute every host's value once per run, and
/// name the odd host out in the evidence without listing the whole pool on every result.
@Suite struct PeerComparisonTests {
    static func rule(_ check: String) throws -> RuleDefinition {
        try RuleLoader().parse("""
        id: t
        title: T
        category: c
        severity: error
        phases: [audit]
        scope: host
        check: {\(check)}
        rationale: r
        remediation: fix
        """, file: "t.yaml")
    }

    /// `count` hosts with a storage PIF each; `mtu(i)` nil leaves host i's MTU uncollected.
    static func pool(_ count: Int, mtu: (Int) -> Int?, mask: (Int) -> String = { _ in "255.255.255.0" }) -> Facts {
        Facts(views: (0..<count).map { index in
            var record = Host(uuid: "h\(index)")
            record.name_label = "xs-\(index + 1)"
            var pif = PIF(uuid: "p\(index)")
            pif.host = record.uuid
            pif.device = "eth2"
            pif.IP = "10.0.4.\(10 + index)"
            pif.netmask = mask(index)
            pif.MTU = mtu(index)
            pif.management = false
            var database = XapiDatabase()
            database.hosts = RecordSet(records: [record], complete: true)
            database.PIFs = RecordSet(records: [pif], complete: true)
            return HostView(name: "xs-\(index + 1)", sources: ["xs-\(index + 1).txt"], database: database)
        })
    }

    static func run(_ rule: RuleDefinition, _ facts: Facts) -> [CheckResult] {
        RuleEngine(catalog: RuleCatalog(rules: [rule])).run(facts: facts, plan: nil, phase: .audit).results
    }

    @Test func oneOddHostFailsEveryHostAndIsNamed() throws {
        let rule = try Self.rule("kind: fact-assertion, subject: storage_pif, field: MTU, same_on_every_host: true")
        let results = Self.run(rule, Self.pool(20) { $0 == 7 ? 1500 : 9000 })
        #expect(results.count == 20)
        #expect(results.allSatisfy { $0.status == .fail })
        let first = try #require(results.first { $0.target.name == "xs-1" })
        #expect(first.evidence.contains("xs-8 storage_pif.MTU = 1500"))
        // The 18 other hosts with 9000 are one line, naming five of them.
        #expect(first.evidence.contains("storage_pif.MTU = 9000 on 18 other hosts: xs-2, xs-3, xs-4, xs-5, xs-6 and 13 more"))
        #expect(first.evidence.count == 3)
        let odd = try #require(results.first { $0.target.name == "xs-8" })
        #expect(odd.message.contains("MTU is 1500"))
    }

    @Test func theSameValueEverywherePasses() throws {
        let rule = try Self.rule("kind: fact-assertion, subject: storage_pif, field: MTU, same_on_every_host: true")
        let results = Self.run(rule, Self.pool(5) { _ in 9000 })
        #expect(results.map(\.status) == Array(repeating: .pass, count: 5))
    }

    @Test func anUncollectedPeerValueSkipsTheOthersNamingIt() throws {
        let rule = try Self.rule("kind: fact-assertion, subject: storage_pif, field: MTU, same_on_every_host: true")
        let results = Self.run(rule, Self.pool(3) { $0 == 2 ? nil : 9000 })
        #expect(results.map(\.status) == [.skip, .skip, .skip])
        #expect(results[0].message.contains("xs-3's storage_pif.MTU not collected"))
    }

    @Test func aFieldPoolcheckDoesNotReadIsBadInput() throws {
        #expect {
            _ = try Self.rule("kind: fact-assertion, subject: storage_pif, field: mtu, equals: '9000'")
        } throws: { error in
            "\(error)".contains("t.yaml") && "\(error)".contains("'mtu' is not a field poolcheck reads for storage_pif") && "\(error)".contains("MTU")
        }
        // uuid and every modelled field are accepted.
        _ = try Self.rule("kind: fact-assertion, subject: host, field: uuid, present: true")
        _ = try Self.rule("kind: fact-assertion, subject: storage_network, field: bridge, present: true")
    }

    @Test func maskComparisonWithoutPlanNamesTheFirstDifferingHost() throws {
        let rule = try RuleCatalog.bundled().rule(id: "storage-subnet-mask")
        let results = Self.run(try #require(rule), Self.pool(6, mtu: { _ in 1500 }, mask: { $0 == 4 ? "255.255.254.0" : "255.255.255.0" }))
        #expect(results.filter { $0.status == .fail }.count == 6)
        let first = try #require(results.first { $0.target.name == "xs-1" })
        #expect(first.message.contains("differs from xs-5's /23"))
        let odd = try #require(results.first { $0.target.name == "xs-5" })
        #expect(odd.message.contains("differs from xs-1's /24"))
    }
}
