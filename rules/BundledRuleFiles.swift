// The rule files shipped inside the binary, so it finds them from any working
// directory. A test checks this list names every *.yaml in this folder.
public enum BundledRuleFiles {
    public static let all: [(name: String, text: String)] = [
        ("crash-dump-sr-set.yaml", String(decoding: PackageResources.crash_dump_sr_set_yaml, as: UTF8.self)),
        ("default-sr-propagated.yaml", String(decoding: PackageResources.default_sr_propagated_yaml, as: UTF8.self)),
        ("host-not-pooled.yaml", String(decoding: PackageResources.host_not_pooled_yaml, as: UTF8.self)),
        ("join-ha-disabled.yaml", String(decoding: PackageResources.join_ha_disabled_yaml, as: UTF8.self)),
        ("join-no-bonds.yaml", String(decoding: PackageResources.join_no_bonds_yaml, as: UTF8.self)),
        ("join-no-non-management-vlans.yaml", String(decoding: PackageResources.join_no_non_management_vlans_yaml, as: UTF8.self)),
        ("join-no-running-vms.yaml", String(decoding: PackageResources.join_no_running_vms_yaml, as: UTF8.self)),
        ("join-no-shared-srs.yaml", String(decoding: PackageResources.join_no_shared_srs_yaml, as: UTF8.self)),
        ("join-no-tunnels.yaml", String(decoding: PackageResources.join_no_tunnels_yaml, as: UTF8.self)),
        ("join-same-management-vlan.yaml", String(decoding: PackageResources.join_same_management_vlan_yaml, as: UTF8.self)),
        ("join-same-software-version.yaml", String(decoding: PackageResources.join_same_software_version_yaml, as: UTF8.self)),
        ("nfs-export-acl.yaml", String(decoding: PackageResources.nfs_export_acl_yaml, as: UTF8.self)),
        ("nfs-export-not-on-management.yaml", String(decoding: PackageResources.nfs_export_not_on_management_yaml, as: UTF8.self)),
        ("nfs-export-not-world-open.yaml", String(decoding: PackageResources.nfs_export_not_world_open_yaml, as: UTF8.self)),
        ("nfs-server-answers.yaml", String(decoding: PackageResources.nfs_server_answers_yaml, as: UTF8.self)),
        ("nfs-services-registered.yaml", String(decoding: PackageResources.nfs_services_registered_yaml, as: UTF8.self)),
        ("sources-answered.yaml", String(decoding: PackageResources.sources_answered_yaml, as: UTF8.self)),
        ("storage-bond-lacp.yaml", String(decoding: PackageResources.storage_bond_lacp_yaml, as: UTF8.self)),
        ("storage-ip-unique.yaml", String(decoding: PackageResources.storage_ip_unique_yaml, as: UTF8.self)),
        ("storage-mtu-consistent.yaml", String(decoding: PackageResources.storage_mtu_consistent_yaml, as: UTF8.self)),
        ("storage-redundancy.yaml", String(decoding: PackageResources.storage_redundancy_yaml, as: UTF8.self)),
        ("storage-subnet-dedicated.yaml", String(decoding: PackageResources.storage_subnet_dedicated_yaml, as: UTF8.self)),
        ("storage-subnet-mask.yaml", String(decoding: PackageResources.storage_subnet_mask_yaml, as: UTF8.self)),
        ("storage-traffic-isolated.yaml", String(decoding: PackageResources.storage_traffic_isolated_yaml, as: UTF8.self)),
        ("storage-traffic-mtu.yaml", String(decoding: PackageResources.storage_traffic_mtu_yaml, as: UTF8.self)),
        ("storage-traffic-vlan.yaml", String(decoding: PackageResources.storage_traffic_vlan_yaml, as: UTF8.self)),
        ("subnet-capacity.yaml", String(decoding: PackageResources.subnet_capacity_yaml, as: UTF8.self)),
        ("suspend-image-sr-set.yaml", String(decoding: PackageResources.suspend_image_sr_set_yaml, as: UTF8.self)),
    ]
}
