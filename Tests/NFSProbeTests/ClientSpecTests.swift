import Addressing
import XCTest
@testable import NFSProbe

/// Every exports(5) client form, read in both servers' dialects.
final class ClientSpecTests: XCTestCase {
    func ip(_ text: String) -> IPAddress { IPAddress(text)! }

    func testEveryoneForms() {
        XCTAssertEqual(ClientSpec(group: "*", dialect: .knfsd), .everyone)
        XCTAssertEqual(ClientSpec(group: "(everyone)", dialect: .ganesha), .everyone)
    }

    func testAddressesAndFullPrefixesAreSingleHosts() {
        XCTAssertEqual(ClientSpec(group: "172.16.0.36", dialect: .knfsd), .address(ip("172.16.0.36")))
        // ganesha writes hosts as /32 and /128
        XCTAssertEqual(ClientSpec(group: "172.16.0.35/32", dialect: .ganesha), .address(ip("172.16.0.35")))
        XCTAssertEqual(ClientSpec(group: "fd00:5::35/128", dialect: .ganesha), .address(ip("fd00:5::35")))
    }

    func testNetworksKeepHostBitsAndDottedMasks() throws {
        guard case .network(let dotted) = ClientSpec(group: "172.16.0.32/255.255.255.240", dialect: .knfsd) else {
            return XCTFail("dotted mask not read as a network")
        }
        XCTAssertEqual(dotted.prefixLength, 28)
        guard case .network(let hostBits) = ClientSpec(group: "172.16.0.40/28", dialect: .knfsd) else {
            return XCTFail("prefix not read as a network")
        }
        XCTAssertEqual(hostBits.address, ip("172.16.0.40"))
        guard case .network(let v6) = ClientSpec(group: "fd00:5::/64", dialect: .knfsd) else {
            return XCTFail("IPv6 prefix not read as a network")
        }
        XCTAssertEqual(v6.prefixLength, 64)
    }

    func testNamesPatternsAndNetgroupsPerDialect() {
        XCTAssertEqual(ClientSpec(group: "*.storage.lab", dialect: .knfsd), .wildcard("*.storage.lab"))
        XCTAssertEqual(ClientSpec(group: "xs-?.lab", dialect: .ganesha), .wildcard("xs-?.lab"))
        XCTAssertEqual(ClientSpec(group: "@xenhosts", dialect: .knfsd), .netgroup("xenhosts"))
        XCTAssertEqual(ClientSpec(group: "@xenhosts", dialect: .ganesha), .netgroup("xenhosts"))
        // knfsd canonicalises host names; ganesha sends netgroups without '@'
        XCTAssertEqual(ClientSpec(group: "xs-1.storage.lab", dialect: .knfsd), .hostName("xs-1.storage.lab"))
        XCTAssertEqual(ClientSpec(group: "xenhosts", dialect: .ganesha), .netgroupOrHost("xenhosts"))
        XCTAssertEqual(ClientSpec(group: "xenhosts", dialect: .unknown), .netgroupOrHost("xenhosts"))
    }

    func testUncheckableForms() {
        XCTAssertEqual(ClientSpec(group: "gss/krb5", dialect: .knfsd), .unsupported("gss/krb5"))
        XCTAssertEqual(ClientSpec(group: "172.16.0.0/33", dialect: .knfsd), .unsupported("172.16.0.0/33"))
        XCTAssertEqual(ClientSpec(group: "", dialect: .knfsd), .unsupported(""))
    }

    func testDialectDetectionFromRegistrations() {
        func mountd(_ versions: [UInt32]) -> [RPCRegistration] {
            versions.map { RPCRegistration(program: 100_005, version: $0, protocol: .tcp, port: 20048) }
        }
        XCTAssertEqual(ExportsDialect.detect(registrations: mountd([1, 2, 3])), .knfsd)
        let nfs = [RPCRegistration(program: 100_003, version: 3, protocol: .tcp, port: 2049)]
        XCTAssertEqual(ExportsDialect.detect(registrations: mountd([1, 3]) + nfs), .ganesha)
        XCTAssertEqual(ExportsDialect.detect(registrations: mountd([1, 3])), .unknown, "a mountd alone is not ganesha")
        XCTAssertEqual(ExportsDialect.detect(registrations: mountd([1, 2, 3]) + nfs), .knfsd)
        XCTAssertEqual(ExportsDialect.detect(registrations: []), .unknown)
        XCTAssertFalse(ExportsDialect.knfsd.mayHideExports)
        XCTAssertTrue(ExportsDialect.ganesha.mayHideExports)
    }
}
