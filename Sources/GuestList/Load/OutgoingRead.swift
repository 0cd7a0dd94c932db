/// A read on its way, for the lookup of `row`.
struct OutgoingRead: Sendable, Equatable {
    /// The two reads a lookup makes.
    enum Request: Sendable, Equatable {
        /// `GET /v1/bookings` (one page).
        case list(BookingQuery)
        /// `GET /v1/bookings/{uid}/contacts`.
        case contacts(bookingUid: String)

        /// The path, for messages.
        var path: String {
            switch self {
            case .list(let q): "/v1/bookings?startedAt=\(q.startedAt)&endedAt=\(q.endedAt)&page=\(q.page)"
            case .contacts(let uid): "/v1/bookings/\(uid)/contacts"
            }
        }
    }

    /// What a read gave.
    enum Reply: Sendable {
        case listed(ReadAnswer<BookingPage>)
        case contacts(ReadAnswer<[BookingContact]>)
    }

    var row: Int
    var request: Request
    var sentAt: Double
}
