import AsyncHTTPClient
import Benchmark
import Foundation
import GuestList
import Logging
import NIOCore
import Sandbox

/// Issue 5's load benchmarks, against an in-process sandbox on loopback (release build):
/// (a) bookkeeping overhead: the whole pipeline vs a bare AsyncHTTPClient loop posting the same bodies;
///     target ≥ 80 % of the bare loop's rows/s. 2,000 rows at concurrency 8. The two separate benchmarks
///     give wall-clock medians taken minutes apart, and on this shared 2-core VM their ratio swings by
///     ±20 points from one run to the next (the pipeline has come out both at 59 % and at 104 % of the bare
///     loop). `a-paired-…` is the figure to read: 31 back-to-back pairs, order alternating, the pipeline's
///     rows/s as a percentage of the bare loop's in each pair. Median of the pairs, release build:
///       - before ledger schema v2 and the bind changes (cb2f5fe): 79 %, 75 % (two runs);
///       - after: 83 %, 80 %, 85 %, 84 %, 86 % (five runs).
///     With the ledger's SQL switched off (a hack in a scratch harness, 15 pairs) the pipeline reaches 93–94 %: the
///     SQLite commits are still about two thirds of what is left. Each answer costs two UPDATEs and the
///     next attempt one INSERT; commits carry about three answers each (the answers that arrive while the
///     previous one runs) and write about 5 WAL pages, down from 9. Details in the issue 5 note.
///     Issue 12 (the loader as a state machine, paged rows, power-loss durability), one session of four runs each:
///     before 71 %, state machine 70 %, durable with deferred syncs 73 %, durable with a sync in every commit 46 %
///     (RESULTS-load.md).
/// (b) rate adherence: 300 rows at rate 50, burst 50 must take (300 − 50) / 50 = 5 s, within 3 %;
/// (c) resume of a 1,000,000-row run with 100 rows pending: time from start to the first request.
let benchmarks: @Sendable () -> Void = {
    // Seven iterations rather than three: the figures are compared across two benchmarks on a shared 2-core
    // machine, and a median of three moves with whatever else runs.
    let overhead = Benchmark.Configuration(metrics: [.wallClock, .throughput, .peakMemoryResident], maxDuration: .seconds(60), maxIterations: 7)

    Benchmark("a-pipeline-2000-rows-unlimited", configuration: overhead) { benchmark in
        try await LoadFixture.pipelineRun(rows: 2_000, rate: 1_000_000, burst: 1_000_000, benchmark: benchmark)
    }
    Benchmark("a-bare-asynchttpclient-2000-posts", configuration: overhead) { benchmark in
        try await LoadFixture.bareLoop(rows: 2_000, benchmark: benchmark)
    }
    // The same comparison in pairs: each iteration times the bare loop and the pipeline back to back (in
    // alternating order) and records the pipeline's rows/s as a percentage of the bare loop's. On a shared VM
    // whose speed drifts from minute to minute, a ratio taken within one pair is steadier than the ratio of
    // two medians taken minutes apart.
    let pairs = Benchmark.Configuration(
        metrics: [.custom("pipeline rows/s as % of the bare loop", polarity: .prefersLarger, useScalingFactor: false)],
        maxDuration: .seconds(180), maxIterations: 31)
    Benchmark("a-paired-pipeline-vs-bare-2000-rows", configuration: pairs) { benchmark in
        let pipelineFirst = benchmark.currentIteration % 2 == 0
        var pipeline = Duration.zero
        if pipelineFirst { pipeline = try await LoadFixture.pipelineRun(rows: 2_000, rate: 1_000_000, burst: 1_000_000) }
        let bare = try await LoadFixture.bareLoop(rows: 2_000)
        if !pipelineFirst { pipeline = try await LoadFixture.pipelineRun(rows: 2_000, rate: 1_000_000, burst: 1_000_000) }
        benchmark.measurement(
            .custom("pipeline rows/s as % of the bare loop", polarity: .prefersLarger, useScalingFactor: false),
            Int((100 * (bare / pipeline)).rounded()))
    }
    Benchmark("b-rate-adherence-300-rows-at-50", configuration: .init(metrics: [.wallClock], maxDuration: .seconds(60), maxIterations: 2)) { benchmark in
        try await LoadFixture.pipelineRun(rows: 300, rate: 50, burst: 50, benchmark: benchmark)
    }
    Benchmark("c-resume-1M-rows-100-pending-to-first-request", configuration: .init(metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(300), maxIterations: 1)) { benchmark in
        try await LoadFixture.resume(total: 1_000_000, pending: 100, benchmark: benchmark)
    }
}

enum LoadFixture {
    static let concurrency = 8

    static func bodies(_ n: Int, offset: Int = 0) -> [String] {
        (0..<n).map { i in
            // Ten start times, so that no slot reaches the event type's capacity (500) and 409s.
            #"{"email":"bench\#(i + offset)@example.com","eventTypeId":"mzgdPJVBb7RE","locale":"en","name":"Bench \#(i)","startedAt":"2030-06-01T0\#(i % 10):00:00.000Z","timeZone":"Asia/Tokyo"}"#
        }
    }

    static func ledgerWith(rows n: Int, pendingFrom: Int = 0) throws -> (Ledger, Int) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).sqlite")
        let ledger = try Ledger(url: url, exclusive: true)
        let payloads = bodies(n)
        let rows = payloads.enumerated().map { i, body in
            CheckedRow(
                row: i + 1, line: i + 2,
                booking: CheckedRow.Booking(
                    key: BookingKey(eventTypeId: "mzgdPJVBb7RE", email: "bench\(i)@example.com", startedAt: "2030-06-01T0\(i % 10):00:00.000Z"),
                    payload: body),
                name: "Bench \(i)", email: "bench\(i)@example.com", startedAt: "2030-06-01T01:00:00.000Z", timeZone: "Asia/Tokyo",
                original: [])
        }
        let run = try ledger.createRun(
            pipeline: "bench", pipelinePath: "/bench.yml", source: "/bench.csv", sourceHash: "0", encoding: "utf-8",
            columns: [], sourceFault: nil, rows: rows)
        // Rows before `pendingFrom` were booked by an earlier session of the run.
        for start in stride(from: 1, through: pendingFrom, by: 10_000) {
            try ledger.record(
                run: run,
                results: (start...min(pendingFrom, start + 9_999)).map { row in
                    AttemptResult(
                        attemptID: 0, row: row, finishedAt: 0, httpStatus: 201, error: nil, status: .created, bookingUid: "B\(row)",
                        transient: false, uncertain: false)
                })
        }
        return (ledger, run)
    }

    /// Loads `n` pending rows through the whole pipeline; returns the time the load took (what `benchmark`, if
    /// given, measures).
    @discardableResult
    static func pipelineRun(rows n: Int, rate: Double, burst: Int, benchmark: Benchmark? = nil) async throws -> Duration {
        try await SandboxServer.withRunning(SandboxConfiguration()) { sandbox in
            let (ledger, run) = try ledgerWith(rows: n)
            var limits = LoadLimits()
            limits.rate = .fixed(rate)
            limits.burst = burst
            limits.concurrency = concurrency
            let client = JicooClient(
                baseURL: sandbox.baseURL, apiKey: sandbox.apiKey, connectTimeout: 5, requestTimeout: 30,
                concurrency: concurrency, logger: Logger(label: "bench"))
            benchmark?.startMeasurement()
            let start = ContinuousClock.now
            let end = try await Loader(limits: limits, api: client, logger: Logger(label: "bench")).load(run: run, ledger: ledger, stop: StopSignal()).end
            let elapsed = ContinuousClock.now - start
            benchmark?.stopMeasurement()
            await client.shutdown()
            let created = try ledger.counts(run: run).created
            precondition(end == .finished && created == n, "ended \(end) with \(created) of \(n) created")
            return elapsed
        }
    }

    /// Posts `n` bodies with AsyncHTTPClient alone, `concurrency` at a time; returns the time it took.
    @discardableResult
    static func bareLoop(rows n: Int, benchmark: Benchmark? = nil) async throws -> Duration {
        try await SandboxServer.withRunning(SandboxConfiguration()) { sandbox in
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            let payloads = bodies(n, offset: 10_000_000)
            let key = sandbox.apiKey
            let url = sandbox.baseURL + "/v1/bookings"
            benchmark?.startMeasurement()
            let start = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<concurrency {
                    group.addTask {
                        for i in stride(from: worker, to: n, by: concurrency) {
                            var request = HTTPClientRequest(url: url)
                            request.method = .POST
                            request.headers.add(name: "X-Jicoo-Api-Key", value: key)
                            request.headers.add(name: "Content-Type", value: "application/json")
                            request.body = .bytes(ByteBuffer(string: payloads[i]))
                            let response = try await http.execute(request, timeout: .seconds(30))
                            _ = try await response.body.collect(upTo: 1 << 20)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let elapsed = ContinuousClock.now - start
            benchmark?.stopMeasurement()
            try await http.shutdown()
            return elapsed
        }
    }

    static func resume(total: Int, pending: Int, benchmark: Benchmark) async throws {
        try await SandboxServer.withRunning(SandboxConfiguration()) { sandbox in
            let url: URL
            let run: Int
            do {
                let (ledger, r) = try ledgerWith(rows: total, pendingFrom: total - pending)
                url = ledger.url
                run = r
            }
            var limits = LoadLimits()
            limits.rate = .fixed(1_000_000)
            limits.burst = 1_000_000
            let client = JicooClient(
                baseURL: sandbox.baseURL, apiKey: sandbox.apiKey, connectTimeout: 5, requestTimeout: 30, concurrency: 4,
                logger: Logger(label: "bench"))
            // Everything a resume does before its first request: open and migrate the ledger, close orphaned
            // attempts, read the counts and the first page of pending rows. The load itself is not measured.
            benchmark.startMeasurement()
            let ledger = try Ledger(url: url, exclusive: true)
            try ledger.closeOrphanedAttempts(run: run)
            let counts = try ledger.counts(run: run)
            let rows = try ledger.pendingRows(run: run, after: 0, limit: 1024)
            benchmark.stopMeasurement()
            precondition(rows.count == pending && counts.pending == pending)
            _ = try await Loader(limits: limits, api: client, logger: Logger(label: "bench")).load(run: run, ledger: ledger, stop: StopSignal())
            await client.shutdown()
        }
    }
}
