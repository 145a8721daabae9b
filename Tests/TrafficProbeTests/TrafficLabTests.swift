import Foundation
import Testing
import TrafficProbe

/// Live captures in the namespaces of lab/traffic-lab.sh. Root only.
@Suite("Traffic lab: live capture in network namespaces", .serialized,
       .enabled(if: LabEnvironment.shouldRun, LabEnvironment.skipReason))
struct TrafficLabTests {
    private func isolationCapture(_ lab: TrafficLab) throws -> LiveCaptureReport {
        let capture = try lab.startCapture([
            "--host", "xs-1", "--server", "172.16.0.34", "--mountd-port", String(lab.mountdPort),
            "--examples", "3", "--duration", "1.5", "xenbr0", "xenbr2",
        ])
        try lab.probe()
        return try TrafficLab.report(capture.wait(timeout: 20))
    }

    @Test func storageTrafficStaysOnXenbr2UntilAHostRouteSendsItOverXenbr0() throws {
        try LabEnvironment.requireRoot()
        let lab = try TrafficLab.up()
        defer { lab.down() }

        let correct = try isolationCapture(lab)
        let management = try correct.observation("xenbr0")
        let storage = try correct.observation("xenbr2")
        #expect(management.isolation?.packets == 0, "storage traffic leaked onto xenbr0: \(management.isolation?.examples ?? [])")
        let storageIsolation = try #require(storage.isolation)
        // The probe spoke NFS, rpcbind (TCP and UDP) and mountd, each both ways.
        #expect(Set(storageIsolation.counts.map(\.service)) == [.nfs, .rpcbind, .mountd])
        #expect(Set(storageIsolation.counts.map(\.direction)) == [.toServer, .fromServer])
        #expect(storageIsolation.counts.contains { $0.service == .rpcbind && $0.transport == .udp })
        #expect(storageIsolation.examples.first?.source.description == "172.16.0.35")
        // SYNs on the lab's 1500-byte links announce MSS 1460.
        #expect(storage.mtu?.directions.first { $0.direction == .toServer }?.mssInSYNs.map(\.impliedMTU) == [1500])
        #expect(storage.vlans?.tagged.isEmpty == true)

        try lab.leak()
        let leaking = try isolationCapture(lab)
        let leaked = try #require(try leaking.observation("xenbr0").isolation)
        #expect(leaked.packets > 0)
        let named = try #require(leaked.examples.first)
        #expect(named.source.description == "172.16.0.10")
        #expect(named.destination.description == "172.16.0.34")
        #expect(named.direction == .toServer)
        #expect(try leaking.observation("xenbr2").isolation?.packets == 0)
    }

    @Test func captureOnAnIdleInterfaceEndsWithin100msOfItsDeadline() throws {
        try LabEnvironment.requireRoot()
        let lab = try TrafficLab.up()
        defer { lab.down() }

        for duration in [0.3, 1.0] {
            let capture = try lab.startCapture(["--duration", String(duration), "idle0"])
            let finished = try capture.wait(timeout: 10)
            let report = try TrafficLab.report(finished)
            let idle = try report.observation("idle0")
            #expect(idle.packets == 0, "idle0 was not idle")
            let window = report.timing.ended - report.timing.started
            print("idle capture of \(duration) s: window \(window) s, overrun "
                  + "\(report.timing.deadlineOverrunMilliseconds) ms, process \(finished.wallSeconds) s")
            #expect(window >= duration - 0.001, "ended early: \(window) s")
            #expect(report.timing.deadlineOverrunMilliseconds < 100)
            #expect(window < duration + 0.1)
        }
    }

    @Test func missingAndDownInterfacesFailAloneWithTheirReason() throws {
        try LabEnvironment.requireRoot()
        let lab = try TrafficLab.up()
        defer { lab.down() }

        let capture = try lab.startCapture(["--duration", "0.3", "nosuch0", "down0", "idle0"])
        let report = try TrafficLab.report(capture.wait(timeout: 10))
        #expect(report.interfaces.map(\.interface) == ["nosuch0", "down0", "idle0"])
        #expect(report.interfaces[0].failure?.kind == "no_such_interface")
        #expect(report.interfaces[1].failure?.kind == "interface_down")
        #expect(report.interfaces[1].failure?.message.contains("down0: interface is down") == true)
        #expect(report.interfaces[2].observation != nil)
    }

    @Test func withoutCapNetRawTheFixIsNamed() throws {
        try LabEnvironment.requireRoot()
        let lab = try TrafficLab.up()
        defer { lab.down() }

        let capture = try lab.startCapture(["--duration", "0.3", "xenbr0"],
                                           wrapper: ["setpriv", "--bounding-set=-net_raw"])
        let report = try TrafficLab.report(capture.wait(timeout: 10))
        let failure = try #require(report.interfaces.first?.failure)
        #expect(failure.kind == "permission_denied")
        #expect(failure.message.contains("run as root or grant cap_net_raw"))
    }
}
