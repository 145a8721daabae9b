import Addressing
import XCTest
@testable import PoolCheck

final class PlanLoaderTests: XCTestCase {
    static let seedPlan = """
    pool: {name: PDX0, description: NA-US-OR-PDX-0, master: xs-1}
    hosts:
      - {name: xs-1, address: 172.16.0.10, storage_ip: 172.16.0.35}
      - {name: xs-2, address: 172.16.0.11, storage_ip: 172.16.0.36}
    networks:
      management: 172.16.0.0/27
      storage: {subnet: 172.16.0.32/28, device: eth2, redundancy: bond}
    storage:
      nfs: {server: 172.16.0.34, path: /srv/vhd}
    """

    func testDesignPlanLoads() throws {
        let plan = try PlanLoader.parse(Self.seedPlan, file: "pool.yaml")
        XCTAssertEqual(plan.pool.name, "PDX0")
        XCTAssertEqual(plan.pool.master, "xs-1")
        XCTAssertEqual(plan.hosts.map(\.name), ["xs-1", "xs-2"])
        XCTAssertEqual(plan.hosts[1].storageIP, IPAddress("172.16.0.36"))
        XCTAssertEqual(plan.storage?.subnet.prefixLength, 28)
        XCTAssertEqual(plan.storage?.device, "eth2")
        XCTAssertEqual(plan.storage?.redundancy, .bond)
        XCTAssertEqual(plan.management?.subnet, try Subnet(parsing: "172.16.0.0/27"))
        XCTAssertEqual(plan.nfs?.path, "/srv/vhd")
        XCTAssertEqual(plan.joiningHosts.map(\.name), ["xs-2"])
    }

    func testBundledExamplePlanLoads() throws {
        let path = repositoryRoot + "/examples/pdx0/plan.yaml"
        let plan = try PlanLoader.load(path: path)
        XCTAssertEqual(plan.hosts.count, 2)
    }

    private func assertError(_ text: String, contains expected: String, line: Int?, file: StaticString = #filePath, at: UInt = #line) {
        XCTAssertThrowsError(try PlanLoader.parse(text, file: "pool.yaml"), file: file, line: at) { error in
            guard let error = error as? InputError else { return XCTFail("not an InputError: \(error)", file: file, line: at) }
            XCTAssertEqual(error.file, "pool.yaml", file: file, line: at)
            XCTAssertEqual(error.line, line, "\(error)", file: file, line: at)
            XCTAssertTrue(error.description.contains(expected), "\(error) lacks '\(expected)'", file: file, line: at)
            XCTAssertFalse(error.description.contains("\n"), "one line: \(error)", file: file, line: at)
        }
    }

    func testTypoedKeyIsAnErrorWithLine() {
        let typo = Self.seedPlan.replacingOccurrences(of: "storage_ip: 172.16.0.36", with: "storage_ipp: 172.16.0.36")
        assertError(typo, contains: "unknown key 'storage_ipp'", line: 4)
        assertError(Self.seedPlan + "\nextra: 1\n", contains: "unknown key 'extra'", line: 10)
    }

    func testPlannedIPOutsideSubnetIsAnError() {
        let outside = Self.seedPlan.replacingOccurrences(of: "172.16.0.36", with: "172.16.0.50")
        assertError(outside, contains: "172.16.0.50 is outside the storage subnet 172.16.0.32/28", line: 4)
        let management = Self.seedPlan.replacingOccurrences(of: "address: 172.16.0.11", with: "address: 172.16.0.40")
        assertError(management, contains: "outside the management subnet", line: 4)
    }

    func testBadValuesAreErrors() {
        assertError(Self.seedPlan.replacingOccurrences(of: "172.16.0.35", with: "172.16.0.300"), contains: "not an IP address", line: 3)
        assertError(Self.seedPlan.replacingOccurrences(of: "172.16.0.32/28", with: "172.16.0.32/255.0.255.0"),
                    contains: "not contiguous", line: 7)
        assertError(Self.seedPlan.replacingOccurrences(of: "redundancy: bond", with: "redundancy: raid"),
                    contains: "not one of bond, multipath, none", line: 7)
        assertError(Self.seedPlan.replacingOccurrences(of: "master: xs-1", with: "master: xs-9"),
                    contains: "pool master 'xs-9' is not one of the planned hosts", line: 1)
        assertError(Self.seedPlan.replacingOccurrences(of: "name: xs-2", with: "name: xs-1"), contains: "listed twice", line: 4)
        assertError(Self.seedPlan.replacingOccurrences(of: "path: /srv/vhd", with: "path: srv/vhd"), contains: "not an absolute path", line: 9)
        assertError("hosts: [", contains: "not valid YAML", line: 2)
        assertError("pool: {name: X}", contains: "no hosts", line: nil)
        assertError("- a\n- b\n", contains: "expected a mapping", line: 1)
    }
}

/// The repository root, found from this file's path (tests run from any directory).
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    fatalError("no Package.swift above \(#filePath)")
}()
