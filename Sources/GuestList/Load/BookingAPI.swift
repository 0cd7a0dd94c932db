import Foundation

/// What one HTTP exchange with the API produced, before any interpretation.
public struct APIAnswer: Sendable, Equatable {
    /// The HTTP status, or nil when no answer came.
    public var status: Int?
    public var body: [UInt8]
    /// The raw `Retry-After` header, if any.
    public var retryAfter: String?
    /// What went wrong on the wire, when no answer came.
    public var transportError: String?
    /// False only when the request certainly never left (nothing could connect). When no answer came and
    /// this is true, the API may have acted on it: the row becomes uncertain.
    public var mayHaveBeenSent: Bool
    public var latencySeconds: Double

    public init(status: Int?, body: [UInt8] = [], retryAfter: String? = nil, transportError: String? = nil, mayHaveBeenSent: Bool = true, latencySeconds: Double = 0) {
        self.status = status
        self.body = body
        self.retryAfter = retryAfter
        self.transportError = transportError
        self.mayHaveBeenSent = mayHaveBeenSent
        self.latencySeconds = latencySeconds
    }
}

/// A booking as the read endpoints list it.
public struct ListedBooking: Sendable, Equatable {
    public var uid: String
    public var startedAt: String
    public var eventTypeId: String?
    /// Present when the API includes the guest's address in the listing; else contacts are read.
    public var email: String?
}

/// One page of `GET /v1/bookings`.
public struct BookingPage: Sendable, Equatable {
    public var bookings: [ListedBooking]
    public var nextPage: Int?
}

/// The Jicoo endpoints guestlist uses (SPEC §1). Behind a protocol so the loader's logic can be tested
/// without a network; the tests that matter run `JicooClient` against the real sandbox.
public protocol BookingAPI: Sendable {
    func createBooking(json: String) async -> APIAnswer
    func listBookings(startedAt: String, endedAt: String, page: Int, perPage: Int) async throws(GuestListError) -> BookingPage
    func contactEmails(bookingUid: String) async throws(GuestListError) -> [String]
    /// nil when the event type does not exist (404).
    func eventTypeExists(uid: String) async throws(GuestListError) -> Bool
}
