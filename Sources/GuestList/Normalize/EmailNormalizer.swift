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
        var text = TextNormalizer.trim(raw)
        if !TextNormalizer.isASCII(text) { text = TextNormalizer.trim(Self.foldWidth(text)) }
        if text.isEmpty { return .failure(NormalizationFailure("The email address is missing.")) }
        if let open = text.lastIndex(of: "<") {
            guard text.hasSuffix(">") else {
                return .failure(NormalizationFailure("Email \(TextNormalizer.fullyTrimmed(raw)) opens a < but never closes it with >."))
            }
            text = String(text[text.index(after: open)..<text.index(before: text.endIndex)])

            text = TextNormalizer.trim(text)
        }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\""), !text.dropFirst().dropLast().contains("\"") {
            text = String(text.dropFirst().dropLast())
        }
        if text.utf8.count >= 7, text.utf8.prefix(7).elementsEqual("mailto:".utf8, by: { $0 | 0x20 == $1 }) {
            text = String(text.dropFirst(7))
            if let query = text.firstIndex(of: "?") { text = String(text[..<query]) }
        }
        guard let at = text.lastIndex(of: "@") else {
            return .failure(NormalizationFailure("Email \(TextNormalizer.fullyTrimmed(raw)) has no @; write it like name@example.com."))
        }
        let local = String(text[..<at])
        var domain = text[text.index(after: at)...].lowercased()
        if domain.unicodeScalars.contains(where: { !$0.isASCII }) {
            guard let encoded = Self.idna(domain) else {
                return .failure(NormalizationFailure("Email \(TextNormalizer.fullyTrimmed(raw)) has a domain that cannot be written as an internationalized domain name."))
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
        if raw.isEmpty { return nil }
        var copy = raw
        let verdict: Verdict? = copy.withUTF8 { bytes in
            var sawAt = false
            for byte in bytes {
                if byte >= 0x80 || byte <= 0x20 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ":")
                    || byte == UInt8(ascii: "\"") { return nil }
                if byte == UInt8(ascii: "@") { sawAt = true } else if sawAt, byte >= 0x41, byte <= 0x5A { return nil }
            }
            return Self.verdict(bytes)
        }
        guard let verdict else { return nil }
        if let failure = verdict.failure(shown: raw) { return .failure(failure) }
        return .success(raw)
    }

    /// NFKC, with a fast path for the common case of full-width ASCII (`ｊｏｈｎ＠…`), which NFKC maps
    /// by subtracting 0xFEE0, the ideographic space, and the ideographic full stops.
    static func foldWidth(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var needsNFKC = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x80: scalars.append(scalar)
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: scalars.append(" ")
            case 0x3002, 0xFF61: scalars.append(".")   // 。｡ ideographic full stops: UTS 46 maps them to "."
            default:
                scalars.append(scalar)
                needsNFKC = true
            }
        }
        let folded = String(scalars)
        return needsNFKC ? folded.precomposedStringWithCompatibilityMapping : folded
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

    /// The HTML standard's valid-email rule plus a dotted domain and the length limits.
    static func check(_ email: String, raw: String) -> NormalizationFailure? {
        var copy = email
        return copy.withUTF8 { verdict($0) }.failure(shown: TextNormalizer.fullyTrimmed(raw))
    }

    /// What is wrong with an address, found in one pass over its bytes; `.valid` when nothing is.
    enum Verdict {
        case valid, noAt, emptyLocal, badLocalByte(UInt8), localTooLong(Int), tooLong(Int), emptyDomain, badDomain, undotted

        func failure(shown: @autoclosure () -> String) -> NormalizationFailure? {
            let message: String
            switch self {
            case .valid: return nil
            case .noAt: message = "Email \(shown()) has no @; write it like name@example.com."
            case .emptyLocal: message = "Email \(shown()) has nothing before the @."
            case .badLocalByte(let byte):
                let what = byte == UInt8(ascii: "@") ? "a second @" : byte >= 0x80 ? "non-ASCII characters"
                    : byte < 0x21 ? "a space or control character" : "the character \(Character(Unicode.Scalar(byte)))"
                message = "Email \(shown()) has \(what) before the @, which email addresses cannot contain there."
            case .localTooLong(let count): message = "Email \(shown()) has \(count) characters before the @; at most 64 are allowed."
            case .tooLong(let count): message = "Email \(shown()) is \(count) characters long; at most 255 are allowed."
            case .emptyDomain: message = "Email \(shown()) has nothing after the @."
            case .badDomain:
                message = "Email \(shown()) has an invalid domain after the @: each part between dots must be letters, digits or inner hyphens, like example.com."
            case .undotted: message = "Email \(shown()) has no dot in its domain; use a full domain such as example.com."
            }
            return NormalizationFailure(message)
        }
    }

    static func verdict(_ bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
        var at = -1
        for i in stride(from: bytes.count - 1, through: 0, by: -1) where bytes[i] == UInt8(ascii: "@") { at = i; break }
        if at < 0 { return .noAt }
        if at == 0 { return .emptyLocal }
        for i in 0..<at where !localAllowed[Int(bytes[i])] { return .badLocalByte(bytes[i]) }
        if at > 64 { return .localTooLong(at) }
        if bytes.count > 255 { return .tooLong(bytes.count) }
        if at == bytes.count - 1 { return .emptyDomain }
        var labelLength = 0
        var labels = 1
        var previous = UInt8(ascii: ".")
        for i in (at + 1)..<bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: ".") {
                if labelLength == 0 || previous == UInt8(ascii: "-") { return .badDomain }
                labels += 1
                labelLength = 0
            } else {
                let alnum = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                guard alnum || (byte == UInt8(ascii: "-") && labelLength > 0) else { return .badDomain }
                labelLength += 1
                if labelLength > 63 { return .badDomain }
            }
            previous = byte
        }
        if labelLength == 0 || previous == UInt8(ascii: "-") { return .badDomain }
        return labels < 2 ? .undotted : .valid
    }

    /// atext of the HTML rule, plus the dot, as a lookup table by byte.
    private static let localAllowed: [Bool] = (0..<256).map { byte in
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return byte < 0x80 && "!#$%&'*+-/=?^_`{|}~.".utf8.contains(UInt8(byte))
        }
    }
}
