// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// Every rule file under rules/, embedded in the binary so it works from any directory.
let ruleFiles = ((try? FileManager.default.contentsOfDirectory(
    atPath: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("rules").path)) ?? [])
    .filter { $0.hasSuffix(".yaml") }.sorted()

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
        // The bundled rules/*.yaml, as bytes in the binary.
        .target(name: "BundledRules", path: "rules", resources: ruleFiles.map { .embedInCode($0) }),
        // Facts, plan, gatherers, rule engine, check kinds, reporters.
        .target(name: "PoolCheck", dependencies: [
            "Addressing",
            "BundledRules",
            .product(name: "Yams", package: "Yams"),
        ]),
        // Writes synthetic pool transcripts and times the snapshot parser (bench/).
        .executableTarget(name: "snapshot-tool", dependencies: ["PoolCheck"]),
        .executableTarget(name: "poolcheck", dependencies: [
            "PoolCheck",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "AddressingTests", dependencies: ["Addressing"]),
        .testTarget(name: "PoolCheckTests", dependencies: ["PoolCheck"]),
    ]
)
