/// Every check kind a rule file may name.
public enum CheckKinds {
    public static let all: [String: CheckFactory] = [
        "host-not-pooled": plain(HostNotPooledCheck()),
        "storage-subnet-dedicated": plain(StorageSubnetDedicatedCheck()),
        "storage-subnet-mask": plain(StorageSubnetMaskCheck()),
        "nfs-export-acl": plain(NFSExportACLCheck()),
        "storage-redundancy": plain(StorageRedundancyCheck()),
        "default-sr-propagated": plain(DefaultSRPropagatedCheck()),
        "storage-ip-unique": plain(StorageIPUniqueCheck()),
        "subnet-capacity": SubnetCapacityCheck.factory,
        "nfs-export-exposure": NFSExportExposureCheck.factory,
        "pool-sr-set": PoolSRSetCheck.factory,
        "join-precondition": JoinPreconditionCheck.factory,
        "fact-assertion": FactAssertionCheck.factory,
        "nfs-server": NFSServerCheck.factory,
        "storage-traffic-isolated": plain(TrafficIsolationCheck()),
        "storage-traffic": TrafficPropertyCheck.factory,
        "sources-answered": plain(SourcesAnsweredCheck()),
    ]

    /// A kind that takes no parameters: any key besides `kind` is an error.
    static func plain(_ check: any Check) -> CheckFactory {
        { spec in
            _ = try spec.mapping(allowed: ["kind"])
            return check
        }
    }
}
