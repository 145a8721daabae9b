import Foundation
import Testing

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same sequence on
/// every platform, so a failing case can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ percent: Int) -> Bool {
        Int.random(in: 0..<100, using: &self) < percent
    }

    mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int.random(in: 0..<choices.count, using: &self)]
    }
}

/// The base seed: fixed so runs are reproducible; POOLCHECK_TEST_SEED=<n> explores others.
let baseSeed: UInt64 = ProcessInfo.processInfo.environment["POOLCHECK_TEST_SEED"]
    .flatMap { UInt64($0) } ?? 0x5EED_0172_0016_0032

/// Runs `cases` generated cases of a property; each case gets its own
/// generator seeded from the property name and case index, and returns nil
/// when the property holds or a description of the counterexample.
/// Reports how many cases failed and the first few, with the seed to replay.
func forAll(
    _ property: String,
    cases: Int,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (inout SplitMix64) -> String?
) {
    let propertySeed = baseSeed ^ stableHash(property)
    var failures: [String] = []
    var failureCount = 0
    for index in 0..<cases {
        var rng = SplitMix64(seed: propertySeed &+ UInt64(index) &* 0x2545_F491_4F6C_DD1D)
        if let failure = body(&rng) {
            failureCount += 1
            if failures.count < 5 { failures.append("case \(index): \(failure)") }
        }
    }
    #expect(
        failureCount == 0,
        "\(property): \(failureCount) of \(cases) cases failed (base seed \(baseSeed)):\n\(failures.joined(separator: "\n"))",
        sourceLocation: sourceLocation)
}

/// FNV-1a, because `hashValue` is randomised per process.
private func stableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
    }
    return hash
}
