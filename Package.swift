// swift-tools-version: 6.0
import PackageDescription

let nio: [Target.Dependency] = [
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
    .product(name: "NIOHTTP1", package: "swift-nio"),
    .product(name: "NIOSSL", package: "swift-nio-ssl"),
]
/// The rule files under rules/, embedded in the binary so it works from any directory.
/// Listed, not read from the folder: SwiftPM caches an evaluated manifest, so a listing
/// would go stale when a rule is added. Adding a rule: name it here and in
/// rules/BundledRuleFiles.swift (RuleLoaderTests fails until both list every file).
let ruleFiles = [
    "crash-dump-sr-set.yaml",
    "default-sr-propagated.yaml",
    "host-not-pooled.yaml",
    "join-ha-disabled.yaml",
    "join-no-bonds.yaml",
    "join-no-non-management-vlans.yaml",
    "join-no-running-vms.yaml",
    "join-no-shared-srs.yaml",
    "join-no-tunnels.yaml",
    "join-same-api-version.yaml",
    "join-same-cpu-vendor.yaml",
    "join-same-edition.yaml",
    "join-same-external-auth.yaml",
    "join-same-management-vlan.yaml",
    "join-same-network-backend.yaml",
    "join-same-product-brand.yaml",
    "join-same-software-version.yaml",
    "nfs-export-acl.yaml",
    "nfs-export-not-on-management.yaml",
    "nfs-export-not-world-open.yaml",
    "nfs-server-answers.yaml",
    "nfs-services-registered.yaml",
    "sources-answered.yaml",
    "storage-bond-lacp.yaml",
    "storage-ip-unique.yaml",
    "storage-mtu-consistent.yaml",
    "storage-redundancy.yaml",
    "storage-subnet-dedicated.yaml",
    "storage-subnet-mask.yaml",
    "storage-traffic-isolated.yaml",
    "storage-traffic-mtu.yaml",
    "storage-traffic-vlan.yaml",
    "subnet-capacity.yaml",
    "suspend-image-sr-set.yaml",
]

let package = Package(
    name: "poolcheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "poolcheck", targets: ["poolcheck"]),
        .executable(name: "poolcheck-engine", targets: ["poolcheck-engine"]),
        .executable(name: "poolcheck-fuzz", targets: ["poolcheck-fuzz"]),
        .executable(name: "traffic-probe", targets: ["traffic-probe"]),
        .executable(name: "xapi-sim", targets: ["xapi-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
    ],
    targets: [
        // libpcap, seen only by the C shim below.
        .systemLibrary(
            name: "CPcap",
            pkgConfig: "libpcap",
            providers: [.apt(["libpcap-dev"])]),
        // Narrow C interface over libpcap: no pcap_t or libpcap macros reach Swift.
        .target(name: "CPcapShim", dependencies: ["CPcap"]),
        // Offline/live capture, frame decoding, traffic analyses, pcap writing.
        .target(name: "TrafficProbe", dependencies: ["CPcapShim", "Addressing"]),
        // Runs a capture or analysis and prints JSON; tests launch it inside
        // network namespaces, the bench times it.
        .executableTarget(name: "traffic-probe", dependencies: [
            "TrafficProbe",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "TrafficProbeTests", dependencies: ["TrafficProbe", "traffic-probe", "poolcheck-engine"]),
        // IPv4/IPv6 addresses, prefixes and netmasks; pure value types.
        .target(name: "Addressing"),
        // XenAPI wire codecs (XML-RPC, JSON-RPC), safe parsers, read-only client and transport.
        // Knows nothing of rules or facts.
        .target(name: "XenAPI", dependencies: ["TextFormats"] + nio),
        // JSON written with object keys in the order given, and XML escaping: shared by the
        // reports, `exports --json` and the XenAPI codecs; no Foundation.
        .target(name: "TextFormats"),
        // The bundled rules/*.yaml, as bytes in the binary.
        .target(name: "BundledRules", path: "rules", resources: ruleFiles.map { .embedInCode($0) }),
        // Facts, plan, gatherers, rule engine, check kinds, reporters.
        .target(name: "PoolCheck", dependencies: [
            "Addressing",
            "TextFormats",
            "BundledRules",
            "NFSProbe",
            "TrafficProbe",
            "XenAPI",
            .product(name: "Yams", package: "Yams"),
        ]),
        // ONC RPC calls (rpcbind, mountd, nfsd NULL) with deadlines, behind a narrow header,
        // on libtirpc (Debian: libtirpc-dev). libtirpc is linked statically: as a shared
        // library it loads libgssapi_krb5 and six more for RPCSEC_GSS, which poolcheck
        // never uses (see gss_unused.c), and that costs a fifth of `poolcheck exports`.
        .target(name: "CTirpc",
                cSettings: [.unsafeFlags(["-I/usr/include/tirpc"])],
                linkerSettings: [.unsafeFlags(["-Xlinker", "-l:libtirpc.a"]), .linkedLibrary("pthread")]),
        // Async NFS probing over CTirpc, and the exports(5) client-spec matcher.
        .target(name: "NFSProbe", dependencies: ["CTirpc", "Addressing"]),
        // Internal helper the lab tests and benchmarks run inside namespaces.
        .executableTarget(name: "nfs-probe-cli", dependencies: ["NFSProbe"]),
        .testTarget(name: "NFSProbeTests", dependencies: ["NFSProbe", "nfs-probe-cli", "poolcheck-engine"]),
        // Writes synthetic pool transcripts and times the snapshot parser (bench/).
        .executableTarget(name: "snapshot-tool", dependencies: ["PoolCheck"]),
        // `poolcheck exports`, whole, without Foundation or ArgumentParser (a fast start).
        .target(name: "ExportsTool", dependencies: ["NFSProbe", "Addressing", "TextFormats"]),
        // The `poolcheck` command: runs `exports` itself, hands every other command to
        // poolcheck-engine (exec), which must sit next to it.
        // Swift's runtime linked in: loading it as shared libraries costs more than
        // showmount's whole run (bench/README.md). Test targets must not depend on it
        // (they would inherit the flag and fail to link XCTest); `swift test` builds
        // every product anyway.
        .executableTarget(name: "poolcheck", dependencies: ["ExportsTool"],
                          linkerSettings: [.unsafeFlags(["-static-stdlib"])]),
        .executableTarget(name: "poolcheck-engine", dependencies: [
            "ExportsTool",
            "PoolCheck",
            "NFSProbe",
            "Addressing",
            "XenAPI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // libFuzzer harness for the plan, rule and transcript readers (fuzz/run.sh); a replayer otherwise.
        .executableTarget(name: "poolcheck-fuzz", dependencies: ["PoolCheck"]),
        // A XAPI server for tests and demos (what vcsim is for vSphere).
        .target(name: "XAPISimulator", dependencies: ["XenAPI", "PoolCheck"] + nio),
        .executableTarget(name: "xapi-sim", dependencies: [
            "XAPISimulator",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "XenAPITests", dependencies: ["XenAPI"]),
        .testTarget(name: "XAPISimulatorTests", dependencies: ["XAPISimulator", "XenAPI", "PoolCheck", "poolcheck-engine"]),
        .testTarget(name: "AddressingTests", dependencies: ["Addressing"]),
        .testTarget(name: "ExportsToolTests", dependencies: ["ExportsTool", "NFSProbe", "Addressing"]),
        .testTarget(name: "PoolCheckTests", dependencies: ["PoolCheck", "TrafficProbe", "TextFormats", "poolcheck-engine"]),
        // The verdict oracle (issue 9): mutations of a healthy pool, rendered through every source,
        // judged through the command line (the built poolcheck-engine and xapi-sim).
        .testTarget(name: "VerdictOracleTests", dependencies: ["TrafficProbe", "Addressing", "poolcheck-engine", "xapi-sim"], exclude: ["README.md"]),
    ]
)
