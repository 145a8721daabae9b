#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Capture file formats the writer produces.
public enum CaptureFileFormat: String, Sendable, Codable, CaseIterable {
    /// Classic libpcap format (microsecond or nanosecond timestamps).
    case pcap
    /// pcapng: one section, one interface, enhanced packet blocks.
    case pcapng
}

/// Writes real pcap/pcapng files (host byte order, as tcpdump does), so tests
/// and benchmarks read synthetic frames back through libpcap itself.
///
/// Not Sendable: one writer belongs to one thread. Output is buffered;
/// call `close()` to flush and see write errors.
public final class PcapWriter {
    public let path: String
    public let format: CaptureFileFormat
    public let linkType: LinkType
    public let snapLength: Int
    public let nanosecondTimestamps: Bool
    private var file: UnsafeMutablePointer<FILE>?
    private var buffer: [UInt8] = []
    private static let flushThreshold = 1 << 20

    public init(path: String, format: CaptureFileFormat = .pcap, linkType: LinkType,
                snapLength: Int = 262_144, nanosecondTimestamps: Bool = false) throws(TrafficProbeError) {
        guard let opened = fopen(path, "wb") else {
            throw TrafficProbeError.fileUnreadable(
                path: path, reason: "cannot create: \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.format = format
        self.linkType = linkType
        self.snapLength = snapLength
        self.nanosecondTimestamps = nanosecondTimestamps
        self.file = opened
        buffer.reserveCapacity(Self.flushThreshold + 65_600)
        switch format {
        case .pcap: writeFileHeader()
        case .pcapng: writeSectionAndInterface()
        }
    }

    deinit {
        if let file { fclose(file) }
    }

    /// Appends one packet. Frames longer than the snap length are cut to it;
    /// `wireLength` (default: the frame's length) is recorded as the original size.
    public func write(_ frame: [UInt8], at timestamp: PacketTimestamp, wireLength: Int? = nil)
        throws(TrafficProbeError)
    {
        let captured = min(frame.count, snapLength)
        let original = max(wireLength ?? frame.count, captured)
        switch format {
        case .pcap:
            append32(UInt32(truncatingIfNeeded: timestamp.seconds))
            let fraction = nanosecondTimestamps ? timestamp.nanoseconds : timestamp.nanoseconds / 1000
            append32(UInt32(truncatingIfNeeded: fraction))
            append32(UInt32(captured))
            append32(UInt32(original))
            buffer.append(contentsOf: frame[0..<captured])
        case .pcapng:
            let padded = (captured + 3) & ~3
            let blockLength = UInt32(32 + padded)
            let units = UInt64(timestamp.seconds) &* (nanosecondTimestamps ? 1_000_000_000 : 1_000_000)
                &+ UInt64(nanosecondTimestamps ? timestamp.nanoseconds : timestamp.nanoseconds / 1000)
            append32(6)  // enhanced packet block
            append32(blockLength)
            append32(0)  // interface id
            append32(UInt32(truncatingIfNeeded: units >> 32))
            append32(UInt32(truncatingIfNeeded: units))
            append32(UInt32(captured))
            append32(UInt32(original))
            buffer.append(contentsOf: frame[0..<captured])
            buffer.append(contentsOf: repeatElement(0, count: padded - captured))
            append32(blockLength)
        }
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Flushes and closes the file. Further writes fail.
    public func close() throws(TrafficProbeError) {
        try flush()
        guard let file else { return }
        self.file = nil
        guard fclose(file) == 0 else {
            throw TrafficProbeError.fileUnreadable(
                path: path, reason: "close failed: \(String(cString: strerror(errno)))")
        }
    }

    private func flush() throws(TrafficProbeError) {
        guard let file else {
            throw TrafficProbeError.fileUnreadable(path: path, reason: "writer already closed")
        }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == buffer.count else {
            throw TrafficProbeError.fileUnreadable(
                path: path, reason: "write failed: \(String(cString: strerror(errno)))")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    // MARK: Headers

    private func writeFileHeader() {
        append32(nanosecondTimestamps ? 0xA1B2_3C4D : 0xA1B2_C3D4)
        append16(2)  // version 2.4
        append16(4)
        append32(0)  // GMT offset
        append32(0)  // timestamp accuracy
        append32(UInt32(snapLength))
        append32(UInt32(bitPattern: linkType.rawValue))
    }

    private func writeSectionAndInterface() {
        // Section header block, no options.
        append32(0x0A0D_0D0A)
        append32(28)
        append32(0x1A2B_3C4D)  // byte-order magic
        append16(1)
        append16(0)
        append32(0xFFFF_FFFF)  // section length: unknown
        append32(0xFFFF_FFFF)
        append32(28)
        // Interface description block with if_tsresol (code 9) and end of options.
        append32(1)
        append32(32)
        append16(UInt16(truncatingIfNeeded: linkType.rawValue))
        append16(0)
        append32(UInt32(snapLength))
        append16(9)
        append16(1)
        buffer.append(contentsOf: [nanosecondTimestamps ? 9 : 6, 0, 0, 0])
        append32(0)  // opt_endofopt
        append32(32)
    }

    private func append16(_ value: UInt16) {
        withUnsafeBytes(of: value) { buffer.append(contentsOf: $0) }
    }

    private func append32(_ value: UInt32) {
        withUnsafeBytes(of: value) { buffer.append(contentsOf: $0) }
    }
}
