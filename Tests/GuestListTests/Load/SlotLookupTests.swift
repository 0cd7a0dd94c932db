import Testing

@testable import GuestList

/// `SlotLookup` and `APIInstant` as values: which read comes next, and what the answers mean.
@Suite("SlotLookup")
struct SlotLookupTests {
    static let key = BookingKey(eventTypeId: "ev", email: "ann@example.com", startedAt: "2030-06-01T01:00:00.000Z")

    @Test("instants are compared, not strings", arguments: [
        ("2030-06-01T01:00:00.000Z", true), ("2030-06-01T01:00:00Z", true), ("2030-06-01T10:00:00+09:00", true),
        ("2030-06-01T10:00:00.000+0900", true), ("2030-05-31T20:00:00-05:00", true), ("2030-06-01t01:00:00z", true),
        ("2030-06-01T01:00:01Z", false), ("2030-06-01T01:00:00.5Z", false), ("2030-06-01T01:00:00", false), ("soon", false),
    ])
    func instants(_ text: String, _ same: Bool) {
        #expect((APIInstant.milliseconds(text) == APIInstant.milliseconds(Self.key.startedAt)) == same)
    }

    @Test("formatting round-trips, before and after 1970", arguments: [
        "2030-06-01T01:00:00.000Z", "1969-12-31T23:59:59.999Z", "2000-02-29T12:34:56.789Z", "2100-03-01T00:00:00.000Z",
    ])
    func roundTrip(_ text: String) {
        #expect(APIInstant.milliseconds(text).map { APIInstant.format(milliseconds: $0) } == text)
    }

    @Test("lists a window from a minute before the instant to a day and a minute after, every page, then reads contacts")
    func steps() {
        var lookup = SlotLookup(key: Self.key)!
        #expect(lookup.next() == .list(BookingQuery(startedAt: "2030-06-01T00:59:00.000Z", endedAt: "2030-06-02T01:01:00.000Z", page: 1)))
        lookup.listed(
            BookingPage(
                bookings: [
                    ListedBooking(uid: "A", eventTypeId: "ev", startedAt: "2030-06-01T10:00:00+09:00", status: "open"),
                    ListedBooking(uid: "B", eventTypeId: "other", startedAt: "2030-06-01T01:00:00Z", status: "open"),
                    ListedBooking(uid: "C", eventTypeId: "ev", startedAt: "2030-06-01T01:00:00Z", status: "cancel"),
                    ListedBooking(uid: "D", eventTypeId: "ev", startedAt: "2030-06-01T02:00:00Z", status: "open"),
                ], nextPage: 2))
        #expect(lookup.next() == .readContacts(bookingUid: "A"))
        lookup.read(contacts: [BookingContact(email: "bob@example.com")], of: "A")
        #expect(lookup.next() == .list(BookingQuery(startedAt: "2030-06-01T00:59:00.000Z", endedAt: "2030-06-02T01:01:00.000Z", page: 2)))
        lookup.listed(BookingPage(bookings: [ListedBooking(uid: "A", eventTypeId: "ev", startedAt: "2030-06-01T01:00:00Z", status: "open")], nextPage: 2))
        #expect(lookup.next() == .done(.othersHold), "a booking seen before is not read twice; a nextPage that does not advance ends the listing")
    }

    @Test("the guest is matched by normalized, lower-cased email; a vanished booking holds nothing")
    func matching() {
        var lookup = SlotLookup(key: Self.key)!
        lookup.listed(
            BookingPage(
                bookings: [
                    ListedBooking(uid: "GONE", eventTypeId: "ev", startedAt: Self.key.startedAt, status: "open"),
                    ListedBooking(uid: "HERS", eventTypeId: nil, startedAt: Self.key.startedAt, status: "request"),
                ], nextPage: nil))
        lookup.read(contacts: nil, of: "HERS")
        #expect(lookup.next() == .readContacts(bookingUid: "GONE"))
        lookup.read(contacts: nil, of: "GONE")
        #expect(lookup.next() == .done(.empty))
        var found = SlotLookup(key: Self.key)!
        found.listed(BookingPage(bookings: [ListedBooking(uid: "HERS", eventTypeId: nil, startedAt: Self.key.startedAt, status: nil)], nextPage: nil))
        found.read(contacts: [BookingContact(email: "x@example.com"), BookingContact(email: "  Ann <ANN@Example.COM> ")], of: "HERS")
        #expect(found.next() == .done(.guestHolds(bookingUid: "HERS")))
    }
}
