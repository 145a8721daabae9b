import Addressing
import XCTest
@testable import NFSProbe

/// Verdicts per (export, client) for every client form, with the deciding group.
final class MatcherTests: XCTestCase {
    func ip(_ text: String) -> IPAddress { IPAddress(text)! }

    /// The lab's names, as /etc/hosts and /etc/netgroup give them there.
    let labResolver = StaticResolver(
        hosts: [
            "xs-1.storage.lab": [IPAddress("172.16.0.35")!, IPAddress("fd00:5::35")!],
            "xs-2.storage.lab": [IPAddress("172.16.0.36")!],
            "xs-1-mgmt.lab": [IPAddress("172.16.0.10")!],
        ],
        netgroups: ["xenhosts": ["xs-2.storage.lab"]])

    func verdict(_ groups: [String], _ client: String, dialect: ExportsDialect = .knfsd,
                 resolver: (any HostResolver)? = nil) async -> ClientVerdict {
        let matcher = ExportMatcher(dialect: dialect, resolver: resolver ?? labResolver)
        return await matcher.verdict(for: ip(client), on: NFSExport(path: "/srv/x", groups: groups))
    }

    /// The seed's `showmount -e 172.16.0.34`, from both hosts' storage IPs and
    /// the management network.
    func testSeedExportsFromStorageAndManagementAddresses() async {
        let seed: [(String, [String])] = [
            ("/srv/backups", ["172.16.0.0/27"]),
            ("/srv/ova", ["172.16.0.32/28", "172.16.0.0/27"]),
            ("/srv/vhd", ["172.16.0.32/28"]),
            ("/srv/iso", ["172.16.0.32/28", "172.16.0.0/27"]),
            ("/srv/hotfixes", ["172.16.0.0/27"]),
        ]
        let expected: [String: [String: Verdict]] = [
            "/srv/backups": ["172.16.0.35": .refused, "172.16.0.36": .refused, "172.16.0.10": .admitted],
            "/srv/ova": ["172.16.0.35": .admitted, "172.16.0.36": .admitted, "172.16.0.10": .admitted],
            "/srv/vhd": ["172.16.0.35": .admitted, "172.16.0.36": .admitted, "172.16.0.10": .refused],
            "/srv/iso": ["172.16.0.35": .admitted, "172.16.0.36": .admitted, "172.16.0.10": .admitted],
            "/srv/hotfixes": ["172.16.0.35": .refused, "172.16.0.36": .refused, "172.16.0.10": .admitted],
        ]
        let matcher = ExportMatcher(dialect: .knfsd, resolver: labResolver)
        for (path, groups) in seed {
            for client in ["172.16.0.35", "172.16.0.36", "172.16.0.10", "172.16.0.48"] {
                let v = await matcher.verdict(for: ip(client), on: NFSExport(path: path, groups: groups))
                XCTAssertEqual(v.verdict, expected[path]?[client] ?? .refused, "\(path) for \(client)")
                if v.verdict == .admitted {
                    XCTAssertNotNil(v.group.flatMap { groups.contains($0) ? $0 : nil }, "\(path): deciding group")
                } else {
                    XCTAssertNil(v.group)
                }
            }
        }
        // The group that decided is the one that admits, not just the first.
        let ova = await matcher.verdict(for: ip("172.16.0.10"), on: NFSExport(path: "/srv/ova", groups: seed[1].1))
        XCTAssertEqual(ova.group, "172.16.0.0/27")
    }

    func testPrefixWithHostBitsSetAdmitsTheWholeNetwork() async {
        let groups = ["172.16.0.40/28"]
        let inside = await verdict(groups, "172.16.0.35")
        XCTAssertEqual(inside.verdict, .admitted)
        XCTAssertEqual(inside.group, "172.16.0.40/28")
        let outsideResult = await verdict(groups, "172.16.0.48")
        XCTAssertEqual(outsideResult.verdict, .refused)
    }

    func testDottedMask() async {
        let groups = ["172.16.0.32/255.255.255.240"]
        for (client, want) in [("172.16.0.33", Verdict.admitted), ("172.16.0.46", .admitted),
                               ("172.16.0.31", .refused), ("172.16.0.48", .refused)] {
            let v = await verdict(groups, client)
            XCTAssertEqual(v.verdict, want, client)
        }
    }

    func testGaneshaSlash32AndSingleAddress() async {
        let ganesha = await verdict(["172.16.0.35/32"], "172.16.0.35", dialect: .ganesha)
        XCTAssertEqual(ganesha.verdict, .admitted)
        let other = await verdict(["172.16.0.35/32"], "172.16.0.36", dialect: .ganesha)
        XCTAssertEqual(other.verdict, .refused)
        let knfsd = await verdict(["172.16.0.36"], "172.16.0.36")
        XCTAssertEqual(knfsd.verdict, .admitted)
        // ganesha resolves names at start-up: one group per address
        let named = await verdict(["fd00:5::35/128", "172.16.0.35/32"], "fd00:5::35", dialect: .ganesha)
        XCTAssertEqual(named.group, "fd00:5::35/128")
    }

    func testIPv6PrefixDoesNotAdmitIPv4() async {
        let groups = ["fd00:5::/64"]
        let a = await verdict(groups, "fd00:5::35")
        XCTAssertEqual(a.verdict, .admitted)
        let b = await verdict(groups, "fd00:6::35")
        XCTAssertEqual(b.verdict, .refused)
        let c = await verdict(groups, "172.16.0.35")
        XCTAssertEqual(c.verdict, .refused)
    }

    func testStarAndEmptyGroupListAdmitEveryone() async {
        let star = await verdict(["*"], "203.0.113.9")
        XCTAssertEqual(star.verdict, .admitted)
        XCTAssertEqual(star.group, "*")
        let empty = await verdict([], "203.0.113.9")
        XCTAssertEqual(empty.verdict, .admitted)
        XCTAssertEqual(empty.group, "(everyone)")
    }

    func testWildcardUsesReverseThenForwardLookup() async {
        let groups = ["*.storage.lab"]
        let xs1 = await verdict(groups, "172.16.0.35")
        XCTAssertEqual(xs1.verdict, .admitted)
        let mgmt = await verdict(groups, "172.16.0.10") // named xs-1-mgmt.lab
        XCTAssertEqual(mgmt.verdict, .refused)
        let nameless = await verdict(groups, "172.16.0.40")
        XCTAssertEqual(nameless.verdict, .refused)
        // A reverse name that does not resolve back to the client is not trusted.
        let spoofed = await verdict(groups, "172.16.0.99", resolver: SpoofingResolver())
        XCTAssertEqual(spoofed.verdict, .refused)
        // No answer from the name service: unknown, naming the group.
        let failing = StaticResolver(failing: ["172.16.0.35"])
        let unknown = await verdict(groups, "172.16.0.35", resolver: failing)
        XCTAssertEqual(unknown.verdict, .unknown)
        XCTAssertEqual(unknown.group, "*.storage.lab")
    }

    func testHostNames() async {
        let groups = ["xs-1.storage.lab"]
        let a = await verdict(groups, "172.16.0.35")
        XCTAssertEqual(a.verdict, .admitted)
        let b = await verdict(groups, "172.16.0.36")
        XCTAssertEqual(b.verdict, .refused)
        let unresolvable = await verdict(["nas9.elsewhere"], "172.16.0.36")
        XCTAssertEqual(unresolvable.verdict, .unknown, "a name we cannot resolve proves nothing")
    }

    func testNetgroupsBothDialectsAndNeverASilentPass() async {
        let knfsdMember = await verdict(["@xenhosts"], "172.16.0.36")
        XCTAssertEqual(knfsdMember.verdict, .admitted)
        let knfsdOther = await verdict(["@xenhosts"], "172.16.0.35")
        XCTAssertEqual(knfsdOther.verdict, .refused)
        let ganeshaMember = await verdict(["xenhosts"], "172.16.0.36", dialect: .ganesha)
        XCTAssertEqual(ganeshaMember.verdict, .admitted)
        let unknownGroup = await verdict(["@nosuch"], "172.16.0.36")
        XCTAssertEqual(unknownGroup.verdict, .unknown)
        XCTAssertEqual(unknownGroup.group, "@nosuch")
        // A ganesha bare word that is no netgroup may be a host name.
        let bareHost = await verdict(["xs-2.storage.lab"], "172.16.0.36", dialect: .ganesha)
        XCTAssertEqual(bareHost.verdict, .admitted)
    }

    func testMatchElsewhereBeatsUndecidedGroup() async {
        let admitted = await verdict(["@nosuch", "172.16.0.32/28"], "172.16.0.35")
        XCTAssertEqual(admitted.verdict, .admitted)
        XCTAssertEqual(admitted.group, "172.16.0.32/28")
        let unknown = await verdict(["@nosuch", "172.16.0.0/27"], "172.16.0.35")
        XCTAssertEqual(unknown.verdict, .unknown)
        let unsupported = await verdict(["gss/krb5"], "172.16.0.35")
        XCTAssertEqual(unsupported.verdict, .unknown)
    }

    func testTwoHundredClientsUseOneLookupPerName() async {
        let counting = CountingResolver(base: labResolver)
        let matcher = ExportMatcher(dialect: .knfsd, resolver: CachingResolver(counting))
        let clients = (1...200).map { IPAddress("172.16.\($0 / 250).\($0 % 250)")! }
        let verdicts = await matcher.verdicts(for: clients, on: NFSExport(path: "/srv/n", groups: ["xs-2.storage.lab"]))
        XCTAssertEqual(verdicts.count, 200)
        XCTAssertEqual(verdicts.filter { $0.verdict == .admitted }.map(\.address), ["172.16.0.36"])
        let lookups = await counting.forwardLookups
        XCTAssertEqual(lookups, 1)
    }
}

/// Claims every address is "evil.storage.lab", which resolves elsewhere.
struct SpoofingResolver: HostResolver {
    func addresses(of name: String) async -> ResolverAnswer<[IPAddress]> { .found([IPAddress("192.0.2.1")!]) }
    func names(of address: IPAddress) async -> ResolverAnswer<[String]> { .found(["evil.storage.lab"]) }
    func netgroupHosts(_ netgroup: String) async -> ResolverAnswer<[String]> { .notFound }
}

actor CountingResolver: HostResolver {
    let base: StaticResolver
    var forwardLookups = 0
    init(base: StaticResolver) { self.base = base }
    func addresses(of name: String) async -> ResolverAnswer<[IPAddress]> {
        forwardLookups += 1
        return await base.addresses(of: name)
    }
    func names(of address: IPAddress) async -> ResolverAnswer<[String]> { await base.names(of: address) }
    func netgroupHosts(_ netgroup: String) async -> ResolverAnswer<[String]> { await base.netgroupHosts(netgroup) }
}
