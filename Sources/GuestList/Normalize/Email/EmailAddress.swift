/// An address that passes SPEC §3's check: the HTML standard's valid-email syntax, a dotted domain,
/// a local part of at most 64 and a whole of at most 255 characters. `EmailNormalizer` makes one from
/// what a sheet says (trimmed, folded, its domain lower-cased and Punycode-encoded).
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The address as sent; its local part keeps the case it was written in.
    public let text: String

    /// `text` when it passes the check as it stands (nothing is cleaned); nil otherwise.
    public init?(_ text: String) {
        var copy = text
        guard case .valid = copy.withUTF8(EmailNormalizer.verdict) else { return nil }
        self.text = text
    }

    /// For the normalizer, which has just checked `text`.
    init(checked text: String) {
        self.text = text
    }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let address = EmailAddress(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(text) is not a valid email address.")
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
