import Foundation

extension LoaderState {
    /// A read's value, as a lookup takes it.
    enum SlotAnswer: Sendable {
        case page(BookingPage)
        /// nil: the booking vanished (404).
        case contacts([BookingContact]?)
    }

    /// Begins finding out who holds `row`'s slot: to reconcile an uncertain row, or to explain a 409. Its reads
    /// queue for a slot and a token like any request.
    mutating func startLookup(_ row: PendingRow, purpose: Lookup.Purpose, now: Double) {
        guard let slot = SlotLookup(key: row.key) else {
            lookupFailed(row, purpose, "the row's booking key has no instant", now: now)
            return
        }
        lookups[row.row] = Lookup(row: row, purpose: purpose, slot: slot)
        readQueue.append(row.row)
    }

    /// A read came back: the lookup goes on, waits out a 429 or a backoff, gives up, or concludes. A read is
    /// retried by the rules of a POST (SPEC §4): 429s pause the whole loader and cost nothing, transient
    /// failures back off and count up to `maxAttempts`, nothing connecting counts towards "unreachable".
    mutating func handle(read: OutgoingRead, reply: OutgoingRead.Reply, now: Double) {
        guard var lookup = lookups[read.row] else { return }
        let outcome: ReadOutcome<SlotAnswer>
        switch reply {
        case .listed(let answer):
            outcome = ReadOutcome(answer.map(SlotAnswer.page), path: read.request.path)
        case .contacts(.failed(let answer)) where answer.status == 404:
            outcome = .value(.contacts(nil))
        case .contacts(let answer):
            outcome = ReadOutcome(answer.map { SlotAnswer.contacts($0) }, path: read.request.path)
        }
        if case .unreachable = outcome {} else { consecutiveUnreachable = 0 }
        switch outcome {
        case .value(let value):
            consecutiveThrottles = 0
            limiter.succeeded(now: now)
            lookup.failures = 0
            switch (value, read.request) {
            case (.page(let page), _): lookup.slot.listed(page)
            case (.contacts(let contacts), .contacts(let uid)): lookup.slot.read(contacts: contacts, of: uid)
            case (.contacts, .list): break
            }
            if case .done(let finding) = lookup.slot.next() {
                lookups[read.row] = nil
                conclude(lookup, finding, now: now)
            } else {
                lookups[read.row] = lookup
                readQueue.append(read.row)
            }
        case .throttled(let retryAfter):
            consecutiveThrottles += 1
            let delay = policy.throttleDelay(
                retryAfter: retryAfter, consecutive: consecutiveThrottles, unit: unit(), now: Date(timeIntervalSince1970: wall(now)))
            limiter.throttled(now: now, until: now + delay, sentAt: read.sentAt)
            readQueue.insert(read.row, at: 0)
        case .transient(let message):
            consecutiveThrottles = 0
            lookup.failures += 1
            guard lookup.failures < policy.maxAttempts else {
                lookups[read.row] = nil
                lookupFailed(lookup.row, lookup.purpose, "\(message) (\(lookup.failures) tries)", now: now)
                return
            }
            lookups[read.row] = lookup
            delayedReads.append((now + policy.backoff(consecutive: lookup.failures, unit: unit()), read.row))
        case .unreachable(let message):
            consecutiveUnreachable += 1
            if consecutiveUnreachable >= policy.maxAttempts {
                // The row stays pending as the ledger has it (uncertain, or answered 409): the next run looks it up.
                lookups[read.row] = nil
                end(.unreachable("The API could not be reached after \(consecutiveUnreachable) tries: \(message)"))
            } else {
                delayedReads.append((now + policy.backoff(consecutive: consecutiveUnreachable, unit: unit()), read.row))
            }
        case .unauthorized(let status, let message):
            lookups[read.row] = nil
            end(.unauthorized("The API refused the key (HTTP \(status)): \(message)"))
        case .failed(let message):
            lookups[read.row] = nil
            lookupFailed(lookup.row, lookup.purpose, message, now: now)
        }
    }

    /// What a finished lookup means for its row (SPEC §4).
    private mutating func conclude(_ lookup: Lookup, _ finding: SlotLookup.Finding, now: Double) {
        var row = lookup.row
        switch (lookup.purpose, finding) {
        case (.reconcile, .guestHolds(let uid)):
            // The attempt whose answer never came made this booking.
            settleWithoutAttempt(row, status: .created, uid: uid, error: nil, now: now)
        case (.reconcile, _):
            guard policy.mayRetry(transientAttempts: row.transientAttempts) else {
                settleWithoutAttempt(
                    row, status: .failed,
                    error: "Gave up after \(row.transientAttempts) attempts without an answer; no booking was made", now: now)
                return
            }
            // No booking holds the guest: sending again cannot book twice.
            row.uncertain = false
            front.insert(row, at: 0)
        case (.conflict, .guestHolds(let uid)) where row.wasUncertain:
            // An earlier attempt of this row got no answer and made the booking the 409 ran into: it is ours.
            settleWithoutAttempt(row, status: .created, uid: uid, error: nil, now: now)
        case (.conflict(let message), .guestHolds(let uid)):
            settleWithoutAttempt(
                row, status: .conflict, uid: uid, reason: .alreadyBooked, httpStatus: 409,
                error: "Already booked: this guest already holds booking \(uid) at this time, made outside this run; nothing to do (\(message)).",
                now: now)
        case (.conflict(let message), .othersHold):
            settleWithoutAttempt(
                row, status: .conflict, reason: .slotTaken, httpStatus: 409,
                error: "Slot taken: other guests' bookings hold this time; choose another time for this guest (\(message)).", now: now)
        case (.conflict(let message), .empty):
            settleWithoutAttempt(
                row, status: .conflict, reason: .unknown, httpStatus: 409,
                error: "Conflict: the API refused the booking, and no booking holding the slot was found (\(message)).", now: now)
        }
    }

    /// A lookup that cannot be made. An uncertain row is never sent blindly: it stays pending and uncertain for
    /// the next run. A conflict keeps its 409 with the reason `unknown`; the lookup never fails a row.
    mutating func lookupFailed(_ row: PendingRow, _ purpose: Lookup.Purpose, _ message: String, now: Double) {
        switch purpose {
        case .reconcile:
            unresolved += 1
            settleWithoutAttempt(
                row, status: nil,
                error: "No answer came, and whether the booking was made could not be checked (\(message)); the row stays pending and is checked again on the next run",
                now: now)
        case .conflict(let conflict):
            settleWithoutAttempt(
                row, status: .conflict, reason: .unknown, httpStatus: 409,
                error: "\(conflict) (who holds the slot could not be looked up: \(message))", now: now)
        }
    }
}
