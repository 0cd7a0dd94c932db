// The shapes of the read endpoints that reconciliation and conflict lookups use (SPEC §1).

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

/// A booking as the listing gives it: the fields reconciliation reads. A booking object carries no guest
/// email (SPEC §1); who it is for comes from its contacts.
public struct ListedBooking: Sendable, Equatable {
    public var uid: String
    public var eventTypeId: String?
    /// As the API wrote it; compared as an instant, never as text.
    public var startedAt: String
    /// `open`, `request` or `cancel`; a cancelled booking holds neither its slot nor its guest.
    public var status: String?

    public init(uid: String, eventTypeId: String?, startedAt: String, status: String?) {
        self.uid = uid
        self.eventTypeId = eventTypeId
        self.startedAt = startedAt
        self.status = status
    }
}

/// One page of `GET /v1/bookings`.
public struct BookingPage: Sendable, Equatable {
    public var bookings: [ListedBooking]
    public var nextPage: Int?

    public init(bookings: [ListedBooking], nextPage: Int?) {
        self.bookings = bookings
        self.nextPage = nextPage
    }
}

/// One guest of a booking, from `GET /v1/bookings/{uid}/contacts`.
public struct BookingContact: Sendable, Equatable {
    public var email: String
    public var name: String?

    public init(email: String, name: String? = nil) {
        self.email = email
        self.name = name
    }
}
