import Foundation
import Testing
@testable import PoolCheck

/// The synthetic pool writer (used by bench/) round-trips through the parser: what it
/// wrote in xe/ifconfig/mount/showmount format is what the parser reads back.
@Suite struct SnapshotSyntheticTests {
    @Test func roundTrip() throws {
        let pool = SyntheticPool(hosts: 5, vms: 40)
        let folder = try SnapshotFixture.temporaryFolder()
        defer { SnapshotFixture.remove(folder) }
        try pool.write(to: folder.path)
        let facts = try SnapshotGatherer.gather(path: folder.path)
        #expect(facts.warnings == [])
        #expect(Set(facts.views.map(\.name)) == Set((0..<5).map(pool.hostName)))

        let master = try #require(facts.view(pool.hostName(0)))
        let database = master.database
        #expect(database.hosts?.records.map(\.uuid) == (0..<5).map(pool.hostUUID))
        #expect(database.hosts?.complete == true)
        #expect(database.pool?.uuid == pool.poolUUID)
        #expect(database.pool?.master == pool.hostUUID(0))
        #expect(database.pool?.default_SR == pool.sharedSRUUID)
        #expect(database.pool?.ha_enabled == false)
        #expect(database.PIFs?.records.count == 20)
        #expect(database.PIFs?.complete == true)
        let storage = try #require(database.PIFs?[pool.pifUUID(3, 2)])
        #expect(storage.device == "eth2" && storage.IP == pool.storageIP(3) && storage.host == pool.hostUUID(3))
        #expect(storage.ip_configuration_mode == "Static" && storage.MTU == 1500 && storage.bond_master_of == [])
        #expect(database.bonds?.records == [] && database.bonds?.complete == true)
        #expect(database.networks?.records.map(\.bridge) == ["xenbr0", "xenbr1", "xenbr2", "xenbr3"])
        #expect(database.SRs?.records.count == 6)
        #expect(database.SRs?[pool.sharedSRUUID]?.host == "<shared>")
        #expect(database.PBDs?.records.count == 10)
        #expect(database.PBDs?[pool.pbdUUID(4, shared: true)]?.device_config?["server"] == SyntheticPool.nfsServer)
        #expect(database.VMs?.records.count == 45)
        #expect(database.VMs?.records.filter { $0.is_control_domain == true }.count == 5)
        #expect(database.VMs?[pool.vmUUID(0)]?.resident_on == nil) // halted
        #expect(database.VMs?[pool.vmUUID(1)]?.resident_on == pool.hostUUID(1))

        let model = PoolModel(facts: facts, plan: nil, phase: .audit)
        for host in 1..<5 {
            let view = try #require(facts.view(pool.hostName(host)))
            #expect(view.hostname == pool.hostName(host))
            #expect(view.pool?.default_SR == pool.sharedSRUUID)
            // A member's records, from the one database, are its own.
            let subject = try #require(model.hosts.first { $0.name == pool.hostName(host) })
            #expect(subject.pifs?.map(\.uuid).sorted() == (0..<4).map { pool.pifUUID(host, $0) }.sorted())
            #expect(model.topology.pbds(of: subject.record).map(\.host) == [pool.hostUUID(host), pool.hostUUID(host)])
            let xenbr2 = try #require(view.interfaces?.first { $0.name == "xenbr2" })
            #expect(xenbr2.addresses == ["\(pool.storageIP(host))/22"])
            #expect(view.mounts?.count == 3)
            #expect(view.exportLists.first?.exports.first == Export(path: "/srv/vhd", groups: ["10.0.4.0/22"]))
        }
    }

    @Test func uuidsAreDistinctAndWellFormed() {
        var seen: Set<String> = []
        for kind in 1...9 {
            for index in 0..<500 {
                let uuid = SyntheticPool.uuid(UInt64(kind), index)
                #expect(XeValue.isUUID(uuid))
                seen.insert(uuid)
            }
        }
        #expect(seen.count == 9 * 500)
    }

    @Test func printerAlignsColonsLikeXe() {
        let text = XeRecordPrinter.record([.init("uuid", "RO", "x"), .init("name-label", "RW", "y"), .init("tags", "SRW", "")])
        #expect(text == """
        uuid ( RO)          : x
            name-label ( RW): y
                  tags (SRW): \n\n
        """)
    }
}
