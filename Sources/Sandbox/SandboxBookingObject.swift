import Foundation

/// A booking as `/v1` shows it (a 201's `data`, each item of a listing, `GET /v1/bookings/{uid}`):
/// exactly SPEC §1's booking fields, every one present, `null` where it does not apply.
///
/// Like Jicoo's, it says nothing about the guest — no email, no guest name, no CC guests, no
/// message or answers; `name` is the event's title. A client that wants to know whom a booking
/// is for must read `/v1/bookings/{uid}/contacts`, and the sandbox makes sure it has to.
struct SandboxBookingObject: Encodable {
    /// The keys, in SPEC §1's order; tests compare a response's keys with this list.
    static let keys = [
        "uid", "eventTypeId", "name", "description", "status", "startedAt", "endedAt", "locationId", "url",
        "phoneNumber", "address", "customLocation", "access", "timeZone", "priority", "cancelReason", "cancelledAt",
        "cancelledBy", "hosts", "createdAt", "updatedAt",
    ]

    let booking: SandboxBooking
    /// The booking's event type, when the sandbox knows it (a preload may name an unknown one).
    let eventType: SandboxEventType?

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        func put(_ key: String, _ value: (some Encodable)?) throws {
            if let value { try c.encode(value, forKey: Key(key)) } else { try c.encodeNil(forKey: Key(key)) }
        }
        let none: String? = nil
        try put("uid", booking.uid)
        try put("eventTypeId", booking.eventTypeId)
        try put("name", eventType?.name)
        try put("description", none)
        try put("status", booking.status)
        try put("startedAt", booking.startedAt)
        try put("endedAt", booking.endedAt)
        try put("locationId", booking.locationId)
        try put("url", none)
        try put("phoneNumber", booking.phoneNumber)
        try put("address", none)
        try put("customLocation", none)
        try put("access", none)
        try put("timeZone", booking.timeZone)
        try put("priority", none)
        try put("cancelReason", booking.cancelReason)
        try put("cancelledAt", booking.cancelledAt)
        try put("cancelledBy", booking.cancelledBy)
        // The sandbox's event types have no hosts of their own: always a list, always empty.
        try put("hosts", [SandboxJSONValue]())
        try put("createdAt", booking.createdAt)
        try put("updatedAt", booking.updatedAt)
    }
}
