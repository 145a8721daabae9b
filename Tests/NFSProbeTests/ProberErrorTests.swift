import XCTest
@testable import NFSProbe

/// Failures that need no network: bad input is one clear line, at once.
final class ProberErrorTests: XCTestCase {
    func testNonNumericServerIsAnInvalidAddress() async {
        let prober = NFSProber(options: NFSProbeOptions(timeout: .seconds(1)))
        do {
            _ = try await prober.exports(server: "nfs.example")
            XCTFail("expected an error")
        } catch {
            guard case .invalidAddress = error else { return XCTFail("got \(error)") }
            XCTAssertTrue(error.description.contains("nfs.example"))
            XCTAssertFalse(error.description.contains("\n"))
        }
    }

    func testSourceAddressOfTheWrongFamily() async {
        let prober = NFSProber(options: NFSProbeOptions(timeout: .seconds(1), sourceAddress: "::1"))
        do {
            _ = try await prober.registrations(server: "127.0.0.1")
            XCTFail("expected an error")
        } catch {
            guard case .invalidAddress = error else { return XCTFail("got \(error)") }
            XCTAssertTrue(error.description.contains("::1"), error.description)
        }
    }

    func testExecutorBoundsConcurrency() async {
        let executor = BlockingExecutor(maxThreads: 2)
        let counter = ConcurrencyCounter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    await executor.run {
                        counter.enter()
                        usleep(5_000)
                        counter.leave()
                    }
                }
            }
        }
        XCTAssertEqual(counter.peak, 2)
    }
}

final class ConcurrencyCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private(set) var peak = 0
    func enter() { lock.lock(); current += 1; peak = max(peak, current); lock.unlock() }
    func leave() { lock.lock(); current -= 1; lock.unlock() }
}
