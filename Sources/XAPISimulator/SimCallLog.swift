#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import XenAPI

/// One call the simulator received. Parameters are never recorded: a login's password
/// has no field to land in; only the user name is kept.
public struct SimCall: Sendable, Equatable {
    public var host: String
    public var wire: String
    public var method: String
    public var user: String?
    /// "Success", the failure code, or the fault that answered instead.
    public var outcome: String
}

/// Every method called, in memory and optionally as JSON lines in a file (`--log`).
public final class SimCallLog: Sendable {
    private let state = Mutex<[SimCall]>([])
    private let file: Mutex<UnsafeMutablePointer<FILE>?>

    public init(path: String? = nil) throws {
        if let path {
            guard let handle = fopen(path, "a") else { throw SimScenarioError("cannot open log file \(path) for writing") }
            file = Mutex(handle)
        } else {
            file = Mutex(nil)
        }
    }

    deinit {
        file.withLock { handle in
            if let open = handle { fclose(open) }
        }
    }

    public var calls: [SimCall] { state.withLock { $0 } }

    func record(_ call: SimCall) {
        state.withLock { $0.append(call) }
        file.withLock { handle in
            guard let handle else { return }
            var fields: [String: XapiValue] = ["host": .string(call.host), "protocol": .string(call.wire),
                                               "method": .string(call.method), "outcome": .string(call.outcome)]
            if let user = call.user { fields["user"] = .string(user) }
            var line = JSONCodec.encode(.map(fields))
            line.append(0x0A)
            _ = line.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, handle) }
            fflush(handle)
        }
    }
}
