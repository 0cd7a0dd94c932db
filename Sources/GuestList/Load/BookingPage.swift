/// One page of `GET /v1/bookings`.
public struct BookingPage: Sendable, Equatable {
    public var bookings: [ListedBooking]
    public var nextPage: Int?

    public init(bookings: [ListedBooking], nextPage: Int?) {
        self.bookings = bookings
        self.nextPage = nextPage
    }
}
