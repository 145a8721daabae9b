import TextFormats

/// A facts file from elsewhere (an older poolcheck, a hand-made one) may hold secrets in
/// its maps: they are masked on reading as they are on gathering, so no report, facts file
/// written from it, or simulator serving it passes them on.
extension ModelledRecord {
    func redactingMaps() -> Self {
        var copy = self
        for field in Self.fields {
            switch field.kind {
            case .map(let path), .secretMap(let path): copy[keyPath: path] = copy[keyPath: path].map(SecretRedactor.redact(map:))
            default: break
            }
        }
        return copy
    }
}

extension RecordSet where Record: ModelledRecord {
    func redactingMaps() -> Self {
        var copy = self
        copy.records = records.map { $0.redactingMaps() }
        return copy
    }
}

extension XapiDatabase {
    func redactingMaps() -> Self {
        var copy = self
        copy.pools = pools?.redactingMaps()
        copy.hosts = hosts?.redactingMaps()
        copy.PIFs = PIFs?.redactingMaps()
        copy.bonds = bonds?.redactingMaps()
        copy.networks = networks?.redactingMaps()
        copy.VLANs = VLANs?.redactingMaps()
        copy.tunnels = tunnels?.redactingMaps()
        copy.SRs = SRs?.redactingMaps()
        copy.PBDs = PBDs?.redactingMaps()
        copy.VMs = VMs?.redactingMaps()
        return copy
    }
}
