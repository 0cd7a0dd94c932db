/// A canonical IANA zone id, the form the API wants for `timeZone`: `Asia/Tokyo`, never
/// `asia/tokyo`, `Asia/Calcutta` (a link) or `JST`. `TimeZoneResolver` makes one from what a sheet says.
public struct TimeZoneID: Sendable, Hashable, Codable, CustomStringConvertible {
    public let identifier: String

    /// `identifier` when it is canonical, exactly as spelled; nil otherwise.
    public init?(_ identifier: String) {
        guard TimeZoneIndex.shared.identifiers.contains(identifier) else { return nil }
        self.identifier = identifier
    }

    /// For the resolver, whose ids come from the index.
    init(canonical identifier: String) {
        self.identifier = identifier
    }

    public var description: String { identifier }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = TimeZoneID(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(text) is not a canonical IANA zone id such as Asia/Tokyo.")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(identifier)
    }
}
