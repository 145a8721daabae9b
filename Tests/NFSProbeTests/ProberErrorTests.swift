import Addressing
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

    /// Past its deadline a resolver asks nothing more: 200 clients' reverse lookups
    /// against a dead DNS server end with the deadline, as unknown verdicts.
    func testLookupsAfterTheDeadlineFailAtOnce() async {
        let resolver = SystemResolver(timeout: .seconds(2), deadline: .now - .milliseconds(1))
        let started = ContinuousClock.now
        guard case .failed(let why) = await resolver.addresses(of: "localhost") else {
            return XCTFail("a lookup after the deadline must fail")
        }
        XCTAssertTrue(why.contains("deadline"), why)
        guard case .failed = await resolver.names(of: IPAddress("127.0.0.1")!) else {
            return XCTFail("a reverse lookup after the deadline must fail")
        }
        XCTAssertLessThan(ContinuousClock.now - started, .milliseconds(100))
        let matcher = ExportMatcher(dialect: .knfsd, resolver: resolver)
        let verdict = await matcher.verdict(for: IPAddress("172.16.0.35")!,
                                            on: NFSExport(path: "/srv/wild", groups: ["*.storage.lab"]))
        XCTAssertEqual(verdict.verdict, .unknown, "never a silent pass or fail")
        // A live resolver still answers from /etc/hosts (no DNS traffic) before its deadline.
        let live = SystemResolver(deadline: .now + .seconds(5))
        guard case .found(let addresses) = await live.addresses(of: "localhost") else {
            return XCTFail("localhost resolves")
        }
        XCTAssertTrue(addresses.contains(IPAddress("127.0.0.1")!) || addresses.contains(IPAddress("::1")!))
    }
}

final class ConcurrencyCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private(set) var peak = 0
    func enter() { lock.lock(); current += 1; peak = max(peak, current); lock.unlock() }
    func leave() { lock.lock(); current -= 1; lock.unlock() }
}
