import Addressing
import NFSProbe

/// The export backing the SR (or the planned path) admits this host's storage IP.
struct NFSExportACLCheck: HostCheck {
    var source: EvidenceKind? { .nfs }

    func evaluate(host: HostSubject, in context: RuleContext) -> Finding {
        guard let server = context.nfsServer else {
            return Finding(host.target, .notApplicable,
                           "no NFS storage planned (storage.nfs) and no NFS SR found (`xe pbd-list params=all`)")
        }
        let path = server.path ?? "/"
        if let failure = context.nfsProbeFailure(server: server.address) {
            return Finding(host.target, .couldNotCheck, failure.message)
        }
        guard let list = context.exportEvidence(server: server.address, host: host) else {
            return Finding(host.target, .missingFacts,
                           "the export list of \(server.address) was not collected; run `showmount -e \(server.address)` or use --nfs \(server.address)")
        }
        let address: AddressEvidence
        switch host.configuredStorageAddress(in: context) {
        case .success(let configured): address = configured
        case .failure(let early): return early.finding
        }
        var evidence = ["NFS \(server.address):\(path) (\(server.origin))", "export list from \(list.origin)",
                        "storage address \(address.summary)"]
        let export: NFSExport
        switch list.coverage(of: path) {
        case .export(let found):
            export = found
        case .clientsUnknown(let shown):
            // Exported, to clients unknown: neither a pass nor a fail. No evidence.
            return Finding(host.target, .missingFacts,
                           "\(list.origin) lists \(shown) without its client list, so whether it admits \(host.name)'s storage IP \(address.address) is unknown; "
                               + ExportEvidence.clientListCommands(server: server.address),
                           evidence: evidence)
        case .absent:
            if let unproven = list.absenceUnproven {
                return Finding(host.target, .missingFacts,
                               "\(path) is not in the list, but \(unproven); run `showmount -e \(server.address)` unfiltered or use --nfs \(server.address)",
                               evidence: evidence)
            }
            if list.absenceIsRefusal(for: host) {
                return Finding(host.target, .violated, "\(server.address) exports nothing that covers \(path) to \(host.name)",
                               evidence: evidence,
                               remediation: "On \(server.address), export \(path) to the storage subnet in /etc/exports, then run `exportfs -ra`")
            }
            return Finding(host.target, .couldNotCheck,
                           "\(server.address) lists only the exports its asker may mount (\(list.dialect.rawValue) mountd), and did not list \(path) "
                               + "to \(list.askedFrom ?? "this asker"); ask from \(host.name)'s storage IP (--nfs-source) to know",
                           evidence: evidence)
        }
        evidence.append("export \(export.path) \(export.groups.joined(separator: ","))")
        let decision = ExportMatcher.literalVerdict(for: address.address, on: export, dialect: list.dialect)
        let note = address.planned ? " (planned address)" : ""
        switch decision.verdict {
        case .admitted:
            return Finding(host.target, .holds,
                           "\(export.path) admits \(host.name)'s storage IP \(address.address)\(note) via \(decision.group ?? "(everyone)")",
                           evidence: evidence)
        case .refused:
            return Finding(host.target, .violated,
                           "\(server.address):\(export.path) refuses \(host.name)'s storage IP \(address.address)\(note): \(decision.reason)",
                           evidence: evidence,
                           remediation: "On \(server.address), add \(address.address) (or the storage subnet) to \(export.path) in /etc/exports, then run `exportfs -ra`")
        case .unknown:
            return Finding(host.target, .couldNotCheck, "\(host.name): \(decision.reason)", evidence: evidence)
        }
    }
}
