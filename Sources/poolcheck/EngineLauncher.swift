#if canImport(Glibc)
import Glibc
#endif

/// Starts poolcheck-engine, installed next to this binary, in this process (execv), so
/// its exit status, signals, terminal and password prompt are the command's own.
enum EngineLauncher {
    static let engineName = "poolcheck-engine"

    /// Returns only if the engine could not be started (exit status 3).
    static func run(_ words: [String]) -> Int32 {
        guard let directory = ownDirectory() else {
            report("cannot find the directory of this executable (/proc/self/exe)")
            return 3
        }
        let engine = directory + "/" + engineName
        // argv[0] "poolcheck": the engine's messages name the command the user typed.
        let cArguments = (["poolcheck"] + words.dropFirst()).map { strdup($0) } + [nil]
        execv(engine, cArguments)
        let why = String(cString: strerror(errno))
        report("cannot start \(engine): \(why) (it is installed next to poolcheck; "
               + "in the source tree `swift build` or scripts/build.sh builds both)")
        return 3
    }

    private static func ownDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        let path = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }

    private static func report(_ line: String) {
        let text = "poolcheck: \(line)\n"
        _ = text.withCString { write(2, $0, strlen($0)) }
    }
}
