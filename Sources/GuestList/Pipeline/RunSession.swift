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
    public var prepared: PreparedRun?
    public var elapsed: Double

    /// SPEC §5: 0 all created or skipped; 1 finished with rows that need attention (or a source fault);
    /// 3 stopped early.
    public var exitCode: Int32 {
        switch end {
        case .unauthorized?, .unreachable?, .interrupted?: return 3
        case .finished?, nil:
            let c = info.counts
            if c.pending > 0 { return 3 }
            let clean = c.invalid + c.duplicate + c.conflict + c.failed == 0 && info.sourceFault == nil
            return clean ? 0 : 1
        }
    }
}

/// One `run` (or `retry`) of a pipeline against the API: prepare or resume, record, then load.
public struct RunSession {
    public var pipeline: PipelineFile
    public var ledgerURL: URL
    public var api: any BookingAPI
    public var logger: Logger
    public var checkEventTypes = true

    public init(pipeline: PipelineFile, ledgerURL: URL, api: any BookingAPI, logger: Logger) {
        self.pipeline = pipeline
        self.ledgerURL = ledgerURL
        self.api = api
        self.logger = logger
    }

    /// Runs the pipeline: resumes the latest unfinished run, else starts a new one in which keys already
    /// created in this ledger are `skipped`. Every row is recorded before the first request.
    public func run(
        stop: StopSignal, onReading: (Int) -> Void = { _ in }, onPrepared: (PreparedRun?, Bool) -> Void = { _, _ in },
        onProgress: @Sendable (LoadProgress) -> Void = { _ in }
    ) async throws(GuestListError) -> RunOutcome {
        let started = Date()
        let ledger = try Ledger(url: ledgerURL, exclusive: true)
        var prepared: PreparedRun?
        let runID: Int
        let resumed: Bool
        if let latest = try ledger.latestRun(), latest.finishedAt == nil {
            resumed = true
            runID = latest.id
            if let hash = try? SourceHash.of(pipeline.source.url, path: pipeline.source.url.path), hash != latest.sourceHash, !latest.sourceChanged {
                try ledger.markSourceChanged(run: runID)
                logger.warning("the source changed since this run began; resuming its recorded rows by booking key")
            }
            onPrepared(nil, true)
        } else {
            resumed = false
            let ready = try Pipeline(file: pipeline).prepare(booked: try ledger.bookedKeys(), now: Date(), onProgress: onReading)
            prepared = ready
            onPrepared(ready, false)
            let eventTypeIDs = ready.rows.filter { $0.status == .pending }.compactMap { $0.key.flatMap(BookingKey.init(ledgerText:))?.eventTypeId }
            let stopEarly = try await preflight(eventTypeIDs: eventTypeIDs, stop: stop)
            runID = try ledger.createRun(
                pipeline: pipeline.name, pipelinePath: pipeline.url.path, source: pipeline.source.url.path,
                sourceHash: ready.sourceHash, encoding: ready.encoding, columns: ready.columns,
                sourceFault: ready.sourceFault?.description, rows: ready.rows)
            if let stopEarly {
                return try outcome(ledger: ledger, runID: runID, end: stopEarly, resumed: false, prepared: ready, started: started)
            }
        }
        return try await load(ledger: ledger, runID: runID, resumed: resumed, prepared: prepared, started: started, stop: stop, onProgress: onProgress)
    }

    /// `retry`: puts a run's failed (and, if asked, conflict) rows back to pending and sends them.
    public func retry(
        run requested: String?, conflicts: Bool, stop: StopSignal, onProgress: @Sendable (LoadProgress) -> Void = { _ in }
    ) async throws(GuestListError) -> (RunOutcome, reopened: Int) {
        let started = Date()
        let ledger = try Ledger(url: ledgerURL, exclusive: true)
        let run = try ledger.resolveRun(requested)
        let reopened = try ledger.reopen(run: run.id, statuses: conflicts ? [.failed, .conflict] : [.failed])
        let result = try await load(ledger: ledger, runID: run.id, resumed: true, prepared: nil, started: started, stop: stop, onProgress: onProgress)
        return (result, reopened)
    }

    private func load(
        ledger: Ledger, runID: Int, resumed: Bool, prepared: PreparedRun?, started: Date, stop: StopSignal,
        onProgress: @Sendable (LoadProgress) -> Void
    ) async throws(GuestListError) -> RunOutcome {
        var load: LoadResult?
        if try ledger.counts(run: runID).pending > 0 {
            if resumed, let end = try await preflight(eventTypeIDs: try ledger.pendingEventTypeIDs(run: runID), stop: stop) {
                return try outcome(ledger: ledger, runID: runID, end: end, resumed: resumed, prepared: prepared, started: started)
            }
            var loader = Loader(limits: pipeline.limits, api: api, logger: logger)
            loader.checkBooked = prepared == nil
            load = try await loader.load(run: runID, ledger: ledger, stop: stop, onProgress: onProgress)
        }
        try ledger.finishIfDone(run: runID)
        var result = try outcome(ledger: ledger, runID: runID, end: load?.end, resumed: resumed, prepared: prepared, started: started)
        result.load = load
        return result
    }

    private func outcome(ledger: Ledger, runID: Int, end: LoadEnd?, resumed: Bool, prepared: PreparedRun?, started: Date) throws(GuestListError) -> RunOutcome {
        guard let run = try ledger.run(id: runID) else { throw GuestListError(.ledger, "The run \(runID) vanished from the ledger.") }
        return RunOutcome(
            run: run, info: try ledger.info(for: run), end: end, resumed: resumed, prepared: prepared,
            elapsed: Date().timeIntervalSince(started))
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
