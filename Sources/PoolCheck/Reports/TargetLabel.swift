extension Target {
    /// How reports name a target: "xs-1" for a host (the common case, kept
    /// short), otherwise kind and name: "pool PDX0", "sr NFS SR",
    /// "export 172.16.0.34:/srv/vhd".
    public var reportLabel: String {
        kind == "host" ? name : "\(kind) \(name)"
    }
}
