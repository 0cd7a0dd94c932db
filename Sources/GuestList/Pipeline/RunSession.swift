import Foundation
import Logging

/// How a `run` or `retry` ended, for the CLI's summary and exit code.
public struct RunOutcome: Sendable {
    public var run: Ledger.Run
    public var info: RunInfo
    /// nil when nothing had to be sent.
    public var end: LoadEnd?
    /// The load's details (the rate it settled at, uncertain rows left unresolved); nil when nothing was sent.
    public var load: LoadResult?
    /// True when this command continued an unfinished run.
    public var resumed: Bool
    public var elapsed: Double
}

/// One `run` (or `retry`) of a pipeline against the API: record or resume, then load.
public struct RunSession {
    public var pipeline: PipelineFile
    public var ledgerURL: URL
    public var api: any BookingAPI
    public var logger: Logger
    public var checkEventTypes = true
    /// The source was named on the command line (`run --source`) rather than by the pipeline: an unfinished
    /// run of another file is then not resumed with it (see `run`).
    public var sourceGiven = false

    public init(pipeline: PipelineFile, ledgerURL: URL, api: any BookingAPI, logger: Logger) {
        self.pipeline = pipeline
        self.ledgerURL = ledgerURL
        self.api = api
        self.logger = logger
    }

    /// Runs the pipeline: resumes the latest unfinished run, else records a new one in which keys already
    /// created in this ledger are `skipped`. Every row is recorded before the first request.
    /// - Parameters:
    ///   - onReading: records read so far, now and then, while a new run is recorded.
    ///   - onRecorded: the run's counts once it is recorded (nil when an unfinished run is resumed).
    public func run(
        stop: StopSignal, onReading: (Int) -> Void = { _ in }, onRecorded: (StatusCounts?) -> Void = { _ in },
        onProgress: @Sendable (LoadProgress) -> Void = { _ in }
    ) async throws(GuestListError) -> RunOutcome {
        let started = Date()
        let ledger = try Ledger(url: ledgerURL, exclusive: true)
        try ledger.discardUnfinishedRecordings()
        if let latest = try ledger.latestRun(), latest.finishedAt == nil {
            if sourceGiven, latest.source != pipeline.source.url.path {
                throw GuestListError(
                    .usage,
                    "Run \(latest.id) of \(ledgerURL.path) is unfinished: it read \(latest.source), not \(pipeline.source.url.path). Finish it first; nothing was sent.",
                    location: SourceLocation(file: ledgerURL.path),
                    hint: "guestlist run \(pipeline.url.path)  (resumes run \(latest.id)), then run --source again.")
            }
            if let hash = try? SourceHash.of(pipeline.source.url, path: pipeline.source.url.path), hash != latest.sourceHash, !latest.sourceChanged {
                try ledger.markSourceChanged(run: latest.id)
                logger.warning("the source changed since this run began; resuming its recorded rows by booking key")
            }
            onRecorded(nil)
            return try await load(ledger: ledger, runID: latest.id, resumed: true, started: started, stop: stop, onProgress: onProgress)
        }
        // An older run (an interrupted `retry`) may hold rows whose requests reached Jicoo unanswered: a new run
        // could book those guests again before anyone checks. That run is finished first (SPEC §4).
        if let older = try ledger.runsWithUncertainRows().first {
            throw GuestListError(
                .usage,
                "Run \(older.run) of \(ledgerURL.path) was stopped with \(older.rows) \(older.rows == 1 ? "row" : "rows") whose requests may have reached Jicoo without an answer; a new run could book those guests twice. Finish run \(older.run) first; nothing was sent.",
                location: SourceLocation(file: ledgerURL.path),
                hint: "guestlist retry \(older.run) --ledger \(ledgerURL.path)  (checks those rows in Jicoo, then sends what is left), then run again.")
        }
        let (runID, eventTypes) = try record(into: ledger, stop: stop, onReading: onReading)
        onRecorded(try ledger.counts(run: runID))
        if let end = try await preflight(eventTypeIDs: eventTypes.sorted(), stop: stop) {
            return try outcome(ledger: ledger, runID: runID, end: end, resumed: false, started: started)
        }
        return try await load(ledger: ledger, runID: runID, resumed: false, started: started, stop: stop, onProgress: onProgress)
    }

    /// Reads the source and records it as a new run (SPEC §4): all or nothing. A stop or an error while
    /// reading leaves no run behind. Returns the run and the event types its rows name.
    private func record(into ledger: Ledger, stop: StopSignal, onReading: (Int) -> Void) throws(GuestListError) -> (Int, Set<String>) {
        let recording = try ledger.beginRecording(pipeline: pipeline.name, pipelinePath: pipeline.url.path, source: pipeline.source.url.path)
        var sink = EventTypeCollector(inner: recording)
        do throws(GuestListError) {
            let summary = try Pipeline(file: pipeline).read(now: Date(), into: &sink, shouldStop: { stop.isFired }, onProgress: onReading)
            let hash = try SourceHash.of(pipeline.source.url, path: pipeline.source.url.path)
            return (try recording.finish(summary: summary, sourceHash: hash), sink.eventTypes)
        } catch {
            if recording.runID != nil { _ = try? ledger.discardUnfinishedRecordings() }
            throw error
        }
    }

    /// `retry`: puts a run's failed (and, if asked, conflict) rows back to pending and sends them.
    public func retry(
        run requested: String?, conflicts: Bool, stop: StopSignal, onProgress: @Sendable (LoadProgress) -> Void = { _ in }
    ) async throws(GuestListError) -> (RunOutcome, reopened: Int) {
        let started = Date()
        let ledger = try Ledger(url: ledgerURL, exclusive: true)
        let run = try ledger.resolveRun(requested)
        let reopened = try ledger.reopen(run: run.id, statuses: conflicts ? [.failed, .conflict] : [.failed])
        let result = try await load(ledger: ledger, runID: run.id, resumed: true, started: started, stop: stop, onProgress: onProgress)
        return (result, reopened)
    }

    private func load(
        ledger: Ledger, runID: Int, resumed: Bool, started: Date, stop: StopSignal,
        onProgress: @Sendable (LoadProgress) -> Void
    ) async throws(GuestListError) -> RunOutcome {
        var load: LoadResult?
        if try ledger.counts(run: runID).pending > 0 {
            if resumed, let end = try await preflight(eventTypeIDs: try ledger.pendingEventTypeIDs(run: runID), stop: stop) {
                return try outcome(ledger: ledger, runID: runID, end: end, resumed: resumed, started: started)
            }
            var loader = Loader(limits: pipeline.limits, api: api, logger: logger)
            // A new run's rows were checked against the other runs' bookings when it was recorded; a resumed or
            // retried run's are checked again, since another run may have booked their keys since.
            loader.checkBooked = resumed
            do throws(GuestListError) {
                let result = try await loader.load(run: runID, ledger: ledger, stop: stop, onProgress: onProgress)
                try ledger.recordSettledRate(run: runID, rate: result.settledRate, automatic: result.automaticRate)
                load = result
            } catch where error.code == .ledger {
                // Requests had started: this is not "nothing sent" (exit 2) but a run stopped early (exit 3).
                throw GuestListError(
                    .ledgerWriteFailed,
                    "The ledger \(ledgerURL.path) could not be written while the run was sending (\(error.cause.map { "\($0)" } ?? error.message)); the run stopped, and the rows not sent stay pending.",
                    location: SourceLocation(file: ledgerURL.path), hint: "Fix the cause (disk space, permissions), then run the same command again: requests already made are checked in Jicoo before anything is sent again.",
                    cause: error.cause)
            }
        }
        try ledger.finishIfDone(run: runID)
        var result = try outcome(ledger: ledger, runID: runID, end: load?.end, resumed: resumed, started: started)
        result.load = load
        return result
    }

    private func outcome(ledger: Ledger, runID: Int, end: LoadEnd?, resumed: Bool, started: Date) throws(GuestListError) -> RunOutcome {
        guard let run = try ledger.run(id: runID) else { throw GuestListError(.ledger, "The run \(runID) vanished from the ledger.") }
        return RunOutcome(
            run: run, info: try ledger.info(for: run), end: end, resumed: resumed, elapsed: Date().timeIntervalSince(started))
    }

    /// Checks each distinct event type once (SPEC §1): a 404 stops the command before anything is sent; a
    /// stop, a refused key or an API that cannot be reached ends the run early (returned).
    func preflight(eventTypeIDs: [String], stop: StopSignal) async throws(GuestListError) -> LoadEnd? {
        guard checkEventTypes else { return nil }
        switch await EventTypePreflight(api: api, limits: pipeline.limits).check(eventTypeIDs, stop: stop) {
        case .allExist:
            return nil
        case .stopped(let end):
            return end
        case .missing(let id):
            throw GuestListError(
                .eventTypeNotFound,
                "The event type `\(id)` does not exist in Jicoo (GET /v1/event_types/\(id) answered 404); nothing was sent.",
                location: SourceLocation(file: pipeline.url.path, field: "eventTypeId"),
                hint: "Check eventTypeId in the pipeline's defaults or the source's column.")
        }
    }
}

/// Passes rows on to the recording and notes the event types they name, for the pre-flight check (a
/// handful of ids, however many rows).
private struct EventTypeCollector: RowSink {
    let inner: RunRecording
    var eventTypes = Set<String>()

    mutating func record(_ rows: [CheckedRow]) throws(GuestListError) {
        for row in rows { if let id = row.booking?.key.eventTypeId { eventTypes.insert(id) } }
        try inner.record(rows)
    }
}
