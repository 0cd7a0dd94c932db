import Foundation

/// The Jicoo endpoints guestlist uses (SPEC §1). Behind a protocol so the loader's logic can be tested without
/// a network; the tests that matter run `JicooClient` against the real sandbox.
///
/// No method throws: whatever happens on the wire comes back as an answer, and the loader's state machine
/// decides what it means (SPEC §1 and §4), the same way for every endpoint.
public protocol BookingAPI: Sendable {
    /// `POST /v1/bookings` with `json` as the body.
    func createBooking(json: String) async -> APIAnswer
    /// One page of `GET /v1/bookings`.
    func listBookings(_ query: BookingQuery) async -> ReadAnswer<BookingPage>
    /// `GET /v1/bookings/{uid}/contacts`: the guests of a booking.
    func contacts(bookingUid: String) async -> ReadAnswer<[BookingContact]>
    /// `GET /v1/event_types/{uid}`: `.value(true)` when it answers 2xx, `.value(false)` on 404, else the answer
    /// that explains why the question could not be settled.
    func eventTypeExists(uid: String) async -> ReadAnswer<Bool>
}
