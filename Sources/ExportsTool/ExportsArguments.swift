import Addressing
import NFSProbe

/// `poolcheck exports SERVER [--client IP]... [--json] [--timeout SECONDS] [--source IP]`.
/// Parsed by hand, not with ArgumentParser: building its argument tree costs about a
/// millisecond, a third of `showmount -e`'s whole run (bench/README.md).
public struct ExportsArguments: Sendable, Equatable {
    public var server = ""
    public var clients: [IPAddress] = []
    public var json = false
    public var timeoutSeconds = 5.0
    public var source: String?
    public var help = false

    public static let abstract = "List an NFS server's exports with a verdict for each client address."

    public static let usage = """
        USAGE: poolcheck exports SERVER [--client IP]... [--json] [--timeout SECONDS] [--source IP]

        \(abstract)
        Asks the server's rpcbind (registered services) and mountd (EXPORT), as `showmount -e`
        and `rpcinfo -p` do, and judges each --client address against each export's client
        groups: admitted, refused or unknown, with the group that decided it.

        ARGUMENTS:
          SERVER              NFS server address (IPv4 or IPv6).

        OPTIONS:
          --client IP         A client address to judge (repeatable).
          --json              Print the JSON contract instead of text.
          --timeout SECONDS   Deadline of the server query, and again of the name
                              lookups --client verdicts need (default: 5).
          --source IP         Ask from this local address (e.g. a host's storage IP).
          -h, --help          Show this help.

        Exit status: 0 the server answered, 3 it could not be asked, 2 bad usage.
        """

    public init() {}

    /// Parses the words after `exports`. The error is one line for people.
    public static func parse(_ words: [String]) throws(UsageError) -> ExportsArguments {
        var arguments = ExportsArguments()
        var positional: [String] = []
        var index = 0
        func value(of option: String, inline: String?) throws(UsageError) -> String {
            if let inline { return inline }
            index += 1
            guard index < words.count else { throw UsageError("\(option) needs a value") }
            return words[index]
        }
        var onlyPositional = false
        while index < words.count {
            let word = words[index]
            defer { index += 1 }
            if onlyPositional || !word.hasPrefix("-") || word == "-" {
                positional.append(word)
                continue
            }
            let (option, inline) = split(word)
            switch option {
            case "--":
                onlyPositional = true
            case "-h", "--help":
                arguments.help = true
            case "--json":
                guard inline == nil else { throw UsageError("--json takes no value") }
                arguments.json = true
            case "--client":
                let text = try value(of: option, inline: inline)
                guard let address = IPAddress(text) else { throw UsageError("--client '\(text)' is not an IP address") }
                arguments.clients.append(address)
            case "--timeout":
                let text = try value(of: option, inline: inline)
                guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
                    throw UsageError("--timeout must be between 0 and 3600 seconds, not '\(text)'")
                }
                arguments.timeoutSeconds = seconds
            case "--source":
                let text = try value(of: option, inline: inline)
                guard IPAddress(text) != nil else { throw UsageError("--source '\(text)' is not an IP address") }
                arguments.source = text
            default:
                throw UsageError("unknown option '\(option)'")
            }
        }
        if arguments.help { return arguments }
        guard let server = positional.first else { throw UsageError("missing SERVER") }
        guard positional.count == 1 else { throw UsageError("unexpected argument '\(positional[1])'") }
        arguments.server = server
        return arguments
    }

    /// `--option=value` → ("--option", "value").
    private static func split(_ word: String) -> (String, String?) {
        guard word.hasPrefix("--"), let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    var probeOptions: NFSProbeOptions {
        NFSProbeOptions(timeout: .milliseconds(Int(timeoutSeconds * 1000)), sourceAddress: source)
    }
}

/// Bad usage, one line.
public struct UsageError: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
