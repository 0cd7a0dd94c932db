/// The query of `GET /v1/bookings`. Instants are UTC ISO 8601 with `Z`; the client percent-encodes them.
public struct BookingQuery: Sendable, Equatable, Hashable {
    public var startedAt: String
    public var endedAt: String
    public var page: Int
    /// At most 100 (SPEC §1).
    public var perPage: Int

    public init(startedAt: String, endedAt: String, page: Int, perPage: Int = 100) {
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.page = page
        self.perPage = perPage
    }
}
