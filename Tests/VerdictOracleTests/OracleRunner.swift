import Foundation

/// One run of poolcheck for one mutation in one rendering: writes the inputs, starts any
/// simulators (stopped by pid on every path), runs the CLI, and parses the JSON report.
struct OracleRun {
    var mutation: String
    var rendering: Rendering
    var exitStatus: Int32
    var results: [ResultKey: ActualResult]
    /// Set when the run could not be made or its report not read.
    var problem: String?
    var stderr: String
}

enum OracleRunner {
    static let simPassword = "oracle-sim-pw"

    static func run(_ mutation: Mutation, _ rendering: Rendering) -> OracleRun {
        var outcome = OracleRun(mutation: mutation.name, rendering: rendering, exitStatus: -1, results: [:], problem: nil, stderr: "")
        let folder: String
        do { folder = try oracleTemporaryFolder(mutation.name) } catch {
            outcome.problem = "cannot make a temporary folder: \(error)"
            return outcome
        }
        var simulators: [Process] = []
        defer {
            for simulator in simulators where simulator.isRunning {
                kill(simulator.processIdentifier, SIGTERM)
                simulator.waitUntilExit()
            }
            if ProcessInfo.processInfo.environment["ORACLE_KEEP"] == nil { try? FileManager.default.removeItem(atPath: folder) }
        }
        do {
            let scenario = mutation.scenario()
            let plan = folder + "/plan.yaml"
            try writeText(scenario.plan.yaml, to: plan)
            var arguments = [mutation.phase.rawValue, "--plan", plan]
            var environment: [String: String] = [:]
            var captureArguments: [String] = []
            if rendering.usesCaptures, let captures = mutation.captures {
                for (spec, capture) in captures.sorted(by: { $0.key < $1.key }) {
                    let path = folder + "/captures/" + spec.replacingOccurrences(of: ":", with: "_") + ".pcap"
                    try FileManager.default.createDirectory(atPath: folder + "/captures", withIntermediateDirectories: true)
                    try capture.write(to: path)
                    captureArguments += ["--pcap", "\(spec)=\(path)"]
                }
            }
            switch rendering {
            case .masterListings, .everyHost, .pcapTranscripts:
                let layout = rendering == .everyHost || mutation.phase == .preflight
                    ? TranscriptRenderer.everyHost(scenario) : TranscriptRenderer.masterListings(scenario)
                arguments += ["--snapshot", try writeTranscripts(layout, mutation, to: folder + "/snapshot")] + captureArguments
            case .facts, .pcapFacts:
                let facts = folder + "/facts.json"
                if case .emptyFacts = mutation.fault {
                    try writeText(#"{"schema": "poolcheck.facts/v2", "sources": [], "database": {}, "provenance": [], "memberships": [], "hosts": [], "conflicts": [], "nfsServers": [], "traffic": [], "captureProblems": [], "probeFailures": [], "warnings": []}"#,
                                  to: facts)
                } else {
                    let layout = mutation.phase == .preflight ? TranscriptRenderer.everyHost(scenario) : TranscriptRenderer.masterListings(scenario)
                    let snapshot = try writeTranscripts(layout, mutation, to: folder + "/snapshot")
                    let gathered = try runProcess(OracleBinaries.engine, ["facts", "--snapshot", snapshot, "--offline", "-o", facts] + captureArguments,
                                                  timeout: 60)
                    guard gathered.status == 0 else {
                        outcome.problem = "`poolcheck facts` exited \(gathered.status): \(gathered.stderr.prefix(300))"
                        return outcome
                    }
                }
                arguments += ["--facts", facts]
            case .xapi, .pcapXapi:
                environment["POOLCHECK_PASSWORD"] = simPassword
                let refused: [String]? = { if case let .xapiRefused(hosts) = mutation.fault { return hosts }; return nil }()
                var dropped: Set<String> = []
                if case let .noEvidence(hosts) = mutation.fault { dropped = Set(hosts) }
                let layout = TranscriptRenderer.everyHost(scenario)
                var targets: [String] = []
                if refused == [] {
                    targets.append("http://127.0.0.1:\(try closedPort())")
                } else if mutation.phase == .audit {
                    // One simulator serves the pool; poolcheck asks its master.
                    let snapshot = try writeFiles(layout, to: folder + "/sim")
                    let (process, hosts) = try startSimulator(snapshot: snapshot, folder: folder + "/sim-run")
                    simulators.append(process)
                    guard let master = hosts.first(where: { $0.master }) else { throw OracleError("xapi-sim reported no master") }
                    targets.append(master.url)
                } else {
                    // Preflight: each host is its own pool and is asked on its own.
                    for machine in scenario.machines where !dropped.contains(machine.name) {
                        if refused?.contains(machine.name) == true {
                            targets.append("http://127.0.0.1:\(try closedPort())")
                            continue
                        }
                        let snapshot = try writeFiles([machine.name: layout[machine.name]!], to: folder + "/sim-\(machine.name)")
                        let (process, hosts) = try startSimulator(snapshot: snapshot, folder: folder + "/sim-run-\(machine.name)")
                        simulators.append(process)
                        guard let host = hosts.first(where: { $0.name == machine.name }) else {
                            throw OracleError("xapi-sim for \(machine.name) does not serve it: \(hosts.map(\.name))")
                        }
                        targets.append(host.url)
                    }
                }
                if case .xapiWrongPassword = mutation.fault { environment["POOLCHECK_PASSWORD"] = "not-the-password" }
                arguments += targets.flatMap { ["--xapi", $0] }
                let failedSource: Bool = {
                    switch mutation.fault {
                    case .xapiWrongPassword: return true
                    case let .xapiRefused(hosts): return hosts.isEmpty
                    default: return false
                    }
                }()
                if !failedSource {
                    var osFiles = TranscriptRenderer.osOnly(scenario)
                    for name in dropped { osFiles[name] = nil }
                    if let refused { for name in refused { osFiles[name] = nil } }
                    if !osFiles.isEmpty { arguments += ["--snapshot", try writeFiles(osFiles, to: folder + "/os")] }
                }
                arguments += captureArguments
            }
            arguments += ["--offline", "--report", "json:-"]
            let run = try runProcess(OracleBinaries.engine, arguments, environment: environment, timeout: 90)
            outcome.exitStatus = run.status
            outcome.stderr = run.stderr
            if run.timedOut { outcome.problem = "poolcheck did not finish in 90 s" }
            guard let data = run.stdout.data(using: .utf8),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let results = object["results"] as? [[String: Any]] else {
                outcome.problem = (outcome.problem ?? "") + "no JSON report (exit \(run.status)): \(run.stderr.prefix(400))"
                return outcome
            }
            for result in results {
                let rule = result["rule"] as? String ?? "?"
                let target = (result["target"] as? [String: Any])?["name"] as? String ?? "?"
                let key = ResultKey(rule: rule, target: target)
                let actual = ActualResult(status: result["status"] as? String ?? "?", skipReason: result["skip_reason"] as? String,
                                          message: result["message"] as? String ?? "")
                if outcome.results[key] != nil {
                    outcome.problem = (outcome.problem ?? "") + "two results for \(key); "
                }
                outcome.results[key] = actual
            }
        } catch {
            outcome.problem = "\(error)"
        }
        return outcome
    }

    /// Writes one transcript per machine, shaped by the mutation's fault.
    static func writeTranscripts(_ files: [String: String], _ mutation: Mutation, to folder: String) throws -> String {
        var files = files
        switch mutation.fault {
        case let .noEvidence(hosts):
            for host in hosts { files[host] = nil }
        case .uptimeOnly:
            for name in files.keys {
                files[name] = "[root@\(name) ~]# uptime\n 10:42:07 up 12 days,  3:04,  1 user,  load average: 0.08, 0.03, 0.05\n"
            }
        default:
            break
        }
        let path = try writeFiles(files, to: folder)
        if case .notesBeside = mutation.fault {
            try writeText("Audit of PDX0, taken 2015-06-12 by the storage team.\nxs-2 was rebooted before the capture.\n",
                          to: path + "/NOTES.md")
            try writeText(mutation.scenario().plan.yaml, to: path + "/plan.yaml")
        }
        return path
    }

    static func writeFiles(_ files: [String: String], to folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in files { try writeText(text, to: folder + "/\(name).txt") }
        return folder
    }

    struct SimHostInfo { var name: String; var url: String; var master: Bool }

    /// Starts xapi-sim over plain HTTP on free loopback ports and waits for its ready file.
    static func startSimulator(snapshot: String, folder: String) throws -> (Process, [SimHostInfo]) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let ready = folder + "/ready.json"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: OracleBinaries.simulator)
        process.arguments = ["--snapshot", snapshot, "--http", "--port-base", "0", "--bind", "127.0.0.1", "--ready-file", ready]
        process.environment = ProcessInfo.processInfo.environment.merging(["XAPI_SIM_PASSWORD": simPassword]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: folder + "/sim.log", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: folder + "/sim.log")
        process.standardInput = FileHandle.nullDevice
        guard FileManager.default.isExecutableFile(atPath: OracleBinaries.simulator) else {
            throw OracleError("xapi-sim not built at \(OracleBinaries.simulator)")
        }
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let data = FileManager.default.contents(atPath: ready),
               let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
               let hosts = object["hosts"] as? [[String: Any]] {
                return (process, hosts.map {
                    SimHostInfo(name: $0["name"] as? String ?? "", url: $0["url"] as? String ?? "", master: $0["master"] as? Bool ?? false)
                })
            }
            if !process.isRunning {
                let log = (try? String(contentsOfFile: folder + "/sim.log", encoding: .utf8)) ?? ""
                throw OracleError("xapi-sim exited \(process.terminationStatus) before it was ready: \(log.prefix(400))")
            }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        throw OracleError("xapi-sim was not ready within 30 s")
    }

    /// A loopback port nothing listens on (bound, read, released).
    static func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw OracleError("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw OracleError("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw OracleError("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
