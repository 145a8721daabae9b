/// The one place that knows what a secret looks like in text poolcheck stores or quotes:
/// transcript lines it could not place (warnings in every report and in the facts file),
/// command lines, map values (device-config, other-config), URLs given on the command line.
///
/// A secret is the value of a key that names one — XenAPI's `password`, `chappassword`,
/// `incoming_chappassword`, `cifspassword`, `*_secret`, and any key naming a password,
/// secret, token or key — written `key: value` (xe's maps and fields), `key=value` (xe
/// arguments), `-pw value`, or the password of `scheme://user:password@host`. A value is
/// replaced by `placeholder`; the key stays, so the reader still sees what was there.
/// Over-masking is preferred to a leak: a report is a CI artifact anyone may read.
public enum SecretRedactor {
    public static let placeholder = "<redacted>"

    /// Whether a map key or argument name names a secret.
    public static func isSecretKey(_ key: some StringProtocol) -> Bool {
        if let ascii = isSecretASCIIKey(key.utf8) { return ascii }
        let lower = key.lowercased()
        // xe's own argument names (`param-key=other-config`) name fields, not secrets.
        if lower.hasPrefix("param-") { return false }
        if secretWords.contains(where: lower.contains) || lower.hasPrefix("chap") { return true }
        return lower.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { word in
            secretNames.contains(String(word)) || word.hasSuffix("key")
        }
    }

    /// `isSecretKey` for an ASCII key, byte by byte (nil for any other key): the same
    /// answer without lowercasing into a new String and a substring searcher per word
    /// (a map's every key is asked; that was a tenth of a pool's parse).
    private static func isSecretASCIIKey(_ key: some Collection<UInt8>) -> Bool? {
        var lower: [UInt8] = []
        lower.reserveCapacity(key.count)
        for byte in key {
            guard byte < 0x80 else { return nil }
            lower.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
        }
        return lower.withUnsafeBufferPointer { bytes -> Bool in
            func has(_ word: StaticString, at offset: Int) -> Bool {
                let count = word.utf8CodeUnitCount
                guard offset + count <= bytes.count else { return false }
                return word.withUTF8Buffer { wanted in
                    for index in 0..<count where bytes[offset + index] != wanted[index] { return false }
                    return true
                }
            }
            if has("param-", at: 0) { return false }
            if has("chap", at: 0) { return true }
            for offset in 0..<bytes.count {
                if has("password", at: offset) || has("passwd", at: offset) || has("passphrase", at: offset)
                    || has("secret", at: offset) || has("token", at: offset) || has("credential", at: offset) {
                    return true
                }
            }
            // Words: runs of letters and digits (all else separates, as in `isSecretKey`).
            var start = 0
            while start < bytes.count {
                func isWordByte(_ byte: UInt8) -> Bool { (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) }
                guard isWordByte(bytes[start]) else { start += 1; continue }
                var end = start
                while end < bytes.count && isWordByte(bytes[end]) { end += 1 }
                let length = end - start
                func word(is name: StaticString) -> Bool { length == name.utf8CodeUnitCount && has(name, at: start) }
                if word(is: "pass") || word(is: "pw") || word(is: "pwd") || word(is: "psk") || word(is: "keys")
                    || (length >= 3 && has("key", at: end - 3)) {
                    return true
                }
                start = end
            }
            return false
        }
    }

    /// Parts that make any key a secret wherever they occur (`cifspassword`, `password_secret`).
    private static let secretWords = ["password", "passwd", "passphrase", "secret", "token", "credential"]
    /// Whole words of a key that make it a secret (`api_key`, `pass`, `auth-pw`).
    private static let secretNames: Set<String> = ["pass", "pw", "pwd", "psk", "key", "keys"]

    /// The map with every value under a secret-named key replaced.
    public static func redact(map: [String: String]) -> [String: String] {
        var result = map
        for key in map.keys where isSecretKey(key) { result[key] = placeholder }
        return result
    }

    /// One line with every secret value in it replaced. `preceding` are the lines just
    /// before it (oldest first): a terminal that wrapped a long map may have cut it inside
    /// a key or a value, so the line is also read as the continuation of those lines.
    /// `alsoSecret`: argument names that are secrets in this line's context (the `value=`
    /// of `xe secret-create`).
    public static func redact(_ line: String, after preceding: [String] = [], alsoSecret: Set<String> = []) -> String {
        let own = Array(line.utf8)
        var masks = secretRanges(own, alsoSecret: alsoSecret)
        if !preceding.isEmpty {
            let before = Array(preceding.joined().utf8)
            // A line that starts with `key: ` begins an entry of its own, so a value above
            // does not run on into it (a key cut by the wrap still joins: its value starts here).
            let fresh = startsWithKey(own)
            masks += secretRanges(before + own, alsoSecret: alsoSecret).compactMap { range in
                if fresh && range.lowerBound < before.count { return nil }
                let start = max(range.lowerBound, before.count) - before.count
                let end = range.upperBound - before.count
                return start < end ? start..<end : nil
            }
        }
        guard !masks.isEmpty else { return line }
        return String(decoding: applying(masks, to: own), as: UTF8.self)
    }

    /// Only the parts between double quotes of a message poolcheck wrote (`map entry
    /// "password hunter2" has no ...`), leaving the message's own words alone.
    public static func redactQuoted(_ message: String) -> String {
        let parts = message.split(separator: "\"", omittingEmptySubsequences: false)
        guard parts.count > 2 else { return message }
        return parts.enumerated().map { index, part in
            index % 2 == 1 ? redactWholeIfSecret(String(part)) : String(part)
        }.joined(separator: "\"")
    }

    /// A quoted fragment: a secret value, or a lone secret-named word followed by text.
    private static func redactWholeIfSecret(_ fragment: String) -> String {
        let redacted = redact(fragment)
        if redacted != fragment { return redacted }
        let words = fragment.split(separator: " ", maxSplits: 1)
        if words.count == 2, isSecretKey(words[0]) { return "\(words[0]) \(placeholder)" }
        return fragment
    }

    // MARK: - Finding values

    /// Byte ranges of secret values in `bytes`.
    static func secretRanges(_ bytes: [UInt8], alsoSecret: Set<String> = []) -> [Range<Int>] {
        guard !alsoSecret.isEmpty || mayHoldSecret(bytes) else { return [] }
        var ranges = urlPasswords(bytes)
        var index = 0
        while index < bytes.count {
            guard isKeyByte(bytes[index]) else { index += 1; continue }
            let start = index
            while index < bytes.count, isKeyByte(bytes[index]) { index += 1 }
            let token = String(decoding: bytes[start..<index], as: UTF8.self)
            if optionTakingSecret.contains(token.lowercased()) {
                if let value = nextWord(bytes, from: index) { ranges.append(value) }
            } else if isSecretKey(token) || alsoSecret.contains(token.lowercased()),
                      let value = valueAfterKey(bytes, from: index) {
                ranges.append(value)
            }
        }
        return ranges
    }

    /// `xe -pw SECRET`, `--password SECRET`.
    private static let optionTakingSecret: Set<String> = ["-pw", "--pw", "-password", "--password", "--passwd"]

    /// Cheap first look: most lines name nothing secret.
    private static func mayHoldSecret(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            let count = bytes.count
            for offset in 0..<count {
                // Every trigger starts with one of `c k p s t :`.
                switch bytes[offset] | 0x20 {
                case UInt8(ascii: "c"), UInt8(ascii: "k"), UInt8(ascii: "p"), UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: ":"): break
                default: continue
                }
                for needle in triggers {
                    guard offset + needle.count <= count else { continue }
                    var index = 0
                    while index < needle.count {
                        let byte = bytes[offset + index]
                        if (byte >= 65 && byte <= 90 ? byte + 32 : byte) != needle[index] { break }
                        index += 1
                    }
                    if index == needle.count { return true }
                }
            }
            return false
        }
    }

    private static let triggers: [[UInt8]] = ["pass", "pw", "pwd", "secret", "token", "key", "chap", "psk", "credential", "://"].map { Array($0.utf8) }

    /// `name: ` or `name ( RO): ` at the start (after blanks).
    private static func startsWithKey(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        let keyStart = index
        while index < bytes.count, isKeyByte(bytes[index]) { index += 1 }
        guard index > keyStart else { return false }
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "("),
           let close = bytes[index..<min(bytes.count, index + 6)].firstIndex(of: UInt8(ascii: ")")) {
            index = close + 1
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        }
        return index + 1 < bytes.count && bytes[index] == UInt8(ascii: ":") && isSpace(bytes[index + 1])
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 }

    /// After a secret-named key: `key: value`, `key ( RW): value`, `"key": "value"`, `key=value`.
    private static func valueAfterKey(_ bytes: [UInt8], from keyEnd: Int) -> Range<Int>? {
        var index = keyEnd
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") { index += 1 }
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        // xe's field kind, `( RO)` / `(MRW)`.
        if index < bytes.count, bytes[index] == UInt8(ascii: "("),
           let close = bytes[index..<min(bytes.count, index + 6)].firstIndex(of: UInt8(ascii: ")")) {
            index = close + 1
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        }
        guard index < bytes.count else { return nil }
        let separator = bytes[index]
        guard separator == UInt8(ascii: ":") || separator == UInt8(ascii: "=") else { return nil }
        index += 1
        // `::` is not a separator (IPv6, C++), `==` a comparison.
        if index < bytes.count, bytes[index] == separator { return nil }
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        if let quoted = quotedValue(bytes, from: index) { return quoted }
        // A map value runs to the next entry (`; `); an argument to the next word.
        let ends: Set<UInt8> = separator == UInt8(ascii: ":") ? [UInt8(ascii: ";"), 10]
                                                             : [UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"), 32, 9, 10]
        var end = index
        while end < bytes.count, !ends.contains(bytes[end]) { end += 1 }
        while end > index, isSpace(bytes[end - 1]) { end -= 1 }
        return index < end ? index..<end : nil
    }

    /// The word after an option (`-pw hunter2`), quotes allowed.
    private static func nextWord(_ bytes: [UInt8], from optionEnd: Int) -> Range<Int>? {
        var index = optionEnd
        if index < bytes.count, bytes[index] == UInt8(ascii: "=") { index += 1 }
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        if let quoted = quotedValue(bytes, from: index) { return quoted }
        var end = index
        while end < bytes.count, !isSpace(bytes[end]), bytes[end] != 10 { end += 1 }
        return index < end ? index..<end : nil
    }

    /// Inside `"..."` or `'...'` starting at `index`; to the end when the quote is not closed.
    private static func quotedValue(_ bytes: [UInt8], from index: Int) -> Range<Int>? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else { return nil }
        let quote = bytes[index]
        let end = bytes[(index + 1)...].firstIndex(of: quote) ?? bytes.count
        return index + 1 < end ? (index + 1)..<end : nil
    }

    /// The password of every `scheme://user:password@host`.
    private static func urlPasswords(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index + 3 <= bytes.count {
            guard bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "/"),
                  bytes[index + 2] == UInt8(ascii: "/") else { index += 1; continue }
            let authority = index + 3
            var end = authority
            while end < bytes.count, !isSpace(bytes[end]), ![UInt8(ascii: "/"), UInt8(ascii: "\""), 10].contains(bytes[end]) { end += 1 }
            if let at = bytes[authority..<end].lastIndex(of: UInt8(ascii: "@")),
               let colon = bytes[authority..<at].firstIndex(of: UInt8(ascii: ":")), colon + 1 < at {
                ranges.append((colon + 1)..<at)
            }
            index = end
        }
        return ranges
    }

    /// `bytes` with each (possibly overlapping) range replaced by the placeholder.
    private static func applying(_ masks: [Range<Int>], to bytes: [UInt8]) -> [UInt8] {
        var merged: [Range<Int>] = []
        for range in masks.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var position = 0
        for range in merged {
            out += bytes[position..<range.lowerBound]
            out += Array(placeholder.utf8)
            position = range.upperBound
        }
        out += bytes[position...]
        return out
    }
}
