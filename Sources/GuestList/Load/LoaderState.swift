/// The loader's decisions as a state machine (STYLE §3), after AsyncHTTPClient's
/// `HTTPConnectionPool.StateMachine`: it takes events (`LoaderEvent`: an answer, a read, a tick with the time,
/// a stop, rows loaded, attempts recorded) and returns what to do (`LoaderAction`: send these, read that,
/// commit these results and start these attempts, wake at T, end). It does no I/O and never sleeps: the clock
/// (`now`, monotonic seconds, passed with every event) and the random source for jitter are injected, so the
/// tests step it through a 429 storm or a stop during backoff in microseconds. `Loader` is the loop that
/// carries its actions out.
///
/// Everything that governs sending lives here: the token bucket and adaptive rate (`RateLimiter`), retries and
/// backoff (`RetryPolicy`), *priming* (attempts recorded as started in one group commit and sent when a slot
/// and a token free up, so that a commit runs while requests are out rather than in front of them), the
/// lookups that reconcile uncertain rows and explain conflicts (`SlotLookup`), and how a load ends.
///
/// Rows arrive a page at a time (`rowsLoaded`), so memory holds a page, the rows in play and those waiting out
/// a backoff — not the run.
struct LoaderState {
    enum Phase: Equatable {
        case running
        /// No new request starts; the load ends when nothing is out, or when the grace period runs out.
        case ending(LoadEnd, graceArmed: Bool)
        case ended
    }

    /// An uncertain row being reconciled, or a 409 being explained.
    struct Lookup {
        enum Purpose: Equatable {
            case reconcile
            /// `message`: the row's error text from the 409 ("Conflict: …").
            case conflict(message: String)
        }

        var row: PendingRow
        var purpose: Purpose
        var slot: SlotLookup
        /// Transient failures of its reads in a row.
        var failures = 0
    }

    let limits: LoadLimits
    let policy: RetryPolicy
    let gracePeriod: Double
    let pageSize: Int
    /// Wall-clock seconds since 1970 minus monotonic seconds: stamps results and reads HTTP-date `Retry-After`.
    let wallOffset: Double
    var limiter: RateLimiter
    var random: any RandomNumberGenerator
    private(set) var phase = Phase.running
    private(set) var counts: StatusCounts
    private(set) var settled = 0
    private(set) var inFlight = 0
    /// Uncertain rows whose reconciliation could not be made: they stay pending (never sent blindly).
    var unresolved = 0
    let toSend: Int

    // Rows, in the order they are taken: put back first, then the page in source order.
    var front: [PendingRow] = []
    private var fresh: [PendingRow] = []
    private var freshHead = 0
    private var lastRow = 0
    private var exhausted = false
    private var fetching = false
    var delayed: [(due: Double, row: PendingRow)] = []
    /// Attempts recorded as started, waiting for a slot and a token.
    private var primed: [(row: PendingRow, attemptID: Int64)] = []
    private var primedHead = 0
    /// Rows in the commit being made, waiting for their attempt ids; no other rows are chosen meanwhile, so that
    /// ids and rows pair up whatever the loop does in between.
    private var starting: [PendingRow] = []
    private var awaitingIDs = false
    var lookups: [Int: Lookup] = [:]
    /// Rows whose lookup's next read waits for a slot and a token.
    var readQueue: [Int] = []
    var delayedReads: [(due: Double, row: Int)] = []
    var results: [AttemptResult] = []
    var consecutiveThrottles = 0
    var consecutiveUnreachable = 0

    init(
        limits: LoadLimits, counts: StatusCounts, now: Double, wallOffset: Double, gracePeriod: Double = 5, pageSize: Int = 1024,
        random: any RandomNumberGenerator = SystemRandomNumberGenerator()
    ) {
        self.limits = limits
        policy = RetryPolicy(maxAttempts: limits.maxAttempts)
        self.gracePeriod = gracePeriod
        self.pageSize = max(1, pageSize)
        self.wallOffset = wallOffset
        limiter = RateLimiter(limits: limits, now: now)
        self.random = random
        self.counts = counts
        toSend = counts.pending
    }

    var progress: LoadProgress {
        LoadProgress(settled: settled, toSend: toSend, counts: counts, inFlight: inFlight, currentRate: limiter.rate)
    }

    /// The one entry point: what `event`, at monotonic time `now`, calls for.
    mutating func handle(_ event: LoaderEvent, now: Double) -> LoaderAction {
        guard phase != .ended else { return .none }
        switch event {
        case .rowsLoaded(let rows, let exhausted):
            if freshHead > 0 {
                fresh.removeFirst(freshHead)
                freshHead = 0
            }
            fresh.append(contentsOf: rows)
            lastRow = rows.last?.row ?? lastRow
            self.exhausted = exhausted
            fetching = false
            return tick(now: now)
        case .recorded(let ids):
            for (row, id) in zip(starting, ids) { primed.append((row, id)) }
            starting.removeAll(keepingCapacity: true)
            awaitingIDs = false
            var action = LoaderAction()
            dispatch(now: now, into: &action)
            action.wake = wake(now: now)
            return action
        case .answered(let post, let answer, let outcome):
            inFlight -= 1
            handle(answer: answer, outcome: outcome, post: post, now: now)
            var action = LoaderAction()
            dispatch(now: now, into: &action)
            return action
        case .read(let read, let reply):
            inFlight -= 1
            handle(read: read, reply: reply, now: now)
            var action = LoaderAction()
            dispatch(now: now, into: &action)
            return action
        case .tick:
            return tick(now: now)
        case .stop:
            end(.interrupted)
            return tick(now: now)
        case .graceOver:
            guard case .ending(let reason, _) = phase else { return .none }
            return finish(reason)
        }
    }

    /// Starts ending with `reason`, unless an earlier reason is already ending the load.
    mutating func end(_ reason: LoadEnd) {
        if phase == .running { phase = .ending(reason, graceArmed: false) }
    }

    var isRunning: Bool { phase == .running }

    /// The coordinator's turn: what came back gets committed with the attempts that free slots will need,
    /// work goes out where a slot and a token allow, and the next wake-up is set.
    private mutating func tick(now: Double) -> LoaderAction {
        promoteDue(now: now)
        var action = LoaderAction()
        if case .ending(let reason, let graceArmed) = phase {
            // Attempts whose ids are on their way come back primed, and are abandoned at the end.
            if inFlight == 0, !awaitingIDs { return finish(reason) }
            if !results.isEmpty { action.commit = .init(results: takeResults(), starting: []) }
            if !graceArmed {
                phase = .ending(reason, graceArmed: true)
                action.graceOver = now + gracePeriod
            }
            return action
        }
        if !exhausted, !fetching, fresh.count - freshHead < max(limits.concurrency * 2, pageSize / 4) {
            fetching = true
            action.fetch = .init(after: lastRow, limit: pageSize)
        }
        // Rows to prime for the slots the next answers free, and lookups for the rows that need one first.
        while !awaitingIDs, primed.count - primedHead + starting.count < limits.concurrency, let row = nextRow() {
            if row.uncertain || row.conflictPending {
                guard lookups.count < limits.concurrency else {
                    front.insert(row, at: 0)
                    break
                }
                startLookup(row, purpose: row.uncertain ? .reconcile : .conflict(message: row.note ?? "Conflict"), now: now)
            } else {
                starting.append(row)
            }
        }
        dispatch(now: now, into: &action)
        // One commit at a time: while one's ids (and, with deferred syncs, its sync) are awaited, what comes back
        // waits for the next, which then carries more.
        if !awaitingIDs, !results.isEmpty || !starting.isEmpty {
            action.commit = .init(results: takeResults(), starting: starting.map(\.row))
            awaitingIDs = !starting.isEmpty
        }
        if isDrained {
            let end = finish(.finished)
            action.commit = end.commit ?? action.commit
            action.end = end.end
            return action
        }
        action.wake = wake(now: now)
        return action
    }

    /// Ends now: the last results are committed, primed attempts that never left are abandoned.
    private mutating func finish(_ reason: LoadEnd) -> LoaderAction {
        phase = .ended
        var action = LoaderAction()
        if !results.isEmpty { action.commit = .init(results: takeResults(), starting: []) }
        action.abandon = primed[primedHead...].map(\.attemptID)
        primed.removeAll()
        primedHead = 0
        action.end = reason
        return action
    }

    private var isDrained: Bool {
        exhausted && !fetching && freshHead >= fresh.count && front.isEmpty && delayed.isEmpty && primedHead >= primed.count
            && starting.isEmpty && lookups.isEmpty && inFlight == 0
    }

    /// Put back rows first, then the page in source order.
    private mutating func nextRow() -> PendingRow? {
        if !front.isEmpty { return front.removeFirst() }
        guard freshHead < fresh.count else { return nil }
        defer { freshHead += 1 }
        return fresh[freshHead]
    }

    /// Moves rows and reads whose backoff is over back into their queues, rows in source order.
    private mutating func promoteDue(now: Double) {
        if !delayed.isEmpty, delayed.contains(where: { $0.due <= now }) {
            let due = delayed.filter { $0.due <= now }.map(\.row).sorted { $0.row < $1.row }
            delayed.removeAll { $0.due <= now }
            front.append(contentsOf: due)
        }
        if !delayedReads.isEmpty, delayedReads.contains(where: { $0.due <= now }) {
            readQueue.append(contentsOf: delayedReads.filter { $0.due <= now }.map(\.row))
            delayedReads.removeAll { $0.due <= now }
        }
    }

    /// Fills free slots, reads of lookups first (a row waits on each), then primed POSTs.
    private mutating func dispatch(now: Double, into action: inout LoaderAction) {
        guard isRunning else { return }
        while inFlight < limits.concurrency {
            if let row = readQueue.first {
                let request: OutgoingRead.Request
                switch lookups[row]?.slot.next() {
                case .list(let query)?: request = .list(query)
                case .readContacts(let uid)?: request = .contacts(bookingUid: uid)
                case .done?, nil:
                    readQueue.removeFirst()
                    continue
                }
                guard limiter.tryAcquire(now: now) else { return }
                readQueue.removeFirst()
                inFlight += 1
                action.reads.append(OutgoingRead(row: row, request: request, sentAt: now))
            } else if primedHead < primed.count {
                guard limiter.tryAcquire(now: now) else { return }
                let (row, id) = primed[primedHead]
                primedHead += 1
                if primedHead == primed.count {
                    primed.removeAll(keepingCapacity: true)
                    primedHead = 0
                }
                inFlight += 1
                action.posts.append(OutgoingPost(row: row, attemptID: id, sentAt: now))
            } else {
                return
            }
        }
    }

    /// When something can next happen without an answer: a token for waiting work, or a backoff running out.
    private mutating func wake(now: Double) -> Double? {
        var wake: Double?
        if isRunning, inFlight < limits.concurrency, !readQueue.isEmpty || primedHead < primed.count {
            wake = limiter.nextAvailable(now: now)
        }
        for due in delayed.map(\.due) + delayedReads.map(\.due) { wake = min(wake ?? due, due) }
        return wake
    }

    mutating func takeResults() -> [AttemptResult] {
        defer { results.removeAll(keepingCapacity: true) }
        return results
    }

    /// A draw in [0, 1) for jitter.
    mutating func unit() -> Double { Double.random(in: 0..<1, using: &random) }

    /// Wall-clock seconds since 1970 at monotonic `now`.
    func wall(_ now: Double) -> Double { now + wallOffset }

    /// Counts a row as settled in `status`.
    mutating func settle(_ status: RowStatus) {
        counts.pending -= 1
        counts[status] += 1
        settled += 1
    }
}
