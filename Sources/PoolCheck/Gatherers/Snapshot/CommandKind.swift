/// What a transcript command is, as far as reading its output goes.
enum CommandKind: Sendable, Equatable {
    case hostname
    /// `xe <class>-list [filters] [params=...] [--minimal]`; `uuid` when a literal `uuid=`
    /// filter names the one record (its output then needs no uuid line).
    case xeList(XeClass, filtered: Bool, minimal: Bool, uuid: String? = nil)
    /// `xe <class>-list params=master --minimal`: field values, not object uuids. Not read.
    case xeMinimalValues
    /// `xe <class>-param-list uuid=...`; uuid nil when it is a `$VAR` or absent.
    case xeParamList(XeClass, uuid: String?)
    /// `xe <class>-param-get uuid=... param-name=...`.
    case xeParamGet(XeClass, uuid: String?, field: String?, key: String?)
    /// A read-only xe listing of a class poolcheck does not model (`xe vdi-list`).
    case xeUnmodelled
    /// Any other xe command: changes state (`pool-join`, `pif-reconfigure-ip`) or prints
    /// nothing poolcheck uses (`sr-create` prints a uuid). Seen, output not read.
    case xeAction
    case ifconfig(oneInterface: Bool)
    case ipAddress(oneInterface: Bool)
    case showmount(server: String)
    case mount(filtered: Bool)
    /// A command whose output poolcheck does not read, or one that prints nothing.
    case other(readsNothing: Bool)

    /// Reads the kind from a command's words.
    init(_ command: ShellCommand) {
        guard let program = command.program else { self = .other(readsNothing: true); return }
        let args = Array(command.words.dropFirst())
        switch program {
        case "hostname":
            self = args.isEmpty || args == ["-s"] || args == ["-f"] ? .hostname : .other(readsNothing: false)
        case "xe":
            self = Self.xe(args)
        case "ifconfig":
            let names = args.filter { !$0.hasPrefix("-") }
            self = names.count <= 1 ? .ifconfig(oneInterface: names.count == 1) : .other(readsNothing: true)
        case "ip":
            self = Self.ip(args)
        case "showmount":
            let server = args.last { !$0.hasPrefix("-") } ?? "localhost"
            self = args.contains("-e") || args.contains("--exports") ? .showmount(server: server) : .other(readsNothing: false)
        case "mount":
            let operands = args.filter { !$0.hasPrefix("-") }
            if !operands.isEmpty && !args.contains("-t") {
                self = .other(readsNothing: true) // mounting something: prints nothing to read
            } else {
                self = .mount(filtered: args.contains("-t"))
            }
        case "cd", "clear", "export", "echo", "sleep", "reboot", "exit", "history":
            self = .other(readsNothing: true)
        default:
            self = .other(readsNothing: false)
        }
    }

    /// Normalised name recorded in `HostView.commands` (no arguments: they may hold secrets).
    static func normalisedName(_ command: ShellCommand) -> String {
        guard let program = command.program else { return "" }
        switch program {
        case "xe":
            return "xe " + (xeVerb(Array(command.words.dropFirst())) ?? "")
        case "ip":
            let object = command.words.dropFirst().first { !$0.hasPrefix("-") } ?? ""
            return "ip " + (ipObjectIsAddress(object) ? "addr" : object)
        case "showmount":
            return "showmount -e"
        default:
            return program
        }
    }

    /// xe's options that take a value, before the verb (`-s host -u root -pw secret`).
    private static let xeValueOptions: Set<String> = ["-s", "-u", "-pw", "-pwf", "-p", "-h"]

    private static func xeVerb(_ args: [String]) -> String? {
        var index = 0
        while index < args.count {
            let word = args[index]
            if xeValueOptions.contains(word) { index += 2; continue }
            if word.hasPrefix("-") { index += 1; continue }
            return word
        }
        return nil
    }

    private static func xe(_ args: [String]) -> CommandKind {
        guard let verb = xeVerb(args) else { return .xeAction }
        let rest = args.drop { $0 != verb }.dropFirst()
        var arguments: [String: String] = [:]
        var minimal = args.contains("--minimal")
        for word in rest {
            if word == "--minimal" { minimal = true; continue }
            guard let equals = word.firstIndex(of: "=") else { continue }
            arguments[String(word[..<equals])] = String(word[word.index(after: equals)...])
        }
        func known(_ value: String?) -> String? {
            guard let value, !value.isEmpty, !value.contains("$") else { return nil }
            return value
        }
        for suffix in ["-param-list", "-param-get", "-list"] where verb.hasSuffix(suffix) {
            let className = String(verb.dropLast(suffix.count))
            guard let xeClass = XeClass(rawValue: className) else {
                return suffix == "-list" || suffix == "-param-list" ? .xeUnmodelled : .xeAction
            }
            switch suffix {
            case "-param-list":
                return .xeParamList(xeClass, uuid: known(arguments["uuid"]))
            case "-param-get":
                return .xeParamGet(xeClass, uuid: known(arguments["uuid"]), field: known(arguments["param-name"]),
                                   key: known(arguments["param-key"]))
            default:
                // `--minimal` prints object uuids only for `params=uuid` or no params.
                if minimal, let params = arguments["params"], params != "uuid" { return .xeMinimalValues }
                let filters = arguments.keys.filter { $0 != "params" }
                let uuid = known(arguments["uuid"]).flatMap { XeValue.isUUID($0) ? $0 : nil }
                return .xeList(xeClass, filtered: !filters.isEmpty, minimal: minimal, uuid: uuid)
            }
        }
        return .xeAction
    }

    private static func ipObjectIsAddress(_ word: String) -> Bool {
        !word.isEmpty && "address".hasPrefix(word)
    }

    private static func ip(_ args: [String]) -> CommandKind {
        var index = 0
        while index < args.count, args[index].hasPrefix("-") {
            // `-f inet`, `-family inet6` take a value; the rest are flags.
            index += (args[index] == "-f" || args[index] == "-family") ? 2 : 1
        }
        guard index < args.count, ipObjectIsAddress(args[index]) else { return .other(readsNothing: false) }
        let rest = args[(index + 1)...]
        guard let action = rest.first else { return .ipAddress(oneInterface: false) }
        if ["show", "list", "lst", "sh", "s", "l", "ls"].contains(action) {
            let operands = rest.dropFirst().filter { !["dev", "up", "primary", "secondary"].contains($0) }
            return .ipAddress(oneInterface: !operands.isEmpty)
        }
        if action == "dev" || !["add", "del", "delete", "change", "replace", "flush", "a", "d", "help"].contains(action) {
            return .ipAddress(oneInterface: true)
        }
        return .other(readsNothing: true)
    }
}
