import Testing
@testable import XenAPI

@Suite("XML-RPC codec")
struct XMLRPCCodecTests {
    @Test func decodesXAPIRepliesWithTheirQuirks() throws {
        // As XAPI writes it: untyped strings, ints as decimal strings, sets as arrays, maps as structs.
        let reply = """
        <?xml version="1.0"?>
        <methodResponse><params><param><value><struct>
          <member><name>Status</name><value>Success</value></member>
          <member><name>Value</name><value><struct>
            <member><name>OpaqueRef:1</name><value><struct>
              <member><name>uuid</name><value>767aac49-ba37-3be7-5bad-87ae26d97e02</value></member>
              <member><name>VLAN</name><value>-1</value></member>
              <member><name>MTU</name><value><string>1500</string></value></member>
              <member><name>physical</name><value><boolean>1</boolean></value></member>
              <member><name>bond_master_of</name><value><array><data/></array></value></member>
              <member><name>other_config</name><value><struct></struct></value></member>
              <member><name>IP</name><value/></member>
              <member><name>name &amp; label</name><value>a &lt;b&gt; &#233;&#x41;</value></member>
              <member><name>speed</name><value><i4>1000</i4></value></member>
              <member><name>ratio</name><value><double>0.5</double></value></member>
            </struct></value></member>
          </struct></value></member>
        </struct></value></param></params></methodResponse>
        """
        let result = try XapiWire.decodeResult(.xmlRPC, Array(reply.utf8))
        guard case .success(let value) = result, let record = value["OpaqueRef:1"] else {
            Issue.record("expected a success with one record, got \(result)")
            return
        }
        #expect(record["uuid"]?.stringValue == "767aac49-ba37-3be7-5bad-87ae26d97e02")
        #expect(record["VLAN"]?.intValue == -1)
        #expect(record["MTU"]?.intValue == 1500)
        #expect(record["physical"]?.boolValue == true)
        #expect(record["bond_master_of"]?.stringArrayValue == [])
        #expect(record["other_config"]?.stringMapValue == [:])
        #expect(record["IP"]?.stringValue == "")
        #expect(record["name & label"]?.stringValue == "a <b> éA")
        #expect(record["speed"] == .int(1000))
        #expect(record["ratio"]?.doubleValue == 0.5)
    }

    @Test func decodesTheFailureEnvelope() throws {
        let reply = """
        <methodResponse><params><param><value><struct>
        <member><name>Status</name><value>Failure</value></member>
        <member><name>ErrorDescription</name><value><array><data>
        <value>HOST_IS_SLAVE</value><value>172.16.0.10</value></data></array></value></member>
        </struct></value></param></params></methodResponse>
        """
        #expect(try XapiWire.decodeResult(.xmlRPC, Array(reply.utf8)) == .failure(code: "HOST_IS_SLAVE", params: ["172.16.0.10"]))
    }

    @Test func roundTripsEveryKindOfValue() throws {
        let value: XapiValue = [
            "text": "a&b<c>\r\n\"quoted\" 'single' ünïcode",
            "count": .int(9_007_199_254_740_993),
            "flag": false,
            "ratio": .double(-2.25),
            "when": .dateTime("20240102T03:04:05Z"),
            "set": ["x", "y", .array([])],
            "map": ["k": "v", "empty": .map([:])],
            "nothing": .null,
        ]
        for wire in XapiProtocol.allCases {
            let bytes = XapiWire.encodeResult(wire, .success(value))
            guard case .success(let decoded) = try XapiWire.decodeResult(wire, bytes) else {
                Issue.record("\(wire): not a success")
                continue
            }
            // XML-RPC carries XAPI ints as strings: compare through the typed accessors.
            #expect(decoded["text"]?.stringValue == value["text"]?.stringValue, "\(wire)")
            #expect(decoded["count"]?.intValue == 9_007_199_254_740_993, "\(wire)")
            #expect(decoded["flag"] == .bool(false), "\(wire)")
            #expect(decoded["ratio"]?.doubleValue == -2.25, "\(wire)")
            #expect(decoded["when"]?.stringValue == "20240102T03:04:05Z", "\(wire)")
            #expect(decoded["set"] == value["set"], "\(wire)")
            #expect(decoded["map"] == value["map"], "\(wire)")
            #expect(decoded["nothing"] == .null, "\(wire)")
        }
    }

    @Test func roundTripsACall() throws {
        for wire in XapiProtocol.allCases {
            let bytes = XapiWire.encodeRequest(wire, method: "session.login_with_password",
                                               params: ["root", "pa<ss>&", "1.0", "poolcheck"], id: 7)
            let call = try XapiWire.decodeRequest(wire, bytes)
            #expect(call.method == "session.login_with_password")
            #expect(call.params == ["root", "pa<ss>&", "1.0", "poolcheck"])
        }
    }

    @Test func readsAnXMLRPCFault() {
        let reply = """
        <methodResponse><fault><value><struct><member><name>faultCode</name><value><int>4</int></value></member>
        <member><name>faultString</name><value><string>Too many parameters.</string></value></member></struct></value></fault></methodResponse>
        """
        #expect(throws: XMLRPCFault(code: 4, message: "Too many parameters.")) {
            try XMLRPCCodec.decodeResponse(Array(reply.utf8))
        }
    }

    @Test func refusesRepliesThatAreNotXAPIs() {
        let noStatus = XMLRPCCodec.encodeResponse(["Value": "x"])
        #expect(throws: ParseError.self) { try XapiWire.decodeResult(.xmlRPC, noStatus) }
        let html = Array("<html><body><h1>HTTP 500 internal server error</h1></body></html>".utf8)
        #expect(throws: ParseError.self) { try XapiWire.decodeResult(.xmlRPC, html) }
    }
}

@Suite("JSON-RPC codec")
struct JSONRPCCodecTests {
    @Test func decodesVersion2ResultsAndErrors() throws {
        let success = #"{"jsonrpc":"2.0","result":{"OpaqueRef:a":{"MTU":1500,"VLAN":-1,"uuid":"u","ok":true}},"id":3}"#
        guard case .success(let value) = try XapiWire.decodeResult(.jsonRPC, Array(success.utf8)) else {
            Issue.record("expected success")
            return
        }
        #expect(value["OpaqueRef:a"]?["MTU"] == .int(1500))
        #expect(value["OpaqueRef:a"]?["ok"] == .bool(true))
        let failure = #"{"jsonrpc":"2.0","error":{"code":1,"message":"SESSION_AUTHENTICATION_FAILED","data":["root","Authentication failure"]},"id":1}"#
        #expect(try XapiWire.decodeResult(.jsonRPC, Array(failure.utf8))
            == .failure(code: "SESSION_AUTHENTICATION_FAILED", params: ["root", "Authentication failure"]))
    }

    @Test func decodesVersion1Errors() throws {
        let failure = #"{"result":null,"error":["SESSION_INVALID","OpaqueRef:93"],"id":"xyz"}"#
        #expect(try XapiWire.decodeResult(.jsonRPC, Array(failure.utf8)) == .failure(code: "SESSION_INVALID", params: ["OpaqueRef:93"]))
    }

    @Test func decodesEscapesAndSurrogates() throws {
        let text = #"["a\"b\\c\/d\n\u00e9\ud83d\ude00", 1.5e3, -0, null]"#
        #expect(try JSONCodec.decode(Array(text.utf8)) == ["a\"b\\c/d\né😀", .double(1500), .int(0), .null])
    }

    @Test(arguments: [
        #"{"a":1"#, #"[1,2"#, #"{"a" 1}"#, #""unterminated"#, "tru", "[1,]x", "{} {}", #""\u12""#, "\u{01}",
    ])
    func refusesBrokenJSON(_ text: String) {
        #expect(throws: ParseError.self) { try JSONCodec.decode(Array(text.utf8)) }
    }

    @Test func refusesDeepNesting() {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: ParseError.self) { try JSONCodec.decode(Array(deep.utf8)) }
        let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONCodec.decode(Array(fine.utf8)) }
    }
}
