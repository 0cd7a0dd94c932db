import Foundation

/// Cleans an email address the way an organiser's sheet writes it, then checks it.
///
/// Order (SPEC §3): trim; NFKC-fold full-width forms (`ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ`); drop a display name
/// (`"Doe, Jane" <jane@example.com>`) and a `mailto:` prefix; lower-case the domain and encode a Unicode
/// domain as IDNA Punycode; then the HTML standard's valid-email rule, a dotted domain (`user@localhost`
/// is refused: the API would accept it and the guest would never hear of the booking), local part ≤ 64
/// and the whole ≤ 255. The local part keeps its case. A plain ASCII address that is already clean is
/// checked in one pass over its bytes and returned as is, without allocating.
public struct EmailNormalizer: Sendable {
    public init() {}

    /// The address to send, or why it cannot be sent.
    public func normalize(_ raw: String) -> Result<String, NormalizationFailure> {
        if let fast = fastPath(raw) { return fast }
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.unicodeScalars.contains(where: { !$0.isASCII }) {
            text = text.precomposedStringWithCompatibilityMapping
                .replacingOccurrences(of: "\u{3002}", with: ".")   // 。 ideographic full stop (UTS 46 maps it)
                .replacingOccurrences(of: "\u{FF61}", with: ".")   // ｡ half-width ideographic full stop
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if text.isEmpty { return .failure(NormalizationFailure("The email address is missing.")) }
        if let open = text.lastIndex(of: "<") {
            guard text.hasSuffix(">") else {
                return .failure(NormalizationFailure("Email \(raw.trimmed) opens a < but never closes it with >."))
            }
            text = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
                .trimmingCharacters(in: .whitespaces)
        }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\""), !text.dropFirst().dropLast().contains("\"") {
            text = String(text.dropFirst().dropLast())
        }
        if text.lowercased().hasPrefix("mailto:") {
            text = String(text.dropFirst(7))
            if let query = text.firstIndex(of: "?") { text = String(text[..<query]) }
        }
        guard let at = text.lastIndex(of: "@") else {
            return .failure(NormalizationFailure("Email \(raw.trimmed) has no @; write it like name@example.com."))
        }
        let local = String(text[..<at])
        var domain = text[text.index(after: at)...].lowercased()
        if domain.unicodeScalars.contains(where: { !$0.isASCII }) {
            guard let encoded = Self.idna(domain) else {
                return .failure(NormalizationFailure("Email \(raw.trimmed) has a domain that cannot be written as an internationalized domain name."))
            }
            domain = encoded
        }
        let email = local + "@" + domain
        if let failure = Self.check(email, raw: raw) { return .failure(failure) }
        return .success(email)
    }

    /// A clean ASCII address (no spaces, brackets, colons or upper-case domain) is checked and
    /// returned unchanged; anything else goes the long way.
    private func fastPath(_ raw: String) -> Result<String, NormalizationFailure>? {
        var sawAt = false
        for byte in raw.utf8 {
            if byte >= 0x80 || byte <= 0x20 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: "\"") { return nil }
            if byte == UInt8(ascii: "@") { sawAt = true } else if sawAt, byte >= 0x41, byte <= 0x5A { return nil }
        }
        if let failure = Self.check(raw, raw: raw) { return .failure(failure) }
        return .success(raw)
    }

    /// Encodes each non-ASCII label of a lower-cased, NFKC-folded domain as `xn--…`.
    static func idna(_ domain: String) -> String? {
        var labels: [String] = []
        for label in domain.split(separator: ".", omittingEmptySubsequences: false) {
            if label.unicodeScalars.allSatisfy(\.isASCII) { labels.append(String(label)); continue }
            guard label.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil
                || $0.properties.generalCategory == .nonspacingMark || $0 == "-" }),
                  let encoded = Punycode.encode(String(label).precomposedStringWithCanonicalMapping) else { return nil }
            labels.append("xn--" + encoded)
        }
        return labels.joined(separator: ".")
    }

    /// The HTML standard's valid-email rule plus a dotted domain and the length limits, over bytes.
    static func check(_ email: String, raw: String) -> NormalizationFailure? {
        let shown = raw.trimmed
        let utf8 = email.utf8
        guard let at = utf8.lastIndex(of: UInt8(ascii: "@")) else {
            return NormalizationFailure("Email \(shown) has no @; write it like name@example.com.")
        }
        let localCount = utf8.distance(from: utf8.startIndex, to: at)
        if localCount == 0 { return NormalizationFailure("Email \(shown) has nothing before the @.") }
        for byte in utf8[..<at] where !Self.localAllowed(byte) {
            let what = byte == UInt8(ascii: "@") ? "a second @" : byte >= 0x80 ? "non-ASCII characters" : "the character \(Character(Unicode.Scalar(byte)))"
            return NormalizationFailure("Email \(shown) has \(what) before the @, which email addresses cannot contain there.")
        }
        if localCount > 64 {
            return NormalizationFailure("Email \(shown) has \(localCount) characters before the @; at most 64 are allowed.")
        }
        if utf8.count > 255 {
            return NormalizationFailure("Email \(shown) is \(utf8.count) characters long; at most 255 are allowed.")
        }
        let domain = utf8[utf8.index(after: at)...]
        if domain.isEmpty { return NormalizationFailure("Email \(shown) has nothing after the @.") }
        var labelLength = 0
        var labels = 1
        var previous: UInt8 = UInt8(ascii: ".")
        for byte in domain {
            if byte == UInt8(ascii: ".") {
                if labelLength == 0 || previous == UInt8(ascii: "-") { return badDomain(shown) }
                labels += 1
                labelLength = 0
            } else {
                let alnum = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                guard alnum || (byte == UInt8(ascii: "-") && labelLength > 0) else { return badDomain(shown) }
                labelLength += 1
                if labelLength > 63 { return badDomain(shown) }
            }
            previous = byte
        }
        if labelLength == 0 || previous == UInt8(ascii: "-") { return badDomain(shown) }
        if labels < 2 {
            return NormalizationFailure("Email \(shown) has no dot in its domain; use a full domain such as example.com.")
        }
        return nil
    }

    private static func badDomain(_ shown: String) -> NormalizationFailure {
        NormalizationFailure("Email \(shown) has an invalid domain after the @: each part between dots must be letters, digits or inner hyphens, like example.com.")
    }

    /// atext of the HTML rule, plus the dot.
    private static func localAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return "!#$%&'*+-/=?^_`{|}~.".utf8.contains(byte)
        }
    }
}

extension String {
    /// Without surrounding whitespace; for quoting a raw value in a message.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
