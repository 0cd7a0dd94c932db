/// What happens to the loader, as its state machine hears it (see `LoaderState`). The loop that carries out
/// the actions turns each finished request, timer, ledger read and signal into one of these.
enum LoaderEvent: Sendable {
    /// A page of pending rows, in source order, after the last row seen; `exhausted` when no more follow.
    case rowsLoaded([PendingRow], exhausted: Bool)
    /// The commit asked for has run: the attempts it started have these ids, in the order asked.
    case recorded(attemptIDs: [Int64])
    /// A POST came back (classified in the request's own task).
    case answered(OutgoingPost, APIAnswer, SendOutcome)
    /// A read of a lookup came back.
    case read(OutgoingRead, ReadReply)
    /// Time passed, or a batch of events has been taken: decide what to commit, start and wake for.
    case tick
    /// SIGINT/SIGTERM: no new request starts; in-flight ones get the grace period.
    case stop
    /// The grace period after the end began has run out: what is still out is abandoned.
    case graceOver
}

/// A POST on its way: the row, the attempt recorded for it, and when it left (monotonic seconds).
struct OutgoingPost: Sendable, Equatable {
    var row: PendingRow
    var attemptID: Int64
    var sentAt: Double
}

/// A read on its way, for the lookup of `row`.
struct OutgoingRead: Sendable, Equatable {
    var row: Int
    var request: ReadRequest
    var sentAt: Double
}

/// The two reads a lookup makes.
enum ReadRequest: Sendable, Equatable {
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
enum ReadReply: Sendable {
    case listed(ReadAnswer<BookingPage>)
    case contacts(ReadAnswer<[BookingContact]>)
}
