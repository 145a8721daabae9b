/// 128-bit arithmetic for prefix math, shared by both families (an IPv4
/// address sits in the low 32 bits). Two halves rather than `UInt128`, which
/// needs macOS 15 and the package still targets macOS 13.
struct Bits128: Hashable, Comparable, Sendable {
    var high: UInt64
    var low: UInt64

    static let zero = Bits128(high: 0, low: 0)
    static let allOnes = Bits128(high: .max, low: .max)

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init(_ address: IPv6Address) {
        self.init(high: address.high, low: address.low)
    }

    init(_ address: IPv4Address) {
        self.init(high: 0, low: UInt64(address.value))
    }

    /// The lowest `count` bits set, `count` in 0...128.
    static func lowBits(_ count: Int) -> Bits128 {
        switch count {
        case ...0: return .zero
        case 1..<64: return Bits128(high: 0, low: (1 << UInt64(count)) - 1)
        case 64: return Bits128(high: 0, low: .max)
        case 65..<128: return Bits128(high: (1 << UInt64(count - 64)) - 1, low: .max)
        default: return .allOnes
        }
    }

    static func & (lhs: Bits128, rhs: Bits128) -> Bits128 {
        Bits128(high: lhs.high & rhs.high, low: lhs.low & rhs.low)
    }

    static func | (lhs: Bits128, rhs: Bits128) -> Bits128 {
        Bits128(high: lhs.high | rhs.high, low: lhs.low | rhs.low)
    }

    static prefix func ~ (value: Bits128) -> Bits128 {
        Bits128(high: ~value.high, low: ~value.low)
    }

    /// Wraps at 2^128; callers check for the all-ones value first.
    func adding1() -> Bits128 {
        low == .max ? Bits128(high: high &+ 1, low: 0) : Bits128(high: high, low: low + 1)
    }

    /// Wraps below zero; callers check for zero first.
    func subtracting1() -> Bits128 {
        low == 0 ? Bits128(high: high &- 1, low: .max) : Bits128(high: high, low: low - 1)
    }

    static func < (lhs: Bits128, rhs: Bits128) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}

extension IPv6Address {
    init(_ bits: Bits128) {
        self.init(high: bits.high, low: bits.low)
    }
}
