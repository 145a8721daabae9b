/// A way of presenting one scenario to poolcheck's command line.
enum Rendering: String, CaseIterable, Sendable {
    /// Transcripts: every pool-wide `xe` listing on the master; members hold only OS commands
    /// and their own `xe pool-param-list`.
    case masterListings = "transcripts:master-listings"
    /// Transcripts: every host's file holds all `xe` listings and its OS commands.
    case everyHost = "transcripts:every-host"
    /// xapi-sim serving the every-host transcripts, plus each host's OS-only transcript.
    case xapi = "xapi-sim+os-transcripts"
    /// `poolcheck facts` of the transcripts, then a run on the facts file.
    case facts = "facts-round-trip"
    /// Captures (`--pcap HOST:IFACE=FILE`) over the master-listings transcripts.
    case pcapTranscripts = "pcap+transcripts"
    /// Captures over xapi-sim.
    case pcapXapi = "pcap+xapi-sim"
    /// Captures gathered into the facts file with the transcripts.
    case pcapFacts = "pcap+facts-round-trip"

    var usesCaptures: Bool { self == .pcapTranscripts || self == .pcapXapi || self == .pcapFacts }
}

/// How the evidence itself is damaged or thinned, independent of the pool's state.
enum SourceFault: Sendable {
    case none
    /// These machines gave no transcript of their own (audit: still in the master's listings).
    case noEvidence([String])
    /// A notes file and the plan sit beside the transcripts in the folder.
    case notesBeside
    /// `--xapi` points at a port that refuses, for these machines (empty: the whole pool); no OS transcripts.
    case xapiRefused([String])
    /// The simulator runs but the password poolcheck gives is wrong; no OS transcripts.
    case xapiWrongPassword
    /// Every host's transcript holds only `uptime`.
    case uptimeOnly
    /// A facts file that holds no host at all.
    case emptyFacts
}

struct Mutation: @unchecked Sendable {
    var name: String
    var phase: Phase
    /// What it models, and which semantics decided its expectations.
    var note: String
    var renderings: [Rendering]
    var fault: SourceFault = .none
    /// `HOST:IFACE` -> capture, for the pcap renderings.
    var captures: [String: CaptureFile]? = nil
    var edit: (inout Scenario) -> Void = { _ in }
    /// What differs from the healthy run's verdicts (everything else must equal them).
    var delta: [(ResultKey, Expect)] = []
    /// rule -> expectation for every result of that rule on a target not listed (at least one must exist).
    var ruleWildcards: [String: Expect] = [:]
    /// target -> expectation for every result on that target from a rule not listed.
    var targetWildcards: [String: Expect] = [:]
    /// Hosts beyond the healthy three that the plan names (their healthy rows are not listed).
    var exit: Int32? = nil

    func scenario() -> Scenario {
        var scenario = phase == .audit ? HealthyPool.audit() : HealthyPool.preflight()
        edit(&scenario)
        return scenario
    }

    /// Every (rule, target) the run must produce, with its verdict.
    var expected: [ResultKey: Expect] {
        var map = phase == .audit ? Healthy.audit(captures: captures != nil) : Healthy.preflight()
        for (key, value) in delta { map[key] = value }
        return map
    }

    /// 1 any fail, 3 any error, 4 a core rule unchecked for lack of evidence, else 0.
    var expectedExit: Int32 {
        if let exit { return exit }
        let definite = expected.compactMap { key, value -> (ResultKey, String, String?)? in
            if case let .status(status, reason) = value { return (key, status, reason) }
            return nil
        } + ruleWildcards.compactMap { rule, value -> (ResultKey, String, String?)? in
            if case let .status(status, reason) = value { return (ResultKey(rule: rule, target: "*"), status, reason) }
            return nil
        }
        if definite.contains(where: { $0.1 == "fail" }) { return 1 }
        if definite.contains(where: { $0.1 == "error" }) { return 3 }
        if definite.contains(where: { $0.1 == "skip" && $0.2 == noEvidence && isCore($0.0.rule, phase) }) { return 4 }
        return 0
    }
}
