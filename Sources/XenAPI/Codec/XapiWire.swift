/// The two wire formats XAPI answers, and XAPI's result envelope over each.
public enum XapiProtocol: String, Sendable, CaseIterable {
    /// XML-RPC at `/`: every XAPI release.
    case xmlRPC = "xml-rpc"
    /// JSON-RPC 2.0 at `/jsonrpc`: XenServer 7.3 and later, XCP-ng.
    case jsonRPC = "json-rpc"

    public var path: String { self == .xmlRPC ? "/" : "/jsonrpc" }
    public var contentType: String { self == .xmlRPC ? "text/xml" : "application/json" }
}

/// What a XAPI call returned: `{Status: Success, Value}` or `{Status: Failure,
/// ErrorDescription: [code, params...]}` (XML-RPC), `result` or `error {message, data}`
/// (JSON-RPC 2.0), `error: [code, params...]` (JSON-RPC 1.0).
public enum XapiResult: Sendable, Equatable {
    case success(XapiValue)
    case failure(code: String, params: [String])
}

public enum XapiWire {
    public static func encodeRequest(_ protocol: XapiProtocol, method: String, params: [XapiValue], id: Int = 1) -> [UInt8] {
        switch `protocol` {
        case .xmlRPC:
            return XMLRPCCodec.encodeCall(method: method, params: params)
        case .jsonRPC:
            return JSONCodec.encode(["jsonrpc": "2.0", "method": .string(method), "params": .array(params), "id": .int(Int64(id))])
        }
    }

    public static func decodeResult(_ protocol: XapiProtocol, _ body: [UInt8], limits: ParserLimits = .default) throws -> XapiResult {
        switch `protocol` {
        case .xmlRPC:
            let envelope = try XMLRPCCodec.decodeResponse(body, limits: limits)
            guard let status = envelope["Status"]?.stringValue else {
                throw ParseError("reply has no Status member (not a XAPI server?)", at: 0)
            }
            switch status {
            case "Success":
                guard let value = envelope["Value"] else { throw ParseError("Success reply without Value", at: 0) }
                return .success(value)
            case "Failure":
                return try failure(envelope["ErrorDescription"])
            default:
                throw ParseError("unknown Status \"\(status.prefix(40))\"", at: 0)
            }
        case .jsonRPC:
            let envelope = try JSONCodec.decode(body, limits: limits)
            guard envelope.mapValue != nil else { throw ParseError("JSON-RPC reply is not an object", at: 0) }
            if let error = envelope["error"], error != .null {
                if let members = error.mapValue {
                    guard let code = members["message"]?.stringValue else { throw ParseError("JSON-RPC error without message", at: 0) }
                    return .failure(code: code, params: members["data"]?.arrayValue?.map { $0.stringValue ?? "\($0)" } ?? [])
                }
                return try failure(error)
            }
            guard let result = envelope["result"] else { throw ParseError("JSON-RPC reply has neither result nor error", at: 0) }
            return .success(result)
        }
    }

    private static func failure(_ description: XapiValue?) throws -> XapiResult {
        guard let items = description?.arrayValue, let code = items.first?.stringValue else {
            throw ParseError("Failure reply without ErrorDescription", at: 0)
        }
        return .failure(code: code, params: items.dropFirst().map { $0.stringValue ?? "\($0)" })
    }

    // MARK: server side (the simulator)

    public static func decodeRequest(_ protocol: XapiProtocol, _ body: [UInt8], limits: ParserLimits = .default) throws
        -> (method: String, params: [XapiValue], id: XapiValue)
    {
        switch `protocol` {
        case .xmlRPC:
            let call = try XMLRPCCodec.decodeCall(body, limits: limits)
            return (call.method, call.params, .null)
        case .jsonRPC:
            let request = try JSONCodec.decode(body, limits: limits)
            guard let method = request["method"]?.stringValue else { throw ParseError("JSON-RPC request without method", at: 0) }
            let params = request["params"]?.arrayValue ?? []
            return (method, params, request["id"] ?? .null)
        }
    }

    public static func encodeResult(_ protocol: XapiProtocol, _ result: XapiResult, id: XapiValue = .null) -> [UInt8] {
        switch (`protocol`, result) {
        case (.xmlRPC, .success(let value)):
            return XMLRPCCodec.encodeResponse(["Status": "Success", "Value": value])
        case (.xmlRPC, .failure(let code, let params)):
            return XMLRPCCodec.encodeResponse(["Status": "Failure",
                                               "ErrorDescription": .array(([code] + params).map(XapiValue.string))])
        case (.jsonRPC, .success(let value)):
            return JSONCodec.encode(["jsonrpc": "2.0", "result": value, "id": id])
        case (.jsonRPC, .failure(let code, let params)):
            return JSONCodec.encode(["jsonrpc": "2.0", "id": id,
                                     "error": ["code": 1, "message": .string(code), "data": .array(params.map(XapiValue.string))]])
        }
    }
}
