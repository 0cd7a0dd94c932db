/// One guest of a booking, from `GET /v1/bookings/{uid}/contacts`.
public struct BookingContact: Sendable, Equatable {
    public var email: String
    public var name: String?

    public init(email: String, name: String? = nil) {
        self.email = email
        self.name = name
    }
}
