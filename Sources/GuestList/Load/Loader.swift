import Foundation
import Logging

/// Sends a run's pending rows (the load stage) and records each outcome (the record stage).
///
/// One coordinator owns the ledger and the rate limiter; requests run as child tasks and report back, so
/// there is no shared mutable state and outcomes are committed in the order they arrive. Every attempt is
/// committed as started before its request leaves (see `Ledger.beginAttempts`).
///
/// The coordinator keeps up to `limits.concurrency` attempts *primed*: recorded as started in an earlier
/// group commit, not yet sent. When an answer frees a slot, a primed row leaves at once and the commit
/// that records the answer runs while it is out, instead of in front of it. A primed attempt that is never
/// sent (the run stopped) is deleted at the end; after a kill -9 it is an open attempt like any other and
/// the row is reconciled through the read endpoints before it is sent again.
public struct Loader {
    public var limits: PipelineFile.Limits
    public var api: any BookingAPI
    public var logger: Logger
    /// Seconds the in-flight requests get after a stop before they are abandoned (left uncertain).
    public var gracePeriod: Double = 5
    /// Before sending, skip rows whose keys another run of this ledger has booked since this run began (a
    /// retry of an old run, say, or a resume). A new run's rows were checked when it was recorded; while the
    /// load runs, the ledger lock keeps anyone else from booking, and a run never holds one key twice.
    public var checkBooked = false

    public init(limits: PipelineFile.Limits, api: any BookingAPI, logger: Logger) {
        self.limits = limits
        self.api = api
        self.logger = logger
    }

    enum Event: Sendable {
        /// The answer, already classified in the request's own task (off the coordinator).
        case answered(Flight, APIAnswer, SendOutcome)
        case reconciled(Flight, Result<String?, GuestListError>)
        case tick
        case stop
        case graceOver
    }

    struct Flight: Sendable {
        var row: PendingRow
        var attemptID: Int64
        var startedAt: Double
    }

    /// Sends every pending row of `run`.
    public func load(
        run: Int, ledger: Ledger, stop: StopSignal, onProgress: @Sendable (LoadProgress) -> Void = { _ in }
    ) async throws(GuestListError) -> LoadEnd {
        try ledger.closeOrphanedAttempts(run: run)
        var rows = try ledger.pendingRows(run: run)
        if checkBooked { rows = try skipBookedElsewhere(rows, run: run, ledger: ledger) }
        var state = LoaderState(rows: rows, limits: limits, now: Self.monotonic())
        state.counts = try ledger.counts(run: run)
        let reconciler = Reconciler(api: api)
        let grace = gracePeriod
        let logger = self.logger

        let outcome = await withTaskGroup(of: Void.self) { group -> Result<LoadEnd, GuestListError> in
            defer { group.cancelAll() }
            do throws(GuestListError) {
                return .success(
                    try await drive(
                        group: &group, state: &state, run: run, ledger: ledger, stop: stop, reconciler: reconciler,
                        grace: grace, logger: logger, onProgress: onProgress))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Settles as `skipped` the rows whose keys another run has booked, in one commit, and returns the rest.
    /// An uncertain row is left to reconciliation: its own earlier attempt may be the booking.
    private func skipBookedElsewhere(_ rows: [PendingRow], run: Int, ledger: Ledger) throws(GuestListError) -> [PendingRow] {
        let booked = try ledger.bookedKeys(excludingRun: run)
        guard !booked.isEmpty else { return rows }
        var skipped: [AttemptResult] = []
        let now = Date().timeIntervalSince1970
        let rest = rows.filter { row in
            guard !row.uncertain, let uid = booked[row.key] else { return true }
            skipped.append(
                AttemptResult(
                    attemptID: 0, row: row.row, finishedAt: now, httpStatus: nil, error: nil, status: .skipped,
                    bookingUid: uid, transient: false, uncertain: false))
            return false
        }
        try ledger.record(run: run, results: skipped)
        return rest
    }

    /// The coordinator's loop: start what the limiter allows, record what came back, wait for the next event.
    private func drive(
        group: inout TaskGroup<Void>, state: inout LoaderState, run: Int, ledger: Ledger, stop: StopSignal,
        reconciler: Reconciler, grace: Double, logger: Logger, onProgress: @Sendable (LoadProgress) -> Void
    ) async throws(GuestListError) -> LoadEnd {
        let api = self.api
        let mailbox = EventMailbox<Event>()
        group.addTask {
            await stop.wait()
            if !Task.isCancelled { mailbox.post(.stop) }
        }
        var armedWake: Double?
        var graceArmed = false
        /// Rows whose attempts are committed as started and that wait for a slot and a token.
        var primed: [(row: PendingRow, attemptID: Int64)] = []
        var primedHead = 0
        func dispatch(_ row: PendingRow, attemptID: Int64) {
            let flight = Flight(row: row, attemptID: attemptID, startedAt: Date().timeIntervalSince1970)
            group.addTask {
                let answer = await api.createBooking(json: row.payload)
                mailbox.post(.answered(flight, answer, SendOutcome(answer)))
            }
        }
        /// Sends primed rows into the free slots the limiter allows.
        func dispatchPrimed(now: Double) {
            while state.end == nil, state.inFlight < limits.concurrency, primedHead < primed.count,
                  state.limiter.tryAcquire(now: now) {
                state.inFlight += 1
                dispatch(primed[primedHead].row, attemptID: primed[primedHead].attemptID)
                primedHead += 1
            }
            if primedHead == primed.count {
                primed.removeAll(keepingCapacity: true)
                primedHead = 0
            }
        }
        /// Deletes the primed attempts no request left for: they were never sent.
        func abandonPrimed() throws(GuestListError) {
            guard primedHead < primed.count else { return }
            try ledger.abandonAttempts(primed[primedHead...].map(\.attemptID))
            primed.removeAll()
            primedHead = 0
        }
        /// Records what `events` say; returns how the load ends when the grace period ran out.
        func apply(_ events: [Event]) throws(GuestListError) -> LoadEnd? {
            for event in events {
                switch event {
                case .tick:
                    if let armed = armedWake, Self.monotonic() >= armed - 0.0005 { armedWake = nil }
                case .stop:
                    if state.end == nil { state.end = .interrupted }
                    logger.info("stop requested: no new request starts")
                case .graceOver:
                    if state.end != nil {
                        logger.warning("in-flight requests abandoned after the grace period; they stay uncertain")
                        try ledger.record(run: run, results: state.takeResults())
                        try abandonPrimed()
                        return state.end ?? .interrupted
                    }
                case .answered(let flight, let answer, let outcome):
                    state.handle(answer: answer, outcome: outcome, flight: flight, now: Self.monotonic())
                case .reconciled(let flight, let result):
                    state.handle(reconciliation: result, flight: flight, now: Self.monotonic())
                }
            }
            return nil
        }
        while true {
            let now = Self.monotonic()
            state.promoteDelayed(now: now)
            // Primed rows leave first: their attempts are durable already.
            dispatchPrimed(now: now)
            // Then what the limiter and the concurrency allow, recorded in this commit before it leaves.
            var sends: [PendingRow] = []
            while state.end == nil, state.inFlight < limits.concurrency, let next = state.nextReady() {
                guard state.limiter.tryAcquire(now: now) else { state.putBack(next); break }
                state.inFlight += 1
                if next.uncertain {
                    let flight = Flight(row: next, attemptID: 0, startedAt: Date().timeIntervalSince1970)
                    group.addTask {
                        guard let key = BookingKey(ledgerText: next.key) else { return mailbox.post(.reconciled(flight, .success(nil))) }
                        do throws(GuestListError) {
                            mailbox.post(.reconciled(flight, .success(try await reconciler.existingBooking(for: key))))
                        } catch {
                            mailbox.post(.reconciled(flight, .failure(error)))
                        }
                    }
                } else {
                    sends.append(next)
                }
            }
            // And rows to prime for the slots the next answers free (no token taken yet).
            var priming: [PendingRow] = []
            while state.end == nil, primed.count - primedHead + priming.count < limits.concurrency, let next = state.nextReady() {
                if next.uncertain {
                    // Reconciled when a slot is free, not ahead of time.
                    state.putBack(next)
                    break
                }
                priming.append(next)
            }
            // One group commit: what came back, and the attempts about to start (durable before they leave).
            let ids = try ledger.commit(
                run: run, results: state.takeResults(), starting: (sends + priming).map(\.row), at: Date().timeIntervalSince1970)
            for (row, id) in zip(sends, ids) { dispatch(row, attemptID: id) }
            for (row, id) in zip(priming, ids.dropFirst(sends.count)) { primed.append((row, id)) }
            onProgress(state.progress)

            if state.inFlight == 0 && (state.end != nil || (state.isDrained && primedHead == primed.count)) { break }
            if state.end == nil,
                let wake = state.nextWake(now: now, concurrency: limits.concurrency, waiting: primedHead < primed.count),
                armedWake.map({ wake < $0 - 0.0005 }) ?? true
            {
                armedWake = wake
                group.addTask {
                    let delay = max(0, wake - Self.monotonic())
                    try? await Task.sleep(nanoseconds: UInt64(delay * 1e9))
                    mailbox.post(.tick)
                }
            }
            if state.end != nil, !graceArmed {
                graceArmed = true
                group.addTask {
                    try? await Task.sleep(nanoseconds: UInt64(grace * 1e9))
                    mailbox.post(.graceOver)
                }
            }
            var events = await mailbox.take()
            if let end = try apply(events) { return end }
            // The slots those answers freed go to primed rows now, before any batching or commit.
            dispatchPrimed(now: Self.monotonic())
            // Answers about to land share the next group commit: while most requests are still out, let the
            // runnable ones post first (a yield, not a wait), then take what came.
            if state.end == nil, state.inFlight * 2 > limits.concurrency {
                await Task.yield()
                events = mailbox.takeAvailable()
                if let end = try apply(events) { return end }
            }
        }
        try ledger.record(run: run, results: state.takeResults())
        try abandonPrimed()
        return state.end ?? .finished
    }

    static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
