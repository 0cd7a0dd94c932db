import Foundation

/// Finds out whether an uncertain row was in fact booked (SPEC §4): it lists the bookings starting at the
/// row's instant and looks for this guest among them. Only when no such booking exists may the row be
/// sent again — that is what keeps a dropped connection or a kill -9 from booking a guest twice.
public struct Reconciler: Sendable {
    let api: any BookingAPI

    public init(api: any BookingAPI) {
        self.api = api
    }

    /// The uid of the booking that holds `key`'s guest at `key`'s instant, or nil if there is none.
    /// - Throws: when the read endpoints cannot answer; the caller then leaves the row pending.
    public func existingBooking(for key: BookingKey) async throws(GuestListError) -> String? {
        var page = 1
        var checked = 0
        while true {
            let result = try await api.listBookings(startedAt: key.startedAt, endedAt: key.startedAt, page: page, perPage: 100)
            for booking in result.bookings {
                if let eventType = booking.eventTypeId, eventType != key.eventTypeId { continue }
                if let email = booking.email {
                    if email.lowercased() == key.email { return booking.uid }
                    continue
                }
                let contacts = try await api.contactEmails(bookingUid: booking.uid)
                if contacts.contains(where: { $0.lowercased() == key.email }) { return booking.uid }
            }
            checked += result.bookings.count
            guard let next = result.nextPage, next > page, checked < 100_000 else { return nil }
            page = next
        }
    }
}

extension BookingKey {
    /// Parses the ledger's string form (`eventTypeId|email|startedAt`).
    public init?(ledgerText: String) {
        let parts = ledgerText.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        self.init(
            eventTypeId: String(parts[0]), email: parts[1..<(parts.count - 1)].joined(separator: "|"),
            startedAt: String(parts[parts.count - 1]))
    }
}
