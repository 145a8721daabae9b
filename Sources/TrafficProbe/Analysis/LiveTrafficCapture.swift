import Foundation
import Synchronization

/// One interface's part of a live capture: an observation, or why there is none.
public struct InterfaceCapture: Sendable, Hashable, Codable {
    public var interface: String
    /// Set when the interface was captured (even if no packet came).
    public var observation: TrafficObservation?
    /// Set when it could not be: missing, down, no permission...
    public var failure: CaptureFailure?

    public init(interface: String, observation: TrafficObservation? = nil, failure: CaptureFailure? = nil) {
        self.interface = interface
        self.observation = observation
        self.failure = failure
    }
}

/// A capture error as a fact: stable kind plus the one-line message with the fix.
public struct CaptureFailure: Sendable, Hashable, Codable {
    /// TrafficProbeError.kind: "permission_denied", "no_such_interface", "interface_down", ...
    public var kind: String
    public var message: String

    public init(kind: String, message: String) {
        self.kind = kind
        self.message = message
    }

    public init(_ error: TrafficProbeError) {
        self.init(kind: error.kind, message: error.description)
    }
}

/// The result of one bounded live capture over several interfaces.
public struct LiveCaptureReport: Sendable, Hashable, Codable {
    public var timing: CaptureTiming
    /// One entry per requested interface, in request order.
    public var interfaces: [InterfaceCapture]

    public init(timing: CaptureTiming, interfaces: [InterfaceCapture]) {
        self.timing = timing
        self.interfaces = interfaces
    }
}

/// A live capture of storage/LACP traffic on the local host's interfaces.
///
/// Use in two steps so probe traffic is never missed: `init` opens every
/// interface (the kernel starts keeping packets at once), then send probes
/// (rpcbind query, TCP connect to 2049) while `run(for:)` waits out the window.
///
///     let capture = LiveTrafficCapture(interfaces: ["xenbr0", "xenbr2"], options: options)
///     async let report = capture.run(for: .seconds(5))
///     await sendProbes()
///     let observations = await report
///
/// Single use; a second run reports every interface as failed.
@available(macOS 15.0, *)
public final class LiveTrafficCapture: Sendable {
    public let interfaces: [String]
    public let host: String?
    public let options: TrafficAnalysisOptions
    private let capture: Mutex<LiveCapture?>

    public init(interfaces: [String], host: String? = nil, options: TrafficAnalysisOptions,
                snapLength: Int = 512) {
        self.interfaces = interfaces
        self.host = host
        self.options = options
        let capture = LiveCapture(interfaces: interfaces, snapLength: snapLength)
        capture.setFilter { CaptureFilter.expression(for: options, linkType: $0) }
        self.capture = Mutex(capture)
    }

    /// Runs the window on a dedicated thread (it blocks for `duration`, which
    /// must not happen on the cooperative pool).
    public func run(for duration: Duration) async -> LiveCaptureReport {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: self.runBlocking(for: duration)) }
            thread.name = "poolcheck-capture"
            thread.start()
        }
    }

    /// Runs the window on the calling thread, blocking it for `duration`.
    public func runBlocking(for duration: Duration) -> LiveCaptureReport {
        guard let capture = self.capture.withLock({ $0.take() }) else {
            let failure = CaptureFailure(kind: "capture_failed", message: "this live capture already ran")
            let now = LiveCapture.wallClock()
            return LiveCaptureReport(
                timing: CaptureTiming(started: now, ended: now, requestedSeconds: LiveCapture.seconds(duration),
                                      deadlineOverrunMilliseconds: 0),
                interfaces: interfaces.map { InterfaceCapture(interface: $0, failure: failure) })
        }
        let sources = capture.sources
        var analyzers = sources.map { TrafficAnalyzer(options: options, linkType: $0.linkType) }
        let timing = capture.run(for: duration) { index, info, bytes in
            analyzers[index].ingest(info, bytes: bytes)
        }
        let window = ObservedWindow(start: timing.started, end: timing.ended)
        var byInterface: [String: InterfaceCapture] = [:]
        for (index, source) in sources.enumerated() {
            let observation = analyzers[index].observation(
                interface: source.interface, host: host, source: .live,
                filter: CaptureFilter.expression(for: options, linkType: source.linkType),
                window: window, kernelDrops: capture.kernelDrops(source.interface))
            byInterface[source.interface] = InterfaceCapture(interface: source.interface, observation: observation)
        }
        for (interface, error) in capture.failures {
            byInterface[interface] = InterfaceCapture(interface: interface, failure: CaptureFailure(error))
        }
        var seen = Set<String>()
        let ordered = interfaces.filter { seen.insert($0).inserted }.compactMap { byInterface[$0] }
        return LiveCaptureReport(timing: timing, interfaces: ordered)
    }
}
