import Foundation

/// Who holds a row's slot (SPEC §4): the steps of one lookup, as a value that says which read to make next
/// and takes the answers. The loader's state machine makes the reads, through its rate limit and retry rules.
///
/// It lists the bookings of a window around the row's instant, follows every page, keeps the bookings of the
/// row's event type that start at that very instant (compared as instants) and are not cancelled, reads each
/// one's contacts, and matches the guest by normalized, lower-cased email. It stops at the first booking
/// that holds the guest.
///
/// **The window.** Whether a listing's `startedAt`/`endedAt` bound the bookings' starts, their spans overlapping
/// the window, or their whole spans is not documented. The window runs from a minute before the instant to a
/// day and a minute after it, which holds a booking that starts at the instant under all three readings, for
/// any booking shorter than a day (an appointment, not a festival), whether the bounds are inclusive or not.
/// It does not depend on the event type's duration, which the API does not promise to give. The listing's
/// `status` filter is not used: a slot is held by `open` and `request` bookings alike, and how a filter of
/// several values is spelled is undocumented; cancelled bookings are skipped here instead.
struct SlotLookup: Sendable, Equatable {
    /// What the lookup found.
    enum Finding: Sendable, Equatable {
        /// A live booking of the row's event type at its instant holds this guest.
        case guestHolds(bookingUid: String)
        /// Live bookings hold the slot, none of them this guest.
        case othersHold
        /// No live booking of the event type starts at the instant.
        case empty
    }

    /// The next thing to do.
    enum Step: Sendable, Equatable {
        case list(BookingQuery)
        case readContacts(bookingUid: String)
        case done(Finding)
    }

    static let windowBefore: Int64 = 60_000
    static let windowAfter: Int64 = 86_400_000 + 60_000
    static let perPage = 100
    /// A listing that keeps offering pages past this many is not followed further (a broken `nextPage`).
    static let maxPages = 10_000

    let key: BookingKey
    private let instant: Int64
    private let windowStart: String
    private let windowEnd: String
    private var page: Int? = 1
    private var pagesRead = 0
    /// Live bookings of the slot whose contacts are still to be read.
    private var toRead: [String] = []
    private var seen: Set<String> = []
    private var others = false
    private var found: String?

    /// nil when the key's `startedAt` is not an instant (the ledger always writes one).
    init?(key: BookingKey) {
        guard let instant = APIInstant.milliseconds(key.startedAt) else { return nil }
        self.key = key
        self.instant = instant
        windowStart = APIInstant.format(milliseconds: instant - Self.windowBefore)
        windowEnd = APIInstant.format(milliseconds: instant + Self.windowAfter)
    }

    /// The read to make now, or what was found.
    func next() -> Step {
        if let found { return .done(.guestHolds(bookingUid: found)) }
        if let uid = toRead.last { return .readContacts(bookingUid: uid) }
        if let page { return .list(BookingQuery(startedAt: windowStart, endedAt: windowEnd, page: page, perPage: Self.perPage)) }
        return .done(others ? .othersHold : .empty)
    }

    /// A page of the listing arrived (the one `next()` asked for).
    mutating func listed(_ result: BookingPage) {
        let current = page ?? 1
        pagesRead += 1
        for booking in result.bookings where holdsSlot(booking) && seen.insert(booking.uid).inserted {
            toRead.insert(booking.uid, at: 0)
        }
        if let next = result.nextPage, next > current, pagesRead < Self.maxPages {
            page = next
        } else {
            page = nil
        }
    }

    /// The contacts of `bookingUid` arrived; nil when the booking vanished meanwhile (404), which then holds
    /// nothing. A live booking whose contacts do not include the guest holds the slot for someone else.
    mutating func read(contacts: [BookingContact]?, of bookingUid: String) {
        toRead.removeAll { $0 == bookingUid }
        guard let contacts else { return }
        if contacts.contains(where: { Self.normalized($0.email) == key.email }) {
            found = bookingUid
        } else {
            others = true
        }
    }

    /// A booking of the row's event type, starting at its instant, not cancelled.
    private func holdsSlot(_ booking: ListedBooking) -> Bool {
        if let eventType = booking.eventTypeId, eventType != key.eventTypeId { return false }
        if booking.status?.lowercased() == "cancel" { return false }
        return APIInstant.milliseconds(booking.startedAt) == instant
    }

    /// A contact's address as the booking key holds a guest's: normalized (SPEC §3), then lower-cased.
    static func normalized(_ email: String) -> String {
        switch EmailNormalizer().normalize(email) {
        case .success(let clean): clean.lowercased()
        case .failure: email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        }
    }
}
