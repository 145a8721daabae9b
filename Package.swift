// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "poolcheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "poolcheck", targets: ["poolcheck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // IPv4/IPv6 addresses, prefixes and netmasks; pure value types.
        .target(name: "Addressing"),
        // Facts, plan, gatherers, rule engine, check kinds, reporters.
        .target(name: "PoolCheck", dependencies: [
            "Addressing",
            .product(name: "Yams", package: "Yams"),
        ]),
        // Writes synthetic pool transcripts and times the snapshot parser (bench/).
        .executableTarget(name: "snapshot-tool", dependencies: ["PoolCheck"]),
        .testTarget(name: "PoolCheckTests", dependencies: ["PoolCheck"]),
        .executableTarget(name: "poolcheck", dependencies: [
            "PoolCheck",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
    ]
)
