import Foundation
import Logging

/// Sends a run's pending rows (the load stage) and records each outcome (the record stage).
///
/// A thin loop around `LoaderState`, which makes every decision: the loop turns what happens (answers, reads,
/// timers, the stop signal, ledger results) into events, and carries out the actions that come back — requests
/// as child tasks of one task group, ledger reads and group commits on this coordinator, timers as sleeping
/// tasks. One coordinator owns the ledger and the state, so there is no shared mutable state; answers that
/// land while a commit runs are taken together and share the next commit.
public struct Loader {
    public var limits: LoadLimits
    public var api: any BookingAPI
    public var logger: Logger
    /// Seconds the in-flight requests get after a stop before they are abandoned (left uncertain).
    public var gracePeriod: Double = 5
    /// Pending rows read from the ledger at a time: memory holds about a page, whatever the run's size.
    public var pageSize = 1024
    /// Before sending, skip rows whose keys another run of this ledger has booked since this run began (a retry
    /// of an old run, say, or a resume). A new run's rows were checked when it was recorded; while the load
    /// runs, the ledger lock keeps anyone else from booking, and a run never holds one key twice.
    public var checkBooked = false
    /// The jitter of every backoff.
    public var random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()

    public init(limits: LoadLimits, api: any BookingAPI, logger: Logger) {
        self.limits = limits
        self.api = api
        self.logger = logger
    }

    /// What the coordinator's mailbox carries: the state machine's events, the loop's own timer, and a sync of
    /// the ledger that failed.
    enum Delivery: Sendable {
        case event(LoaderEvent)
        case wake
        case syncFailed(GuestListError)
    }

    /// Sends every pending row of `run`.
    public func load(
        run: Int, ledger: some LoadLedger, stop: StopSignal, onProgress: @Sendable (LoadProgress) -> Void = { _ in }
    ) async throws(GuestListError) -> LoadResult {
        try ledger.closeOrphanedAttempts(run: run)
        if checkBooked, try ledger.skipKeysBookedElsewhere(run: run, at: Date().timeIntervalSince1970) > 0 {
            logger.info("rows whose keys another run has booked since were skipped")
        }
        let syncs = try ledger.deferSyncs()
        let now = Self.monotonic()
        var state = LoaderState(
            limits: limits, counts: try ledger.counts(run: run), now: now, wallOffset: Date().timeIntervalSince1970 - now,
            gracePeriod: gracePeriod, pageSize: pageSize, random: random)
        // A discarding group: a group that keeps its children's results holds every finished request (about
        // 16 KiB each) until it ends — 1.7 GB after 100,000 POSTs.
        let result = await withDiscardingTaskGroup { group -> Result<LoadEnd, GuestListError> in
            defer { group.cancelAll() }
            do throws(GuestListError) {
                return .success(
                    try await drive(group: &group, state: &state, run: run, ledger: ledger, syncs: syncs, stop: stop, onProgress: onProgress))
            } catch {
                return .failure(error)
            }
        }
        if let syncs {
            // The last outcomes: on disk before the load says it is done.
            if case .success = result { try syncs.sync() }
            try ledger.restoreSyncs()
        }
        let end = try result.get()
        if state.unresolved > 0 {
            logger.warning("uncertain rows could not be reconciled; they stay pending", metadata: ["rows": "\(state.unresolved)"])
        }
        let rate = (state.limiter.rate * 10).rounded() / 10
        logger.info("load ended", metadata: ["end": "\(end)", "settledRate": "\(rate)", "rate": "\(limits.rate)"])
        return LoadResult(end: end, settledRate: rate, automaticRate: limits.rate == .auto, unresolved: state.unresolved)
    }

    /// The coordinator: take what arrived, hand it to the state machine, do what it says, until it says end.
    private func drive(
        group: inout DiscardingTaskGroup, state: inout LoaderState, run: Int, ledger: some LoadLedger, syncs: WALSync?, stop: StopSignal,
        onProgress: @Sendable (LoadProgress) -> Void
    ) async throws(GuestListError) -> LoadEnd {
        let api = self.api
        let mailbox = EventMailbox<Delivery>()
        group.addTask {
            await stop.wait()
            if !Task.isCancelled { mailbox.post(.event(.stop)) }
        }
        var armedWake: Double?
        /// Carries out `action` and the events it leads to at once (rows read, attempts recorded); returns the end.
        func perform(_ action: LoaderAction) throws(GuestListError) -> LoadEnd? {
            for post in action.posts {
                group.addTask {
                    let answer = await api.createBooking(json: post.row.payload)
                    mailbox.post(.event(.answered(post, answer, SendOutcome(answer))))
                }
            }
            for read in action.reads {
                group.addTask {
                    let reply: OutgoingRead.Reply
                    switch read.request {
                    case .list(let query): reply = .listed(await api.listBookings(query))
                    case .contacts(let uid): reply = .contacts(await api.contacts(bookingUid: uid))
                    }
                    mailbox.post(.event(.read(read, reply)))
                }
            }
            var follow: [LoaderEvent] = []
            if let commit = action.commit {
                let ids = try ledger.commit(run: run, results: commit.results, starting: commit.starting, at: Date().timeIntervalSince1970)
                if !commit.starting.isEmpty {
                    if let syncs {
                        // The attempts are primed once they are on disk; the coordinator goes on meanwhile.
                        group.addTask {
                            do throws(GuestListError) {
                                try await syncs.syncOffPool()
                                mailbox.post(.event(.recorded(attemptIDs: ids)))
                            } catch {
                                mailbox.post(.syncFailed(error))
                            }
                        }
                    } else {
                        follow.append(.recorded(attemptIDs: ids))
                    }
                }
            }
            if let fetch = action.fetch {
                let rows = try ledger.pendingRows(run: run, after: fetch.after, limit: fetch.limit)
                follow.append(.rowsLoaded(rows, exhausted: rows.count < fetch.limit))
            }
            if !action.abandon.isEmpty { try ledger.abandonAttempts(action.abandon) }
            if let end = action.end { return end }
            if let wake = action.wake, armedWake.map({ wake < $0 - 0.0005 }) ?? true {
                armedWake = wake
                group.addTask {
                    try? await Task.sleep(nanoseconds: UInt64(max(0, wake - Self.monotonic()) * 1e9))
                    mailbox.post(.wake)
                }
            }
            if let deadline = action.graceOver {
                group.addTask {
                    try? await Task.sleep(nanoseconds: UInt64(max(0, deadline - Self.monotonic()) * 1e9))
                    mailbox.post(.event(.graceOver))
                }
            }
            for event in follow {
                if let end = try perform(state.handle(event, now: Self.monotonic())) { return end }
            }
            return nil
        }
        /// Hands a batch to the state machine; the slots its answers free are filled at once.
        func deliver(_ batch: [Delivery]) throws(GuestListError) -> LoadEnd? {
            for delivery in batch {
                switch delivery {
                case .wake:
                    if let armed = armedWake, Self.monotonic() >= armed - 0.0005 { armedWake = nil }
                case .syncFailed(let error):
                    throw error
                case .event(let event):
                    if let end = try perform(state.handle(event, now: Self.monotonic())) { return end }
                }
            }
            return nil
        }
        while true {
            if let end = try perform(state.handle(.tick, now: Self.monotonic())) { return end }
            onProgress(state.progress)
            if let end = try deliver(await mailbox.take()) { return end }
            // Answers about to land share the next group commit: while most requests are still out, let the
            // runnable ones post first (a yield, not a wait), then take what came.
            if state.isRunning, state.inFlight * 2 > limits.concurrency {
                await Task.yield()
                if let end = try deliver(mailbox.takeAvailable()) { return end }
            }
        }
    }

    /// Monotonic seconds: the loader's clock.
    static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
