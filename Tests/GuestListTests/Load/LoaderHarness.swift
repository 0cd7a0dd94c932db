@testable import GuestList

/// Plays the loop's part for `LoaderState` with no I/O and no sleeping: it reads pages and makes commits in a
/// `MemoryLedger` as `Loader` would, keeps the requests the state sends so that a test answers them when it
/// likes, and moves a fake clock. After each answer it ticks, as the loop does after each batch.
struct LoaderHarness {
    var state: LoaderState
    let ledger: MemoryLedger
    var now: Double = 0
    /// Requests out and not yet answered.
    var posts: [OutgoingPost] = []
    var reads: [OutgoingRead] = []
    /// Every request sent, in order.
    var sentPosts: [OutgoingPost] = []
    var sentReads: [OutgoingRead] = []
    /// The last wake-up asked for, and the grace deadline.
    var wake: Double?
    var graceOver: Double?
    var ended: LoadEnd?
    /// When set, a commit's ids are held back (a sync in progress) until `deliverRecorded()`.
    var holdRecorded = false
    var heldRecorded: [[Int64]] = []

    init(ledger: MemoryLedger, limits: LoadLimits, wallOffset: Double = 1_900_000_000, pageSize: Int = 1024, unit: Double = 0.5) {
        self.ledger = ledger
        try! ledger.closeOrphanedAttempts(run: 1)
        state = LoaderState(
            limits: limits, counts: try! ledger.counts(run: 1), now: 0, wallOffset: wallOffset, gracePeriod: 5, pageSize: pageSize,
            random: FixedRandom(unit: unit))
    }

    static func limits(rate: Double = 10, burst: Int = 10, concurrency: Int = 2, maxAttempts: Int = 3) -> LoadLimits {
        var l = LoadLimits()
        l.rate = .fixed(rate)
        l.burst = burst
        l.concurrency = concurrency
        l.maxAttempts = maxAttempts
        return l
    }

    mutating func step(_ event: LoaderEvent) {
        let action = state.handle(event, now: now)
        switch event {
        case .tick, .recorded, .rowsLoaded, .stop: wake = action.wake
        default: break
        }
        apply(action)
    }

    mutating func apply(_ action: LoaderAction) {
        posts += action.posts
        sentPosts += action.posts
        reads += action.reads
        sentReads += action.reads
        var follow: [LoaderEvent] = []
        if let commit = action.commit {
            let ids = try! ledger.commit(run: 1, results: commit.results, starting: commit.starting, at: now)
            if !commit.starting.isEmpty {
                if holdRecorded { heldRecorded.append(ids) } else { follow.append(.recorded(attemptIDs: ids)) }
            }
        }
        if let fetch = action.fetch {
            let rows = try! ledger.pendingRows(run: 1, after: fetch.after, limit: fetch.limit)
            follow.append(.rowsLoaded(rows, exhausted: rows.count < fetch.limit))
        }
        if !action.abandon.isEmpty { try! ledger.abandonAttempts(action.abandon) }
        if let grace = action.graceOver { graceOver = grace }
        if let end = action.end { ended = end }
        for event in follow { step(event) }
    }

    /// Hands back the ids held while their sync was in progress, and ticks.
    mutating func deliverRecorded() {
        let held = heldRecorded
        heldRecorded = []
        for ids in held { step(.recorded(attemptIDs: ids)) }
        step(.tick)
    }

    /// The first turn of a load.
    mutating func start() { step(.tick) }

    /// Moves the clock and ticks, as a timer would.
    mutating func advance(to time: Double) {
        now = time
        step(.tick)
    }

    /// Answers the POST of `row` (the oldest one out) and ticks.
    mutating func answer(row: Int, _ answer: APIAnswer, at time: Double? = nil) {
        if let time { now = time }
        guard let i = posts.firstIndex(where: { $0.row.row == row }) else { fatalError("no POST out for row \(row)") }
        let post = posts.remove(at: i)
        step(.answered(post, answer, SendOutcome(answer)))
        step(.tick)
    }

    /// Answers the oldest read out for `row` and ticks.
    mutating func answerRead(row: Int, _ reply: OutgoingRead.Reply, at time: Double? = nil) {
        if let time { now = time }
        guard let i = reads.firstIndex(where: { $0.row == row }) else { fatalError("no read out for row \(row)") }
        let read = reads.remove(at: i)
        step(.read(read, reply))
        step(.tick)
    }

    /// Answers every POST out with a 201, until nothing is out, then returns how it ended.
    mutating func createAll(limit: Int = 100_000) {
        var n = 0
        while ended == nil, n < limit {
            n += 1
            if let post = posts.first {
                answer(row: post.row.row, Self.created("U\(post.row.row)"))
            } else if let wake {
                advance(to: max(now, wake))
            } else {
                break
            }
        }
    }

    static func created(_ uid: String) -> APIAnswer { APIAnswer(status: 201, body: Array(#"{"data":{"uid":"\#(uid)"}}"#.utf8)) }
    static let noAnswer = APIAnswer(status: nil, transportError: "connection reset", mayHaveBeenSent: true)
    static let refused = APIAnswer(status: nil, transportError: "could not connect to 127.0.0.1:9", mayHaveBeenSent: false)
    static func status(_ code: Int, retryAfter: String? = nil, body: String = "{}") -> APIAnswer {
        APIAnswer(status: code, body: Array(body.utf8), retryAfter: retryAfter)
    }

    /// A listing page holding `bookings` (uid, email-less booking object fields).
    static func page(_ bookings: [ListedBooking], next: Int? = nil) -> OutgoingRead.Reply {
        .listed(.value(BookingPage(bookings: bookings, nextPage: next)))
    }

    static func contacts(_ emails: String...) -> OutgoingRead.Reply {
        .contacts(.value(emails.map { BookingContact(email: $0) }))
    }

    static func booking(_ uid: String, at start: String = "2030-06-01T10:00:00+09:00", status: String = "open", eventType: String = "ev") -> ListedBooking {
        ListedBooking(uid: uid, eventTypeId: eventType, startedAt: start, status: status)
    }
}

/// A random source that always draws the same unit value: jitter without chance.
struct FixedRandom: RandomNumberGenerator, Sendable {
    let bits: UInt64

    init(unit: Double) {
        bits = UInt64(min(max(unit, 0), 0.999_999) * Double(1 << 53)) << 11
    }

    mutating func next() -> UInt64 { bits }
}
