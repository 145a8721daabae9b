import ArgumentParser
import Foundation
import PoolCheck

/// Options shared by `preflight` and `audit`.
struct CheckOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The pool's desired state (YAML).", valueName: "FILE"))
    var plan: String?

    @OptionGroup var sources: SourceOptions

    @Option(name: .customLong("report"), help: ArgumentHelp("text (default), json or junit, to PATH or stdout (-). Repeatable.", valueName: "FORMAT[:PATH]"))
    var reports: [String] = []

    @Option(name: .customLong("rules"), help: ArgumentHelp("A folder of rule files that add to or override the bundled ones.", valueName: "DIR"))
    var ruleDirectories: [String] = []

    @Flag(help: "Exit 0 instead of 4 when a core check went unchecked for lack of evidence (the report still says so).")
    var allowIncomplete = false

    func run(phase: Phase) async throws {
        let environment = ProcessInfo.processInfo.environment
        let destinations: [ReportDestination]
        do {
            destinations = reports.isEmpty ? [.default] : try reports.map { try ReportDestination(parsing: $0) }
            try ReportDestination.validate(destinations)
        } catch {
            throw fail("\(error)")
        }
        if plan == nil && sources.isEmpty {
            throw fail("nothing to check: give --plan FILE and/or a source (--snapshot PATH, --facts FILE, --xapi HOST, --nfs SERVER, --pcap, --capture)")
        }
        let loadedPlan: Plan?
        let catalog: RuleCatalog
        do {
            loadedPlan = try plan.map { try PlanLoader.load(path: $0) }
            catalog = try loadCatalog(ruleDirectories)
        } catch {
            throw fail("\(error)")
        }
        let facts = try await sources.gather(plan: loadedPlan, xapiMode: phase == .preflight ? .preflight : .audit)
        let fixedStart: Date?
        do {
            fixedStart = try ReportClock.sourceDateEpoch(environment)
        } catch {
            throw fail("\(error)")
        }
        var report = RuleEngine(catalog: catalog).run(facts: facts, plan: loadedPlan, phase: phase, started: fixedStart ?? Date())
        if fixedStart != nil { report.duration = 0 }
        do {
            try ReportDelivery.deliver(report, to: destinations, environment: environment)
        } catch {
            throw fail("\(error)")
        }
        throw Exit(code: report.exitStatus(allowIncomplete: allowIncomplete))
    }
}

func loadCatalog(_ directories: [String]) throws -> RuleCatalog {
    var catalog = try RuleCatalog.bundled()
    for directory in directories {
        try catalog.add(directory: directory)
    }
    return catalog
}

struct PreflightCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preflight", abstract: "Check that hosts can form or join the planned pool, before touching them.")
    @OptionGroup var options: CheckOptions
    func run() async throws { try await options.run(phase: .preflight) }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Audit a built pool against the plan and best practice.")
    @OptionGroup var options: CheckOptions
    func run() async throws { try await options.run(phase: .audit) }
}
