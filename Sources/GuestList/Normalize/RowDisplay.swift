/// What the report shows for a row's name, email, start and zone (SPEC §5): the normalized value
/// where that field was normalized, else the source's own text.
public struct RowDisplay: Sendable, Equatable {
    public var name: String
    public var email: String
    /// UTC ISO 8601 when normalized; else the source's text (a split start as date, space, time).
    public var startedAt: String
    public var timeZone: String

    public init(name: String, email: String, startedAt: String, timeZone: String) {
        self.name = name
        self.email = email
        self.startedAt = startedAt
        self.timeZone = timeZone
    }
}
