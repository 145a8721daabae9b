import Testing
@testable import XenAPI

@Suite("Safe XML parser")
struct SafeXMLParserTests {
    private func events(_ text: String, limits: ParserLimits = .default) throws -> [XMLEvent] {
        var parser = try SafeXMLParser(Array(text.utf8), limits: limits)
        var result: [XMLEvent] = []
        while let event = try parser.next() { result.append(event) }
        return result
    }

    private func refusal(_ text: String, limits: ParserLimits = .default) -> String? {
        do {
            _ = try events(text, limits: limits)
            return nil
        } catch let error as ParseError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func parsesElementsTextCommentsCDATAAndAttributes() throws {
        let text = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- hi --><a x='1' y=\"&amp;\"><b/>t&#65;<![CDATA[<raw>&]]></a>"
        #expect(try events(text) == [.start("a"), .start("b"), .end("b"), .text("tA"), .text("<raw>&"), .end("a")])
    }

    @Test func refusesDoctypeAndEntityDeclarations() {
        let billionLaughs = """
        <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><a>&lol2;</a>
        """
        #expect(refusal(billionLaughs)?.contains("DOCTYPE") == true)
        let external = #"<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>"#
        #expect(refusal(external)?.contains("DOCTYPE") == true)
    }

    @Test func refusesUndeclaredEntities() {
        #expect(refusal("<a>&xxe;</a>")?.contains("&xxe;") == true)
        #expect(refusal("<a>&nbsp;</a>")?.contains("refused") == true)
        #expect(refusal("<a>fish & chips</a>") != nil)
        #expect(refusal("<a>&#0;</a>") != nil)
    }

    @Test func boundsNesting() {
        let nested = { (depth: Int) in String(repeating: "<v>", count: depth) + String(repeating: "</v>", count: depth) }
        #expect(refusal(nested(64)) == nil)
        #expect(refusal(nested(65))?.contains("nesting deeper than 64") == true)
        #expect(refusal(nested(100_000))?.contains("nesting") == true)
    }

    @Test func boundsSize() {
        let big = "<a>" + String(repeating: "x", count: 2_000) + "</a>"
        #expect(refusal(big, limits: ParserLimits(maxBytes: 1_000))?.contains("exceeds the 1000-byte limit") == true)
        #expect(refusal(big, limits: ParserLimits(maxBytes: 4_000)) == nil)
    }

    @Test(arguments: [
        "<a><b></a>", "<a>", "<a></a><b></b>", "text", "", "<a></b>", "<a x=1></a>", "<a>\u{1}</a><", "<a><!-- x</a>",
        "<a><![CDATA[x</a>", "</a>", "<a attr></a>",
    ])
    func refusesMalformedDocuments(_ text: String) {
        #expect(refusal(text) != nil, "accepted: \(text)")
    }

    @Test func refusesInvalidUTF8() {
        var bytes = Array("<a>".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("</a>".utf8)
        #expect(throws: ParseError.self) {
            var parser = try SafeXMLParser(bytes)
            while try parser.next() != nil {}
        }
    }

    @Test func aCutReplySaysSo() {
        let full = XMLRPCCodec.encodeResponse(["Status": "Success", "Value": "x"])
        let cut = Array(full.prefix(full.count / 2))
        #expect(throws: ParseError.self) { try XMLRPCCodec.decodeResponse(cut) }
    }
}
