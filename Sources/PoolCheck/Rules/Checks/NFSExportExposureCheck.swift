import Addressing
import NFSProbe

/// The storage export is not open to everyone / not open to the management network.
struct NFSExportExposureCheck: Check {
    enum Forbidden: String { case world, management }
    let forbidden: Forbidden
    var source: EvidenceKind? { .nfs }

    static let factory: CheckFactory = { spec in
        let fields = try spec.mapping(allowed: ["kind", "forbid"])
        guard let value = fields["forbid"] else { throw spec.error("needs 'forbid: world' or 'forbid: management'") }
        guard let forbidden = Forbidden(rawValue: try value.string()) else {
            throw value.error("'forbid' must be world or management")
        }
        return NFSExportExposureCheck(forbidden: forbidden)
    }

    func evaluate(_ context: RuleContext) -> [Finding] {
        guard let server = context.nfsServer else {
            return [Finding(Target(kind: "export", name: "nfs"), .notApplicable, "no NFS storage planned or found")]
        }
        let path = server.path ?? "/"
        let target = Target(kind: "export", name: "\(server.address):\(path)")
        if let failure = context.nfsProbeFailure(server: server.address) {
            return [Finding(target, .couldNotCheck, failure.message)]
        }
        guard let list = context.exportEvidence(server: server.address, host: nil) else {
            return [Finding(target, .missingFacts,
                            "the export list of \(server.address) was not collected; run `showmount -e \(server.address)` or use --nfs \(server.address)")]
        }
        let export: NFSExport
        switch list.coverage(of: path) {
        case .export(let found):
            export = found
        case .clientsUnknown(let shown):
            return [Finding(target, .missingFacts, "\(list.origin) lists \(shown) without its client list; "
                                + ExportEvidence.clientListCommands(server: server.address))]
        case .absent:
            if let unproven = list.absenceUnproven {
                return [Finding(target, .missingFacts, "\(path) is not in the list, but \(unproven); run `showmount -e \(server.address)` unfiltered or use --nfs \(server.address)")]
            }
            return [Finding(target, .notApplicable, "no export covering \(path) is listed (see nfs-export-acl)")]
        }
        let evidence = ["export \(export.path) \(export.groups.joined(separator: ",")) (\(list.origin))"]
        switch forbidden {
        case .world:
            let exposure = export.worldOpen(dialect: list.dialect)
            if exposure.verdict == .admitted {
                return [Finding(target, .violated, "\(export.path) is exported to everyone (\(exposure.group ?? "*"))", evidence: evidence,
                                remediation: "On \(server.address), replace \(exposure.group ?? "*") for \(export.path) in /etc/exports with the storage subnet, then `exportfs -ra`")]
            }
            return [Finding(target, .holds, "\(export.path) is limited to \(export.groups.joined(separator: ","))", evidence: evidence)]
        case .management:
            guard let management = context.managementSubnet else {
                return [Finding(target, .missingFacts, "the management subnet is unknown; plan networks.management or collect `xe pif-list params=all`")]
            }
            let exposure = export.openness(to: management.subnet, dialect: list.dialect)
            let evidence = evidence + ["management subnet \(management.subnet) (\(management.origin))"]
            switch exposure.verdict {
            case .admitted:
                return [Finding(target, .violated,
                                "\(export.path) is open to the management network \(management.subnet) via \(exposure.group ?? "?")",
                                evidence: evidence,
                                remediation: "On \(server.address), remove \(exposure.group ?? "it") from \(export.path) in /etc/exports, then `exportfs -ra`")]
            case .unknown:
                return [Finding(target, .couldNotCheck,
                                "\(export.path): '\(exposure.group ?? "?")' needs name or netgroup resolution to tell whether it reaches \(management.subnet)",
                                evidence: evidence)]
            case .refused:
                return [Finding(target, .holds, "\(export.path) is not open to the management network \(management.subnet)",
                                evidence: evidence)]
            }
        }
    }
}
