/// The XenAPI classes whose xe listings the snapshot gatherer reads.
enum XeClass: String, CaseIterable, Sendable {
    case pool, host, pif, bond, network, vlan, tunnel, sr, pbd, vm
}
