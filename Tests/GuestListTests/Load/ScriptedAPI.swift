import Foundation

@testable import GuestList

/// A scripted Jicoo: answers POSTs from a queue (201 when it runs out), lists the bookings it was given — with
/// their status and contacts, paged, under the window reading it is told to use — and fails reads on request.
/// No network.
actor ScriptedAPI {
    /// How a listing's `startedAt`/`endedAt` bound the bookings (SPEC §1 leaves it open).
    enum WindowReading: Sendable { case start, overlap, within }

    struct Booking: Sendable {
        var listed: ListedBooking
        var contacts: [String]
        var minutes = 60
    }

    var answers: [APIAnswer]
    var posts: [String] = []
    var bookings: [Booking]
    var reading: WindowReading
    /// Answers to give listings, and contacts calls, before the real ones (a 503, a timeout…), oldest first.
    var listFailures: [APIAnswer] = []
    var contactFailures: [APIAnswer] = []
    /// The next this many POSTs make their booking, then lose the answer (the connection drops).
    var createThenDrop = 0
    var listCalls = 0
    var contactCalls = 0
    var queries: [BookingQuery] = []

    init(answers: [APIAnswer], bookings: [Booking] = [], reading: WindowReading = .start) {
        self.answers = answers
        self.bookings = bookings
        self.reading = reading
    }

    /// A booking at `start` holding `email`.
    static func booking(_ uid: String, _ email: String, at start: String = "2030-06-01T01:00:00.000Z", status: String = "open") -> Booking {
        Booking(listed: ListedBooking(uid: uid, eventTypeId: "ev", startedAt: start, status: status), contacts: [email])
    }

    func nextAnswer(for json: String) -> APIAnswer {
        posts.append(json)
        if createThenDrop > 0, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] {
            createThenDrop -= 1
            let uid = "DROPPED\(posts.count)"
            bookings.append(
                Booking(
                    listed: ListedBooking(
                        uid: uid, eventTypeId: object["eventTypeId"] as? String ?? "ev",
                        startedAt: object["startedAt"] as? String ?? "2030-06-01T01:00:00.000Z", status: "open"),
                    contacts: [object["email"] as? String ?? ""]))
            return APIAnswer(status: nil, transportError: "the connection was closed before an answer came", mayHaveBeenSent: true)
        }
        return answers.isEmpty ? APIAnswer(status: 201, body: Array(#"{"data":{"uid":"U\#(posts.count)"}}"#.utf8)) : answers.removeFirst()
    }

    func setFailures(listing: [APIAnswer] = [], contacts: [APIAnswer] = []) {
        listFailures = listing
        contactFailures = contacts
    }
    func setCreateThenDrop(_ count: Int) { createThenDrop = count }

    func list(_ query: BookingQuery) -> ReadAnswer<BookingPage> {
        listCalls += 1
        queries.append(query)
        if !listFailures.isEmpty { return .failed(listFailures.removeFirst()) }
        guard let from = APIInstant.milliseconds(query.startedAt), let to = APIInstant.milliseconds(query.endedAt) else {
            return .failed(APIAnswer(status: 422, body: Array(#"{"errors":{"startedAt":["must be a date-time"]}}"#.utf8)))
        }
        let matching = bookings.filter { b in
            let start = APIInstant.milliseconds(b.listed.startedAt)!
            let end = start + Int64(b.minutes) * 60_000
            switch reading {
            case .start: return start >= from && start <= to
            case .overlap: return start < to && end > from
            case .within: return start >= from && end <= to
            }
        }
        let perPage = min(100, query.perPage)
        let pageItems = matching.dropFirst((query.page - 1) * perPage).prefix(perPage)
        let pages = max(1, (matching.count + perPage - 1) / perPage)
        return .value(BookingPage(bookings: pageItems.map(\.listed), nextPage: query.page < pages ? query.page + 1 : nil))
    }

    func contactsOf(_ uid: String) -> ReadAnswer<[BookingContact]> {
        contactCalls += 1
        if !contactFailures.isEmpty { return .failed(contactFailures.removeFirst()) }
        guard let booking = bookings.first(where: { $0.listed.uid == uid }) else { return .failed(APIAnswer(status: 404)) }
        return .value(booking.contacts.map { BookingContact(email: $0) })
    }
}

extension ScriptedAPI: BookingAPI {
    nonisolated func createBooking(json: String) async -> APIAnswer { await nextAnswer(for: json) }
    nonisolated func listBookings(_ query: BookingQuery) async -> ReadAnswer<BookingPage> { await list(query) }
    nonisolated func contacts(bookingUid: String) async -> ReadAnswer<[BookingContact]> { await contactsOf(bookingUid) }
    nonisolated func eventTypeExists(uid: String) async -> ReadAnswer<Bool> { .value(true) }
}
