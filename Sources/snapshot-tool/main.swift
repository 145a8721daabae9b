// snapshot-tool: writes synthetic pool transcripts and times the snapshot parser.
// Used by bench/parse-64-hosts.sh; not part of poolcheck's command line.
import Foundation
import PoolCheck

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

let usage = """
usage: snapshot-tool generate [--hosts N] [--vms M] [--repeat-listings] DIR
       snapshot-tool parse PATH [--json]
       snapshot-tool judge PATH [--runs N]   (CPU ms of parsing and of judging every rule, in process)
"""

var arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first else { fail(usage) }
arguments.removeFirst()

@MainActor func option(_ name: String, default value: Int) -> Int {
    guard let index = arguments.firstIndex(of: name) else { return value }
    guard index + 1 < arguments.count, let number = Int(arguments[index + 1]), number > 0 else {
        fail("\(name) needs a positive number")
    }
    arguments.removeSubrange(index...(index + 1))
    return number
}

/// CPU time this process has used (user + system), in milliseconds.
func cpuMilliseconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1_000_000
}

switch mode {
case "generate":
    let repeatListings = arguments.contains("--repeat-listings")
    arguments.removeAll { $0 == "--repeat-listings" }
    let pool = SyntheticPool(hosts: option("--hosts", default: 64), vms: option("--vms", default: 2000),
                             repeatListings: repeatListings)
    guard let folder = arguments.first else { fail(usage) }
    do {
        try pool.write(to: folder)
    } catch {
        fail("\(folder): \(error)")
    }
case "parse":
    let json = arguments.contains("--json")
    arguments.removeAll { $0 == "--json" }
    guard let path = arguments.first else { fail(usage) }
    do {
        let facts = try SnapshotGatherer.gather(path: path)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(facts))
            print()
        } else {
            let database = facts.database
            let records = (database.VMs?.records.count ?? 0) + (database.PIFs?.records.count ?? 0)
                + (database.PBDs?.records.count ?? 0) + (database.hosts?.records.count ?? 0)
            print("\(facts.hosts.count) hosts seen at a prompt, \(records) VM/PIF/PBD/host records, \(facts.warnings.count) warnings")
            for warning in facts.warnings { print("warning: \(warning)") }
        }
    } catch let error as SnapshotError {
        fail(error.description)
    } catch {
        fail("\(path): \(error)")
    }
case "judge":
    // In process, so the figures are the work itself, without the process start and the
    // rule files' loading that a whole `poolcheck audit` also pays.
    let runs = option("--runs", default: 20)
    guard let path = arguments.first else { fail(usage) }
    do {
        let catalog = try RuleCatalog.bundled()
        var parse: [Double] = [], judge: [Double] = []
        var results = 0
        for _ in 0..<runs {
            let start = cpuMilliseconds()
            let facts = try SnapshotGatherer.gather(path: path)
            let parsed = cpuMilliseconds()
            results = RuleEngine(catalog: catalog).run(facts: facts, plan: nil, phase: .audit).results.count
            let judged = cpuMilliseconds()
            parse.append(parsed - start)
            judge.append(judged - parsed)
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        print("parse_ms=\(median(parse)) judge_ms=\(median(judge)) total_ms=\(median(zip(parse, judge).map(+))) results=\(results) runs=\(runs)")
    } catch {
        fail("\(path): \(error)")
    }
default:
    fail(usage)
}
