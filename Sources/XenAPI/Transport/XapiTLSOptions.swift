/// How the client decides whether to trust a XAPI server's certificate.
/// Verified against the system's CA store by default. XenServer hosts ship self-signed
/// certificates, so a CA/cert file or a SHA-256 pin of the leaf certificate can stand in;
/// `insecure` skips verification entirely and callers must say so in their reports.
public struct XapiTLSOptions: Sendable, Equatable {
    /// PEM file of trusted CAs, or of the host's own self-signed certificate.
    public var caFile: String?
    /// SHA-256 of the leaf certificate's DER encoding. When set, only a server presenting
    /// exactly that certificate is accepted (chain and name are not checked: the pin is stronger).
    public var pinnedSHA256: [UInt8]?
    public var insecure: Bool

    public init(caFile: String? = nil, pinnedSHA256: [UInt8]? = nil, insecure: Bool = false) {
        self.caFile = caFile
        self.pinnedSHA256 = pinnedSHA256
        self.insecure = insecure
    }

    /// Whether the identity of the server is checked at all.
    public var verifiesServer: Bool { !insecure || pinnedSHA256 != nil }

    /// Parses a pin as hex, with or without colons, optionally with openssl's
    /// `sha256 Fingerprint=` prefix.
    public static func parsePin(_ text: String) throws -> [UInt8] {
        var hex = Substring(text.trimmingSpaces)
        if let equals = hex.lastIndex(of: "=") { hex = hex[hex.index(after: equals)...] }
        if hex.lowercased().hasPrefix("sha256:") { hex = hex.dropFirst(7) }
        let digits = hex.filter { $0 != ":" && $0 != " " }
        guard digits.count == 64, digits.allSatisfy(\.isHexDigit) else {
            throw XapiError.configuration("bad --pin-sha256 \"\(text)\": expected 64 hex digits (colons allowed), as `openssl x509 -noout -fingerprint -sha256` prints")
        }
        var bytes: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            bytes.append(UInt8(digits[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }
}
