import Foundation
@testable import PoolCheck

/// Helpers shared by the Snapshot* tests.
enum SnapshotFixture {
    /// The repository root, found from this file's path (Tests/PoolCheckTests/...).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func example(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent("examples/pdx0").appendingPathComponent(relative).path
    }

    /// Parses transcript text held in memory, named `t.txt` in messages.
    static func parse(_ text: String, path: String = "t.txt") throws -> Facts {
        try SnapshotGatherer.parse(text: text, path: path)
    }

    /// The seed tutorial transcript ($POOLCHECK_SEED, or ../shared/seed beside the repository).
    static var seedPath: String? {
        let candidates: [String?] = [
            ProcessInfo.processInfo.environment["POOLCHECK_SEED"],
            repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/seed/xenserver-6.5-pool-tutorial.txt").path,
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// A fresh temporary folder, removed by the caller with `remove`.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("poolcheck-snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    /// The snapshot error `body` throws; nil when it reads, or fails some other way.
    static func snapshotError(_ body: () throws -> Facts) -> SnapshotError? {
        do {
            _ = try body()
            return nil
        } catch let error as SnapshotError {
            return error
        } catch {
            return nil
        }
    }

    /// The example pool after pooling, with xs-2's storage IP masked in xe's PIF listing
    /// (xs-1's file) and xs-2's ifconfig no longer showing xenbr2, plus `xs2Extra` at the
    /// end of xs-2's file: the rules must take xs-2's storage address from what is left.
    static func exampleWithXs2StorageAddressHidden(xs2Extra: String = "") throws -> Facts {
        let folder = try temporaryFolder()
        defer { remove(folder) }
        let source = repositoryRoot.appendingPathComponent("examples/pdx0/after")
        let xs1 = try String(contentsOf: source.appendingPathComponent("xs-1.txt"), encoding: .utf8)
        let xs2 = try String(contentsOf: source.appendingPathComponent("xs-2.txt"), encoding: .utf8)
        let masked = xs1.replacingOccurrences(of: "IP ( RO): 172.16.0.36", with: "IP ( RO): 172.16.x.x")
        let noBridge = xs2.replacingOccurrences(of: "    xenbr2 Link encap:Ethernet HWaddr 00:26:55:D1:E9:3A\n    inet addr:172.16.0.36 Bcast:172.16.0.47 Mask:255.255.255.240\n", with: "")
        guard masked != xs1, noBridge != xs2 else { throw InputError(file: source.path, line: nil, "the example no longer has xs-2's storage address") }
        try masked.write(to: folder.appendingPathComponent("xs-1.txt"), atomically: true, encoding: .utf8)
        try (noBridge + xs2Extra).write(to: folder.appendingPathComponent("xs-2.txt"), atomically: true, encoding: .utf8)
        return try SnapshotGatherer.gather(path: folder.path)
    }

    /// Each target's result of one bundled rule, judged in `phase` with the example plan.
    static func verdicts(of rule: String, facts: Facts, phase: Phase = .audit) throws -> [String: CheckResult] {
        let plan = try PlanLoader.load(path: example("plan.yaml"))
        guard let bundled = try RuleCatalog.bundled().rule(id: rule) else { throw InputError(file: rule, line: nil, "no such bundled rule") }
        let report = RuleEngine(catalog: RuleCatalog(rules: [bundled])).run(facts: facts, plan: plan, phase: phase)
        return Dictionary(report.results.map { ($0.target.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// What one host showed, as the transcript tests read it: its own observation, with the
/// pool database it could see (the shared one: every member's xe reads the master's).
@dynamicMemberLookup
struct HostReading {
    let observation: HostObservation
    let database: XapiDatabase

    subscript<Value>(dynamicMember path: KeyPath<HostObservation, Value>) -> Value { observation[keyPath: path] }

    /// This host's own record, found by name-label or hostname.
    var selfRecord: PoolCheck.Host? {
        database.hosts?.records.first { $0.name_label == observation.name || $0.hostname == observation.name }
    }
}

extension Facts {
    var views: [HostReading] { hosts.map { HostReading(observation: $0, database: database) } }
    func view(_ name: String) -> HostReading? { views.first { $0.name == name } }
}

/// One host's transcript, as the rule tests build it by hand: what the host's xe showed.
struct HostView {
    var name: String
    var sources: [String] = []
    var database = XapiDatabase()
}

extension Facts {
    /// Facts as if each view were its own transcript file: the records merge into the pool
    /// database, each host keeps its own reading of the pool record.
    init(views: [HostView]) {
        self.init()
        for view in views {
            let pool = view.database.pools?.records.last
            let membership = pool.map { PoolMembership(pool: $0.uuid, hosts: (view.database.hosts?.records ?? []).map(\.uuid),
                                                       complete: view.database.hosts?.complete ?? false) }
            var database = view.database
            if let pool { database.markComplete(forPools: [pool.uuid]) }
            merge(Facts(source: EvidenceSource(kind: .snapshot, label: view.sources.first ?? "\(view.name).txt"), database: database,
                        memberships: membership.map { [$0] } ?? [],
                        hosts: [HostObservation(name: view.name, sources: view.sources, pool: pool)]))
        }
    }
}
