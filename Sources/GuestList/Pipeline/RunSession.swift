import Foundation
import Logging

/// How a `run` or `retry` ended, for the CLI's summary and exit code.
public struct RunOutcome: Sendable {
    public var run: Ledger.Run
    public var info: RunInfo
    /// nil when nothing had to be sent.
    public var end: LoadEnd?
    /// True when this command continued an unfinished run.
    public var resumed: Bool
    public var prepared: PreparedRun?
    public var elapsed: Double
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
            let pendingKeys = ready.rows.filter { $0.status == .pending }.compactMap(\.key)
            var stopEarly: LoadEnd?
            do throws(GuestListError) {
                try await preflight(keys: pendingKeys)
            } catch where error.code == .unauthorized {
                stopEarly = .unauthorized(error.message)
            } catch where error.code == .unreachable {
                stopEarly = .unreachable(error.message)
            }
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
        var end: LoadEnd?
        if try ledger.counts(run: runID).pending > 0 {
            if resumed {
                do throws(GuestListError) {
                    try await preflight(keys: try ledger.pendingRows(run: runID).map(\.key))
                } catch where error.code == .unauthorized || error.code == .unreachable {
                    let e: LoadEnd = error.code == .unauthorized ? .unauthorized(error.message) : .unreachable(error.message)
                    return try outcome(ledger: ledger, runID: runID, end: e, resumed: resumed, prepared: prepared, started: started)
                }
            }
            var loader = Loader(limits: pipeline.limits, api: api, logger: logger)
            loader.checkBooked = prepared == nil
            end = try await loader.load(run: runID, ledger: ledger, stop: stop, onProgress: onProgress)
        }
        try ledger.finishIfDone(run: runID)
        return try outcome(ledger: ledger, runID: runID, end: end, resumed: resumed, prepared: prepared, started: started)
    }

    private func outcome(ledger: Ledger, runID: Int, end: LoadEnd?, resumed: Bool, prepared: PreparedRun?, started: Date) throws(GuestListError) -> RunOutcome {
        guard let run = try ledger.run(id: runID) else { throw GuestListError(.ledger, "The run \(runID) vanished from the ledger.") }
        return RunOutcome(
            run: run, info: try ledger.info(for: run), end: end, resumed: resumed, prepared: prepared,
            elapsed: Date().timeIntervalSince(started))
    }

    /// One event-type check, tried up to `maxAttempts` times while nothing answers (SPEC §4: the run stops
    /// as unreachable only after that many tries), with the loader's backoff in between.
    private func eventTypeExists(_ uid: String) async throws(GuestListError) -> Bool {
        let policy = RetryPolicy(maxAttempts: pipeline.limits.maxAttempts)
        var attempt = 1
        while true {
            do throws(GuestListError) {
                return try await api.eventTypeExists(uid: uid)
            } catch where error.code == .unreachable && attempt < policy.maxAttempts {
                let delay = policy.backoff(consecutive: attempt, unit: Double.random(in: 0.5..<1))
                try? await Task.sleep(nanoseconds: UInt64(delay * 1e9))
                attempt += 1
            }
        }
    }

    /// Checks each distinct event type once (SPEC §1): a 404 stops the command before anything is sent.
    func preflight(keys: [String]) async throws(GuestListError) {
        guard checkEventTypes else { return }
        var seen = Set<String>()
        for text in keys {
            guard let key = BookingKey(ledgerText: text), seen.insert(key.eventTypeId).inserted else { continue }
            if try await !eventTypeExists(key.eventTypeId) {
                throw GuestListError(
                    .eventTypeNotFound,
                    "The event type `\(key.eventTypeId)` does not exist in Jicoo (GET /v1/event_types/\(key.eventTypeId) answered 404); nothing was sent.",
                    location: SourceLocation(file: pipeline.url.path, field: "eventTypeId"),
                    hint: "Check eventTypeId in the pipeline's defaults or the source's column.")
            }
        }
    }
}
