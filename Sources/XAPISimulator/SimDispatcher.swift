import Synchronization
import XenAPI

/// XAPI's answers for one simulated pool: sessions, logins (with HOST_IS_SLAVE on
/// members), and the read calls (`get_all_records`, `get_all`, `get_record`,
/// `get_by_uuid`, `get_by_name_label`, `get_<field>`). Anything else is
/// MESSAGE_METHOD_UNKNOWN: the simulator changes nothing.
final class SimDispatcher: Sendable {
    let scenario: SimScenario
    let user: String
    private let password: String
    private let sessions = Mutex<(issued: Set<String>, counter: Int)>(([], 0))
    /// Lower-cased class name -> the class name as stored.
    private let classNames: [String: String]
    /// Where members send clients: "ADDRESS:PORT" of the master's listener.
    let masterAddress = Mutex<String>("")

    init(scenario: SimScenario, user: String, password: String) {
        self.scenario = scenario
        self.user = user
        self.password = password
        var names: [String: String] = [:]
        for name in scenario.records.classes.keys { names[name.lowercased()] = name }
        classNames = names
    }

    func handle(method: String, params: [XapiValue], on host: SimHost) -> XapiResult {
        switch method {
        case "session.login_with_password":
            guard host.isMaster else { return .failure(code: "HOST_IS_SLAVE", params: [masterAddress.withLock { $0 }]) }
            guard params.count >= 2, params[0].stringValue == user, params[1].stringValue == password else {
                return .failure(code: "SESSION_AUTHENTICATION_FAILED",
                                params: [params.first?.stringValue ?? "", "Authentication failure"])
            }
            let reference = sessions.withLock { state -> String in
                state.counter += 1
                let reference = "OpaqueRef:" + SimIdentifiers.uuid("session", state.counter)
                state.issued.insert(reference)
                return reference
            }
            return .success(.string(reference))
        case "session.logout":
            if let reference = params.first?.stringValue {
                sessions.withLock { _ = $0.issued.remove(reference) }
            }
            return .success("")
        default:
            break
        }
        guard let session = params.first?.stringValue, sessions.withLock({ $0.issued.contains(session) }) else {
            return .failure(code: "SESSION_INVALID", params: [params.first?.stringValue ?? ""])
        }
        let arguments = Array(params.dropFirst())
        let parts = method.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return .failure(code: "MESSAGE_METHOD_UNKNOWN", params: [method]) }
        if parts[0] == "session", parts[1] == "get_this_host" {
            return .success(.string(host.isMaster ? host.reference : scenario.master?.reference ?? ""))
        }
        guard let className = classNames[parts[0].lowercased()], let table = scenario.records[className] else {
            return .failure(code: "MESSAGE_METHOD_UNKNOWN", params: [method])
        }
        return read(className: className, table: table, call: parts[1], arguments: arguments, method: method)
    }

    private func read(className: String, table: [String: [String: XapiValue]], call: String, arguments: [XapiValue],
                      method: String) -> XapiResult {
        switch call {
        case "get_all_records":
            return .success(.map(table.mapValues(XapiValue.map)))
        case "get_all":
            return .success(.array(table.keys.sorted().map(XapiValue.string)))
        case "get_by_uuid":
            let uuid = arguments.first?.stringValue ?? ""
            guard let reference = table.first(where: { $0.value["uuid"]?.stringValue == uuid })?.key else {
                return .failure(code: "UUID_INVALID", params: [className, uuid])
            }
            return .success(.string(reference))
        case "get_by_name_label":
            let label = arguments.first?.stringValue ?? ""
            return .success(.array(table.filter { $0.value["name_label"]?.stringValue == label }.keys.sorted()
                .map(XapiValue.string)))
        default:
            guard call.hasPrefix("get_") else { return .failure(code: "MESSAGE_METHOD_UNKNOWN", params: [method]) }
            let reference = arguments.first?.stringValue ?? ""
            guard let record = table[reference] else { return .failure(code: "HANDLE_INVALID", params: [className, reference]) }
            if call == "get_record" { return .success(.map(record)) }
            guard let value = record[String(call.dropFirst(4))] else {
                return .failure(code: "MESSAGE_METHOD_UNKNOWN", params: [method])
            }
            return .success(value)
        }
    }
}
