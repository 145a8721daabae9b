/// A capture timestamp with nanosecond resolution (Unix epoch).
public struct PacketTimestamp: Hashable, Sendable, Comparable {
    public let seconds: Int64
    public let nanoseconds: Int64

    public init(seconds: Int64, nanoseconds: Int64) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// Seconds since the Unix epoch.
    public var secondsSinceEpoch: Double { Double(seconds) + Double(nanoseconds) / 1e9 }

    public static func < (lhs: PacketTimestamp, rhs: PacketTimestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}

/// The record header of one packet handed to a reader's body.
public struct PacketInfo: Hashable, Sendable {
    public let timestamp: PacketTimestamp
    /// Bytes captured (what the body's buffer holds).
    public let capturedLength: Int
    /// Bytes on the wire (may exceed capturedLength when the snap length cut it).
    public let wireLength: Int
}
