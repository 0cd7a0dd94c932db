import Foundation

/// The loader's decisions as a value type (STYLE §3): which row goes next, what an answer means for its
/// row, when to wake up. No I/O here; `Loader` feeds it answers and the time.
struct LoaderState {
    var limiter: RateLimiter
    let policy: RetryPolicy
    var counts = StatusCounts()
    var inFlight = 0
    var end: LoadEnd?
    private var ready: [PendingRow]
    private var readyHead = 0
    private var front: [PendingRow] = []
    private var delayed: [(notBefore: Double, row: PendingRow)] = []
    private var results: [AttemptResult] = []
    private var consecutiveThrottles = 0
    private var consecutiveUnreachable = 0
    private var settledCount = 0
    private let toSend: Int

    init(rows: [PendingRow], limits: PipelineFile.Limits, now: Double) {
        ready = rows
        toSend = rows.count
        limiter = RateLimiter(rate: limits.rate, burst: limits.burst, now: now)
        policy = RetryPolicy(maxAttempts: limits.maxAttempts)
    }

    var isDrained: Bool { front.isEmpty && readyHead >= ready.count && delayed.isEmpty }

    var progress: LoadProgress {
        LoadProgress(settled: settledCount, toSend: toSend, counts: counts, inFlight: inFlight, currentRate: limiter.rate)
    }

    /// Rows put back after a 429 or a reconciliation go first, then the source order.
    mutating func nextReady() -> PendingRow? {
        if !front.isEmpty { return front.removeFirst() }
        guard readyHead < ready.count else { return nil }
        defer { readyHead += 1 }
        return ready[readyHead]
    }

    mutating func putBack(_ row: PendingRow) { front.insert(row, at: 0) }

    mutating func promoteDelayed(now: Double) {
        guard !delayed.isEmpty else { return }
        let due = delayed.filter { $0.notBefore <= now }.map(\.row).sorted { $0.row < $1.row }
        delayed.removeAll { $0.notBefore <= now }
        front.append(contentsOf: due)
    }

    /// When something can next happen: a token for a waiting row, or a delayed row coming due.
    /// `waiting` says rows wait outside the queue (primed attempts).
    mutating func nextWake(now: Double, concurrency: Int, waiting: Bool = false) -> Double? {
        var wake: Double?
        if inFlight < concurrency, waiting || !front.isEmpty || readyHead < ready.count {
            wake = limiter.nextAvailable(now: now)
        }
        if let soonest = delayed.map(\.notBefore).min() { wake = min(wake ?? soonest, soonest) }
        return wake
    }

    mutating func takeResults() -> [AttemptResult] {
        defer { results.removeAll(keepingCapacity: true) }
        return results
    }

    mutating func settle(_ status: RowStatus) {
        counts.pending -= 1
        counts[status] += 1
        settledCount += 1
    }

    private mutating func finish(_ flight: Loader.Flight, answer: APIAnswer?, status: RowStatus?, uid: String? = nil, error: String?, transient: Bool = false, uncertain: Bool = false) {
        results.append(
            AttemptResult(
                attemptID: flight.attemptID, row: flight.row.row, finishedAt: Date().timeIntervalSince1970,
                httpStatus: answer?.status, latencyMilliseconds: answer.map { $0.latencySeconds * 1000 }, error: error,
                status: status, bookingUid: uid, transient: transient, uncertain: uncertain))
        if let status { settle(status) }
    }

    /// What an answer to `flight` means (SPEC §1 and §4).
    mutating func handle(answer: APIAnswer, outcome: SendOutcome? = nil, flight: Loader.Flight, now: Double) {
        inFlight -= 1
        var row = flight.row
        if answer.status != nil { consecutiveUnreachable = 0 }
        switch outcome ?? SendOutcome(answer) {
        case .created(let uid):
            consecutiveThrottles = 0
            limiter.succeeded()
            finish(flight, answer: answer, status: .created, uid: uid, error: nil)
        case .conflict(let message):
            consecutiveThrottles = 0
            limiter.succeeded()
            var text = "Conflict: \(message)"
            if row.wasUncertain {
                text += " — an earlier attempt for this row got no answer, so this booking may be our own; check it in Jicoo"
            }
            finish(flight, answer: answer, status: .conflict, error: text)
        case .rejected(let status, let message):
            limiter.succeeded()
            finish(flight, answer: answer, status: .failed, error: "The API rejected this row (HTTP \(status)): \(message)")
        case .unauthorized(let status, let message):
            finish(flight, answer: answer, status: nil, error: "HTTP \(status): \(message)")
            front.insert(row, at: 0)
            if end == nil { end = .unauthorized("The API refused the key (HTTP \(status)): \(message)") }
        case .throttled(let retryAfter):
            consecutiveThrottles += 1
            let delay = policy.throttleDelay(retryAfter: retryAfter, consecutive: consecutiveThrottles, unit: Double.random(in: 0..<1), now: Date())
            limiter.throttled(now: now, until: now + delay)
            finish(flight, answer: answer, status: nil, error: "HTTP 429: too many requests")
            front.insert(row, at: 0)
        case .transient(_, let message, let uncertain):
            consecutiveThrottles = 0
            row.transientAttempts += 1
            if uncertain {
                row.uncertain = true
                row.wasUncertain = true
            }
            if !uncertain && !policy.mayRetry(transientAttempts: row.transientAttempts) {
                finish(flight, answer: answer, status: .failed, error: "Gave up after \(row.transientAttempts) attempts: \(message)", transient: true)
            } else {
                // An uncertain row is always reconciled next; if its attempts are used up, the reconciliation decides.
                finish(flight, answer: answer, status: nil, error: message, transient: true, uncertain: uncertain)
                let delay = policy.backoff(consecutive: row.transientAttempts, unit: Double.random(in: 0..<1))
                delayed.append((now + delay, row))
            }
        case .unreachable(let message):
            consecutiveUnreachable += 1
            finish(flight, answer: answer, status: nil, error: message)
            if consecutiveUnreachable >= policy.maxAttempts {
                if end == nil { end = .unreachable("The API could not be reached after \(consecutiveUnreachable) tries: \(message)") }
                front.insert(row, at: 0)
            } else {
                delayed.append((now + policy.backoff(consecutive: consecutiveUnreachable, unit: Double.random(in: 0..<1)), row))
            }
        }
    }

    /// What a reconciliation of an uncertain row found.
    mutating func handle(reconciliation: Result<String?, GuestListError>, flight: Loader.Flight, now: Double) {
        inFlight -= 1
        var row = flight.row
        switch reconciliation {
        case .success(let uid?):
            finish(flight, answer: nil, status: .created, uid: uid, error: nil)
        case .success(nil):
            if !policy.mayRetry(transientAttempts: row.transientAttempts) {
                finish(flight, answer: nil, status: .failed, error: "Gave up after \(row.transientAttempts) attempts without an answer; no booking was made")
            } else {
                row.uncertain = false
                front.insert(row, at: 0)
            }
        case .failure(let error):
            if error.code == .unauthorized {
                front.insert(row, at: 0)
                if end == nil { end = .unauthorized(error.message) }
                return
            }
            consecutiveUnreachable += 1
            if consecutiveUnreachable >= policy.maxAttempts {
                front.insert(row, at: 0)
                if end == nil { end = .unreachable("The API's read endpoints could not be reached: \(error.message)") }
            } else {
                delayed.append((now + policy.backoff(consecutive: consecutiveUnreachable, unit: Double.random(in: 0..<1)), row))
            }
        }
    }
}
