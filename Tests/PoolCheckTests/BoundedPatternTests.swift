import XCTest
@testable import PoolCheck

/// Any pattern a rule file can hold is refused with a reason or matched at bounded cost:
/// never a crash, never a hang.
final class BoundedPatternTests: XCTestCase {
    /// A fixed-seed generator, so a failure reproduces.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func testRandomPatternsAreRefusedOrAnswerQuickly() {
        let pieces = ["a", "b", ".", "*", "+", "?", "|", "(", ")", "{2}", "{1,9}", "{", "}", "[", "]", "[^a]", "[[:digit:]]",
                      "^", "$", "\\d", "\\w", "\\b", "\\", "\\1", "(?", ",", "-", "é", ".*", "(a|aa)", "{255}"]
        var random = SplitMix(state: 42)
        let values = [String(repeating: "a", count: 2_000), String(repeating: "ab", count: 1_000) + "é\n", ""]
        var compiled = 0
        for _ in 0..<2_000 {
            let pattern = (0..<Int.random(in: 1...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            guard let bounded = try? BoundedPattern(pattern) else { continue }
            compiled += 1
            for value in values {
                let clock = ContinuousClock.now
                XCTAssertNotNil(bounded.matches(value))
                XCTAssertLessThan(ContinuousClock.now - clock, .seconds(1), "\(pattern) on \(value.count) characters")
            }
        }
        XCTAssertGreaterThan(compiled, 200, "the generator should make some valid patterns")
    }

    /// glibc refusing a pattern once freed its memory twice (a crash at load).
    func testPatternGlibcRefusesIsAReasonNotACrash() {
        for pattern in ["*abc", "|*a", "a|*b", "(*a)"] {
            XCTAssertThrowsError(try BoundedPattern(pattern)) { error in
                XCTAssertTrue((error as? PatternRefusal)?.reason.contains("not a valid POSIX extended regular expression") ?? false, "\(error)")
            }
        }
    }

    func testExpandedSizeIsCountedThroughGroupsAndAlternatives() {
        XCTAssertNoThrow(try BoundedPattern("(ab|c){250}"))
        XCTAssertNoThrow(try BoundedPattern("((a{10}){10}){10}"))
        XCTAssertThrowsError(try BoundedPattern("((a{10}){10}){11}"))
        XCTAssertThrowsError(try BoundedPattern("(ab|cd){251}"))
        XCTAssertThrowsError(try BoundedPattern("a{5,3}"))
        XCTAssertThrowsError(try BoundedPattern("a{,3}"))
    }
}
