/// The booking key of SPEC §4: two rows with the same key would book the same guest into the same
/// slot of the same event type, so only the first is ever sent.
public struct BookingKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public var eventTypeId: String
    /// The normalized email, lower-cased (duplicates compare case-insensitively).
    public var email: String
    /// UTC ISO 8601 with milliseconds.
    public var startedAt: String

    public init(eventTypeId: String, email: String, startedAt: String) {
        self.eventTypeId = eventTypeId
        self.email = email
        self.startedAt = startedAt
    }

    /// A single string form, stored in the ledger's unique index.
    public var description: String { "\(eventTypeId)|\(email)|\(startedAt)" }
}
