/// What the NFS server itself answers over RPC: the services XenServer needs are
/// registered with rpcbind on TCP, and nfsd answers a NULL call (mountd can answer
/// while NFS does not, and then every mount fails).
struct NFSServerCheck: Check {
    var source: EvidenceKind? { .nfs }
    enum Expectation: String, CaseIterable { case registered, answers }
    let expectation: Expectation

    static let factory: CheckFactory = { spec in
        let fields = try spec.mapping(allowed: ["kind", "expect"])
        guard let value = fields["expect"], let expectation = Expectation(rawValue: try value.string()) else {
            throw spec.error("needs 'expect: registered' or 'expect: answers'")
        }
        return NFSServerCheck(expectation: expectation)
    }

    /// rpcbind, mountd v3 and NFS v3, each on TCP, as XenServer's NFS SR uses them.
    static let required: [(program: UInt32, version: UInt32, name: String)] = [
        (100_000, 2, "rpcbind"), (100_005, 3, "mountd v3"), (100_003, 3, "nfs v3"),
    ]

    func evaluate(_ context: RuleContext) -> [Finding] {
        guard let planned = context.nfsServer else {
            return [Finding(Target(kind: "server", name: "nfs"), .notApplicable, "no NFS storage planned or found")]
        }
        let target = Target(kind: "server", name: planned.address)
        if let failure = context.facts.probeFailures.first(where: { $0.source == .nfs && $0.target == planned.address }) {
            return [Finding(target, .couldNotCheck, failure.message)]
        }
        guard let server = context.facts.nfsServers.first(where: { $0.server == planned.address }),
              let services = server.services else {
            return [Finding(target, .missingFacts, "\(planned.address) was not asked over RPC; use --nfs \(planned.address) (or drop --offline)")]
        }
        switch expectation {
        case .registered:
            let evidence = services.map { "program \($0.program) v\($0.version) \($0.protocol) port \($0.port)" }
            let missing = Self.required.filter { need in
                !services.contains { $0.program == need.program && $0.version == need.version && $0.protocol == .tcp }
            }
            if missing.isEmpty {
                return [Finding(target, .holds, "rpcbind, mountd v3 and nfs v3 are registered on TCP", evidence: evidence)]
            }
            return [Finding(target, .violated,
                            "\(planned.address) has no TCP registration for \(missing.map(\.name).joined(separator: ", "))",
                            evidence: evidence,
                            remediation: "On \(planned.address), start the missing services (rpcbind, nfs-server / nfs-ganesha) and check `rpcinfo -p`")]
        case .answers:
            let replies = server.nfsNullReplies ?? [:]
            let evidence = replies.sorted { $0.key < $1.key }.map { "NFS v\($0.key) NULL call: \($0.value ? "answered" : "no answer")" }
            if replies["3"] == true {
                return [Finding(target, .holds, "nfsd answers NFS v3 on \(planned.address)", evidence: evidence)]
            }
            return [Finding(target, .violated, "\(planned.address): mountd answers but NFS v3 does not; mounts will fail", evidence: evidence,
                            remediation: "On \(planned.address), start the NFS server (knfsd: `systemctl start nfs-server`; ganesha: `systemctl start nfs-ganesha`)")]
        }
    }
}
