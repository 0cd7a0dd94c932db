import Foundation

extension LoaderState {
    /// What an answer to a POST means for its row (SPEC §1 and §4).
    mutating func handle(answer: APIAnswer, outcome: SendOutcome, post: OutgoingPost, now: Double) {
        var row = post.row
        if answer.status != nil { consecutiveUnreachable = 0 }
        func record(_ code: AttemptCode, status: RowStatus? = nil, uid: String? = nil, error: String?, transient: Bool = false) {
            results.append(
                AttemptResult(
                    attemptID: post.attemptID, row: row.row, finishedAt: wall(now), httpStatus: answer.status,
                    latencyMilliseconds: answer.latencySeconds * 1000, error: error, outcome: code, status: status, bookingUid: uid,
                    transient: transient, uncertain: code == .uncertain))
            if let status { settle(status) }
        }
        switch outcome {
        case .created(let uid):
            consecutiveThrottles = 0
            limiter.succeeded(now: now)
            record(.created, status: .created, uid: uid, error: nil)
        case .conflict(let message):
            // Final for the row, but it settles once the slot is looked up: who holds it is the row's reason, and
            // after an uncertain attempt the holder may be this row's own booking. Until then the row stays
            // pending with its 409 recorded, so a run killed meanwhile looks it up instead of sending it again.
            consecutiveThrottles = 0
            limiter.succeeded(now: now)
            let text = "Conflict: \(message)"
            record(.conflict, error: text)
            row.conflictPending = true
            row.note = text
            startLookup(row, purpose: .conflict(message: text), now: now)
        case .rejected(let status, let message):
            consecutiveThrottles = 0
            limiter.succeeded(now: now)
            record(.rejected, status: .failed, error: "The API rejected this row (HTTP \(status)): \(message)")
        case .unauthorized(let status, let message):
            record(.unauthorized, error: "HTTP \(status): \(message)")
            front.insert(row, at: 0)
            end(.unauthorized("The API refused the key (HTTP \(status)): \(message)"))
        case .throttled(let retryAfter):
            consecutiveThrottles += 1
            let delay = policy.throttleDelay(
                retryAfter: retryAfter, consecutive: consecutiveThrottles, unit: unit(), now: Date(timeIntervalSince1970: wall(now)))
            limiter.throttled(now: now, until: now + delay, sentAt: post.sentAt)
            record(.throttled, error: "HTTP 429: too many requests")
            front.insert(row, at: 0)
        case .transient(_, let message, let uncertain):
            consecutiveThrottles = 0
            row.transientAttempts += 1
            if uncertain {
                row.uncertain = true
                row.wasUncertain = true
            }
            if !uncertain && !policy.mayRetry(transientAttempts: row.transientAttempts) {
                record(.transient, status: .failed, error: "Gave up after \(row.transientAttempts) attempts: \(message)", transient: true)
            } else {
                // An uncertain row is reconciled before anything else; if its attempts are used up, that decides.
                record(uncertain ? .uncertain : .transient, error: message, transient: true)
                delayed.append((now + policy.backoff(consecutive: row.transientAttempts, unit: unit()), row))
            }
        case .unreachable(let message):
            consecutiveUnreachable += 1
            record(.unreachable, error: message)
            if consecutiveUnreachable >= policy.maxAttempts {
                front.insert(row, at: 0)
                end(.unreachable("The API could not be reached after \(consecutiveUnreachable) tries: \(message)"))
            } else {
                delayed.append((now + policy.backoff(consecutive: consecutiveUnreachable, unit: unit()), row))
            }
        }
    }

    /// Records a row's outcome that no attempt of this session produced (a lookup settled it, or gave up).
    mutating func settleWithoutAttempt(
        _ row: PendingRow, status: RowStatus?, uid: String? = nil, reason: ConflictReason? = nil, httpStatus: Int? = nil,
        error: String?, now: Double
    ) {
        results.append(
            AttemptResult(
                attemptID: 0, row: row.row, finishedAt: wall(now), httpStatus: httpStatus, error: error, status: status,
                bookingUid: uid, conflictReason: reason, transient: false, uncertain: false))
        if let status { settle(status) }
    }
}
