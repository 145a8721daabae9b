/// The checks a run must judge on every target to be complete (DESIGN.md, exit status 4):
/// the six mission rules, and in preflight the pool-join checks.
public enum CoreRules {
    public static let mission: Set<String> = [
        "host-not-pooled", "storage-subnet-dedicated", "storage-subnet-mask",
        "nfs-export-acl", "storage-redundancy", "default-sr-propagated",
    ]

    public static func isCore(_ rule: String, phase: Phase) -> Bool {
        mission.contains(rule) || (phase == .preflight && rule.hasPrefix("join-"))
    }
}
