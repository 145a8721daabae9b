import CPcapShim

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// When a bounded live capture ran, and how late it ended.
public struct CaptureTiming: Sendable, Hashable, Codable {
    /// Wall clock, seconds since the Unix epoch.
    public var started: Double
    public var ended: Double
    public var requestedSeconds: Double
    /// How long after its deadline the capture returned (monotonic clock).
    public var deadlineOverrunMilliseconds: Double

    public init(started: Double, ended: Double, requestedSeconds: Double, deadlineOverrunMilliseconds: Double) {
        self.started = started
        self.ended = ended
        self.requestedSeconds = requestedSeconds
        self.deadlineOverrunMilliseconds = deadlineOverrunMilliseconds
    }

    enum CodingKeys: String, CodingKey {
        case started, ended
        case requestedSeconds = "requested_seconds"
        case deadlineOverrunMilliseconds = "deadline_overrun_ms"
    }
}

/// Live capture on several interfaces at once, bounded by one deadline.
///
/// Handles are opened (and the kernel starts buffering) in `init`, so traffic
/// sent between `init` and `run` is kept. Reads are non-blocking and waited
/// for with poll(): on Linux a blocking pcap read never returns on an idle
/// interface, whatever its timeout, so only our own deadline ends the window.
///
/// Not Sendable: one capture belongs to one thread.
public final class LiveCapture {
    public struct Source {
        public let interface: String
        public let linkType: LinkType
        fileprivate let handle: OpaquePointer
        fileprivate let descriptor: Int32
    }

    /// Interfaces that opened and are still capturing, in request order.
    public private(set) var sources: [Source] = []
    /// Interfaces that could not be opened or failed while capturing.
    public private(set) var failures: [String: TrafficProbeError] = [:]
    /// Packets read per interface.
    public private(set) var packetsRead: [String: Int] = [:]

    /// Packets read from one source per pass before the deadline is checked again.
    static let drainBatch = 4096

    /// Opens every interface (duplicates once). Failures are recorded per
    /// interface, so one missing interface does not stop the others.
    public init(interfaces: [String], snapLength: Int = 512, bufferBytes: Int = 4 << 20) {
        var seen = Set<String>()
        for interface in interfaces where seen.insert(interface).inserted {
            var failure: Int32 = 0
            var errorBuffer = [CChar](repeating: 0, count: Int(PCS_ERRBUF_SIZE))
            guard let handle = pcs_open_live(interface, Int32(snapLength), Int32(bufferBytes),
                                             &failure, &errorBuffer)
            else {
                failures[interface] = Self.openError(interface, kind: failure,
                                                     message: String(errorBuffer: errorBuffer))
                continue
            }
            let linkType = LinkType(rawValue: pcs_link_type(handle))
            guard linkType.isSupported else {
                failures[interface] = .unsupportedLinkType(
                    source: interface, linkType: linkType.rawValue, name: PcapFileReader.linkTypeName(linkType))
                pcs_close(handle)
                continue
            }
            let descriptor = pcs_selectable_fd(handle)
            guard descriptor >= 0 else {
                failures[interface] = .captureFailed(interface: interface, detail: "no pollable descriptor")
                pcs_close(handle)
                continue
            }
            sources.append(Source(interface: interface, linkType: linkType, handle: handle,
                                  descriptor: descriptor))
        }
    }

    deinit {
        for source in sources { pcs_close(source.handle) }
    }

    /// Installs a BPF filter on every source, chosen per link type. A source
    /// whose filter does not compile is failed and closed.
    public func setFilter(_ expression: (LinkType) -> String) {
        sources.removeAll { source in
            var errorBuffer = [CChar](repeating: 0, count: Int(PCS_ERRBUF_SIZE))
            let text = expression(source.linkType)
            guard pcs_set_filter(source.handle, text, &errorBuffer) != 0 else { return false }
            failures[source.interface] = .invalidFilter(expression: text, detail: String(errorBuffer: errorBuffer))
            pcs_close(source.handle)
            return true
        }
    }

    /// Captures until `duration` has passed, handing each packet to `body`
    /// with the index of its source in `sources` (as they were when the run
    /// started). Packet bytes are valid only during the call.
    public func run(for duration: Duration,
                    body: (Int, PacketInfo, UnsafeRawBufferPointer) -> Void) -> CaptureTiming {
        let clock = ContinuousClock()
        let start = clock.now
        let started = Self.wallClock()
        let deadline = start + duration
        var active = Array(sources.indices)
        let allSources = sources

        while !active.isEmpty {
            active = drain(allSources, active, limit: Self.drainBatch, body: body)
            let now = clock.now
            guard now < deadline, !active.isEmpty else { break }
            var descriptors = active.map { allSources[$0].descriptor }
            var readable = [UInt8](repeating: 0, count: descriptors.count)
            let waitMilliseconds = Self.milliseconds(deadline - now)
            if pcs_poll_readable(&descriptors, Int32(descriptors.count), waitMilliseconds, &readable) < 0 {
                // poll itself failed (should not happen): do not spin; end the window.
                for index in active {
                    failures[allSources[index].interface] = .captureFailed(
                        interface: allSources[index].interface,
                        detail: "poll failed: \(String(cString: strerror(errno)))")
                }
                break
            }
        }
        // Packets that arrived before the deadline may still sit in the ring.
        _ = drain(allSources, active, limit: Self.drainBatch, body: body)

        let end = clock.now
        let overrun = end - deadline
        let failedNow = Set(failures.keys)
        sources.removeAll { failedNow.contains($0.interface) }
        return CaptureTiming(
            started: started, ended: Self.wallClock(), requestedSeconds: Self.seconds(duration),
            deadlineOverrunMilliseconds: max(0, Self.seconds(overrun) * 1000))
    }

    /// Kernel drop count of an interface, when libpcap knows it.
    public func kernelDrops(_ interface: String) -> Int? {
        guard let source = sources.first(where: { $0.interface == interface }) else { return nil }
        let drops = pcs_dropped_packets(source.handle)
        return drops < 0 ? nil : Int(drops)
    }

    /// Reads what is buffered on each active source; returns the sources still healthy.
    private func drain(_ all: [Source], _ active: [Int], limit: Int,
                       body: (Int, PacketInfo, UnsafeRawBufferPointer) -> Void) -> [Int] {
        var healthy: [Int] = []
        var packet = pcs_packet()
        for index in active {
            let source = all[index]
            var failed = false
            reading: for _ in 0..<limit {
                switch pcs_next(source.handle, &packet) {
                case PCS_NEXT_PACKET:
                    packetsRead[source.interface, default: 0] += 1
                    let info = PacketInfo(
                        timestamp: PacketTimestamp(seconds: packet.seconds, nanoseconds: packet.nanoseconds),
                        capturedLength: Int(packet.captured_length), wireLength: Int(packet.wire_length))
                    body(index, info, UnsafeRawBufferPointer(start: packet.bytes, count: info.capturedLength))
                case PCS_NEXT_NONE_YET, PCS_NEXT_END:
                    break reading
                default:
                    let message = String(cString: pcs_last_error(source.handle))
                    failures[source.interface] = message.contains("went down")
                        ? .interfaceDown(interface: source.interface)
                        : .captureFailed(interface: source.interface, detail: message)
                    failed = true
                    break reading
                }
            }
            if !failed { healthy.append(index) }
        }
        return healthy
    }

    private static func openError(_ interface: String, kind: Int32, message: String) -> TrafficProbeError {
        switch kind {
        case PCS_OPEN_PERMISSION_DENIED: return .permissionDenied(interface: interface, detail: message)
        case PCS_OPEN_NO_SUCH_DEVICE: return .noSuchInterface(interface: interface)
        case PCS_OPEN_INTERFACE_DOWN: return .interfaceDown(interface: interface)
        default:
            // Some libpcap paths report a plain error with the errno text.
            if message.contains("Operation not permitted") {
                return .permissionDenied(interface: interface, detail: message)
            }
            if message.contains("No such device") { return .noSuchInterface(interface: interface) }
            return .captureFailed(interface: interface, detail: message)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// Rounded up, so poll never wakes before the deadline and spins.
    static func milliseconds(_ duration: Duration) -> Int32 {
        let value = (seconds(duration) * 1000).rounded(.up)
        return Int32(min(max(value, 0), Double(Int32.max)))
    }

    static func wallClock() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
