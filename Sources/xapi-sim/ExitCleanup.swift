import Dispatch
import Foundation

/// Runs `cleanup` once when the simulator ends: by returning, by an error, or by SIGTERM,
/// SIGINT or SIGHUP (the usual ways a test or a person stops it), so the private key it
/// generated does not outlive it in /tmp. Installed before the key is made, so a signal
/// that arrives while openssl runs still cleans up.
final class ExitCleanup: @unchecked Sendable {
    private let lock = NSLock()
    private var cleanup: (@Sendable () -> Void)?
    private var sources: [any DispatchSourceSignal] = []

    init(_ cleanup: @escaping @Sendable () -> Void) {
        self.cleanup = cleanup
        for signalNumber in [SIGTERM, SIGINT, SIGHUP] {
            signal(signalNumber, SIG_IGN)  // delivered to the source below instead
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in
                run()
                // The status a shell shows for a process that a signal ended.
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Cleans up now (once; later calls do nothing).
    func run() {
        let pending = lock.withLock { () -> (@Sendable () -> Void)? in
            defer { cleanup = nil }
            return cleanup
        }
        pending?()
    }
}
