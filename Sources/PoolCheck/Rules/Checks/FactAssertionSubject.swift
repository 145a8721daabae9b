import Foundation

/// What a fact-assertion rule's `subject:` names: a XenAPI object found from each host.
public enum FactAssertionSubject: String, CaseIterable, Sendable {
    case host, pool
    case storagePIF = "storage_pif"
    case managementPIF = "management_pif"
    case storageNetwork = "storage_network"

    /// The fields the subject's XenAPI class models, which are the ones a rule can assert.
    public var fields: [SubjectField] {
        switch self {
        case .host: Host.subjectFields
        case .pool: Pool.subjectFields
        case .storagePIF, .managementPIF: PIF.subjectFields
        case .storageNetwork: Network.subjectFields
        }
    }

    public var summary: String {
        switch self {
        case .host: "the host's record (xe host-param-list)"
        case .pool: "the pool the host is in, as the host reports it (xe pool-param-list)"
        case .storagePIF: "the host's storage PIF (xe pif-list params=all)"
        case .managementPIF: "the host's management PIF (xe pif-list params=all)"
        case .storageNetwork: "the network of the storage PIF (xe network-list params=all)"
        }
    }

    /// Checks a rule's `field:` against the subject; the reason it is wrong otherwise.
    func validate(_ path: FieldPath) -> String? {
        let fields = self.fields
        guard let field = fields.first(where: { $0.name == path.field }) else {
            let lowered = path.field.lowercased().replacingOccurrences(of: "-", with: "_")
            let hint = fields.first { $0.name.lowercased() == lowered }.map { " (did you mean '\($0.name)'?)" } ?? ""
            return "'\(path.field)' is not a field poolcheck reads for \(rawValue)\(hint); its fields are \(fields.map(\.name).joined(separator: ", ")) (see `poolcheck rules fields \(rawValue)`)"
        }
        if let key = path.key {
            guard field.kind == "map" else { return "'\(path)': \(field.name) is a \(field.kind), not a map; only map fields take a key" }
            guard !key.isEmpty else { return "'\(path)' names no key after the '.'" }
        }
        return nil
    }
}
