import Foundation
import PoolCheck
import Testing
import XAPISimulator
import XenAPI

@Suite("XAPI gatherer against the simulator")
struct XapiGathererTests {
    private func gatherer(_ urls: [String], mode: XapiGatherer.Mode, password: String = SimHarness.password,
                          timeout: Duration = .seconds(5)) throws -> XapiGatherer {
        try XapiGatherer(targets: urls.map(XapiGatherer.Target.init(parsing:)), mode: mode,
                         credentials: XapiCredentials(password: password),
                         clientOptions: XapiClientOptions(callTimeout: timeout))
    }

    /// The generator's facts, with the names xe shows beside references filled in, as
    /// the gatherer must produce them.
    private func expectedDatabase(_ generator: SimScenarioGenerator) -> XapiDatabase {
        var database = generator.database()
        let hosts = database.hosts!
        let networks = database.networks!
        database.PIFs!.records = database.PIFs!.records.map { pif in
            var pif = pif
            pif.host_name_label = hosts[pif.host!]?.name_label
            pif.network_name_label = networks[pif.network!]?.name_label
            return pif
        }
        let srs = database.SRs!
        let pbds = database.PBDs!
        database.PBDs!.records = database.PBDs!.records.map { pbd in
            var pbd = pbd
            pbd.host_name_label = hosts[pbd.host!]?.name_label
            pbd.SR_name_label = srs[pbd.SR!]?.name_label
            return pbd
        }
        database.SRs!.records = database.SRs!.records.map { sr in
            var sr = sr
            sr.host = sr.PBDs!.count > 1 ? "<shared>" : hosts[pbds[sr.PBDs![0]]!.host!]?.name_label
            return sr
        }
        return database
    }

    private func sortedByUUID(_ database: XapiDatabase) -> XapiDatabase {
        var database = database
        database.pools?.records.sort { $0.uuid < $1.uuid }
        database.hosts?.records.sort { $0.uuid < $1.uuid }
        database.PIFs?.records.sort { $0.uuid < $1.uuid }
        database.networks?.records.sort { $0.uuid < $1.uuid }
        database.SRs?.records.sort { $0.uuid < $1.uuid }
        database.PBDs?.records.sort { $0.uuid < $1.uuid }
        database.VMs?.records.sort { $0.uuid < $1.uuid }
        for index in database.pools?.records.indices ?? 0..<0 { database.pools!.records[index].shown = nil }
        return database
    }

    @Test func auditGivesThePoolDatabaseOnceWithReferencesResolved() async throws {
        let generator = SimScenarioGenerator(hosts: 4, vms: 20)
        let simulator = try await XapiSimulator.start(XapiSimulator.Configuration(
            scenario: try generator.scenario(), password: SimHarness.password))
        defer { Task { await simulator.shutdown() } }
        // Asked through a member: followed to the master.
        let facts = try await gatherer([simulator.listener(named: "xs-2")!.url], mode: .audit).gather()
        #expect(facts.probeFailures.isEmpty)
        // An audit asks the pool: its database, no host observations, every host a member.
        #expect(facts.hosts.isEmpty)
        let database = facts.database
        #expect(database.hosts?.records.compactMap(\.name_label).sorted() == ["xs-1", "xs-2", "xs-3", "xs-4"])
        #expect(facts.memberships.first?.hosts.count == 4 && facts.memberships.first?.complete == true)
        // Facts -> simulator -> gatherer is the identity (refs resolved back to the same uuids).
        var expected = expectedDatabase(generator)
        expected.markComplete(forPools: (expected.pools?.records ?? []).map(\.uuid))
        #expect(sortedByUUID(database) == sortedByUUID(expected))
        #expect(database.pool != nil && database.pool?.shown == nil)
        #expect(facts.sources.first?.label.contains("which is a pool member") == true)
        #expect(facts.sources.first?.kind == .xapi)
        // Every record is attributed to the one source.
        #expect(database.allUUIDs.allSatisfy { facts.provenance[$0] == [0] })
    }

    @Test func preflightAsksEachCandidateOnItsOwn() async throws {
        let pool = try await XapiSimulator.start(XapiSimulator.Configuration(
            scenario: try SimScenarioGenerator(hosts: 2, vms: 0).scenario(), password: SimHarness.password))
        let lone = try await XapiSimulator.start(XapiSimulator.Configuration(
            scenario: try SimScenarioGenerator(hosts: 1, vms: 0).scenario(), password: SimHarness.password))
        defer { Task { await pool.shutdown(); await lone.shutdown() } }
        let facts = try await gatherer([lone.master!.url, pool.master!.url], mode: .preflight).gather()
        #expect(facts.probeFailures.isEmpty)
        // Both generated pools name their master xs-1; the views merge by name, so ask them apart.
        let loneFacts = try await gatherer([lone.master!.url], mode: .preflight).gather()
        #expect(loneFacts.hosts.map(\.name) == ["xs-1"])
        #expect(loneFacts.database.hosts?.records.count == 1)
        let pooled = try await gatherer([pool.master!.url], mode: .preflight).gather()
        #expect(pooled.hosts.map(\.name) == ["xs-1"])
        #expect(pooled.database.hosts?.records.count == 2)
        #expect(facts.hosts.count == 1)
    }

    @Test func unreachableHostsBecomeProbeFailuresAndTheRunGoesOn() async throws {
        let good = try await SimHarness.start(hosts: 2)
        let hanging = try await SimHarness.start(hosts: 1, faults: ["*": .delay(60)])
        let gone = try await SimHarness.start(hosts: 1)
        let goneURL = gone.master!.url
        await gone.shutdown()
        defer { Task { await good.shutdown(); await hanging.shutdown() } }
        let clock = ContinuousClock()
        let start = clock.now
        let facts = try await gatherer([good.master!.url, hanging.master!.url, goneURL], mode: .audit,
                                       timeout: .seconds(1)).gather()
        #expect(clock.now - start < .seconds(1 + SimHarness.slack))
        #expect(facts.database.hosts?.records.compactMap(\.name_label).sorted() == ["xs-1", "xs-2"])
        #expect(facts.probeFailures.map(\.target) == ["127.0.0.1", "127.0.0.1"])
        #expect(facts.probeFailures.contains { $0.message.hasPrefix(goneURL) })
        #expect(facts.probeFailures.contains { $0.message.hasPrefix(hanging.master!.url) })
        #expect(facts.probeFailures.allSatisfy { $0.source == .xapi && !$0.message.contains("\n") })
        #expect(facts.probeFailures.contains { $0.message.contains("connection refused") })
        #expect(facts.probeFailures.contains { $0.message.contains("no answer within 1 s") })
    }

    @Test func theCanaryPasswordAppearsNowhere() async throws {
        let directory = SimHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let logPath = directory + "/calls.jsonl"
        let simulator = try await SimHarness.start(hosts: 3, logPath: logPath)
        defer { Task { await simulator.shutdown() } }
        let facts = try await gatherer(simulator.listeners.map(\.url), mode: .audit).gather()
        let wrong = try await gatherer([simulator.master!.url], mode: .audit, password: SimHarness.password + "-wrong").gather()
        let encoder = JSONEncoder()
        let everything = [String(decoding: try encoder.encode(facts), as: UTF8.self),
                          String(decoding: try encoder.encode(wrong), as: UTF8.self),
                          try String(contentsOfFile: logPath, encoding: .utf8)]
        for text in everything { #expect(!text.contains(SimHarness.password)) }
        #expect(wrong.probeFailures.first?.message.contains("SESSION_AUTHENTICATION_FAILED") == true)
        // Read-only proven from the server's side: only login, logout and get_* were called.
        let methods = Set(simulator.log.calls.map(\.method))
        #expect(methods.allSatisfy { ReadOnlyPolicy.isAllowed($0) })
        #expect(methods.contains("VM.get_all_records") && methods.contains("session.logout"))
        // A fixed number of calls per pool asked: 1 login + 10 classes + 1 logout (+ redirected logins).
        let masterCalls = simulator.log.calls.filter { $0.host == "xs-1" }.count
        #expect(masterCalls == 3 * 12 + 1)
    }
}
