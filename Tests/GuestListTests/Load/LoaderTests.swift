import Foundation
import Logging
import Testing

@testable import GuestList

@Suite("Loader")
struct LoaderTests {
    static let start = "2030-06-01T01:00:00.000Z"

    func ledger(rows: Int) throws -> (Ledger, Int) {
        let ledger = try Ledger(url: LedgerTests.tempURL(), exclusive: true)
        let run = try ledger.createRun(
            pipeline: "p", pipelinePath: "/p.yml", source: "/s.csv", sourceHash: "h", encoding: nil, columns: [],
            sourceFault: nil, rows: (1...rows).map { LedgerTests.row($0) })
        return (ledger, run)
    }

    var limits: LoadLimits {
        var l = LoadLimits()
        l.rate = .fixed(1000)
        l.burst = 100
        l.maxAttempts = 3
        return l
    }

    @Test("a dropped answer is reconciled, not re-sent, when the booking exists")
    func reconcilesBeforeResend() async throws {
        let (ledger, run) = try ledger(rows: 1)
        let api = ScriptedAPI(
            answers: [APIAnswer(status: nil, transportError: "connection closed", mayHaveBeenSent: true)],
            bookings: [ScriptedAPI.booking("SERVER1", "G1@example.com")])
        let end = try await Loader(limits: limits, api: api, logger: Logger(label: "t")).load(run: run, ledger: ledger, stop: StopSignal()).end
        #expect(end == .finished)
        #expect(await api.posts.count == 1, "sent once, then found by reconciliation")
        #expect(await api.listCalls == 1)
        let recorded = try #require(try ledger.run(id: run))
        let report = try ledger.report(for: recorded)
        #expect(report.rows.first?.status == .created)
        #expect(report.rows.first?.bookingUid == "SERVER1")
    }

    @Test("a retried run skips the rows another run has booked since, without sending them; an uncertain row is still reconciled")
    func retrySkipsKeysBookedElsewhere() async throws {
        // Run 1: rows 1–3 failed (row 3 after an answer that never came). Run 2 then booked rows 1 and 3's keys.
        let (ledger, first) = try ledger(rows: 3)
        let failing = try ledger.beginAttempts(run: first, rows: [1, 2, 3], at: 1)
        try ledger.record(
            run: first,
            results: zip([1, 2, 3], failing).map { row, id in
                AttemptResult(
                    attemptID: id, row: row, finishedAt: 2, httpStatus: row == 3 ? nil : 422, error: "rejected",
                    status: row == 3 ? nil : .failed, bookingUid: nil, transient: false, uncertain: row == 3)
            })
        let second = try ledger.createRun(
            pipeline: "p", pipelinePath: "/p.yml", source: "/s.csv", sourceHash: "h2", encoding: nil, columns: [],
            sourceFault: nil, rows: [LedgerTests.row(1), LedgerTests.row(3)].enumerated().map { (i: Int, r: CheckedRow) in
                var r = r
                r.row = i + 1
                return r
            })
        let booking = try ledger.beginAttempts(run: second, rows: [1, 2], at: 3)
        try ledger.record(
            run: second,
            results: zip([1, 2], booking).map { row, id in
                AttemptResult(
                    attemptID: id, row: row, finishedAt: 4, httpStatus: 201, error: nil, status: .created,
                    bookingUid: "LATER\(row)", transient: false, uncertain: false)
            })
        _ = try ledger.reopen(run: first, statuses: [.failed])

        let api = ScriptedAPI(
            answers: [], bookings: [ScriptedAPI.booking("LATER2", "g3@example.com")])
        var loader = Loader(limits: limits, api: api, logger: Logger(label: "t"))
        loader.checkBooked = true
        #expect(try await loader.load(run: first, ledger: ledger, stop: StopSignal()).end == .finished)
        let posts = await api.posts
        #expect(posts.count == 1 && posts[0].contains("g2@example.com"), "only row 2 was sent: \(posts)")
        let rows = try ledger.report(for: try #require(try ledger.run(id: first))).rows
        #expect(rows.map(\.status) == [.skipped, .created, .created])
        #expect(rows[0].bookingUid == "LATER1")
        #expect(rows[2].bookingUid == "LATER2", "the uncertain row was reconciled, not skipped")
        #expect(await api.listCalls == 1)
    }

    @Test("a dropped answer with no booking behind it is sent again")
    func resendsWhenAbsent() async throws {
        let (ledger, run) = try ledger(rows: 1)
        let api = ScriptedAPI(answers: [APIAnswer(status: nil, transportError: "timeout", mayHaveBeenSent: true)])
        _ = try await Loader(limits: limits, api: api, logger: Logger(label: "t")).load(run: run, ledger: ledger, stop: StopSignal()).end
        #expect(await api.posts.count == 2)
        #expect(try ledger.counts(run: run).created == 1)
    }

    @Test("429s do not use up attempts; 503s do, then the row fails with the last error")
    func attemptAccounting() async throws {
        let (ledger, run) = try ledger(rows: 1)
        let t429 = APIAnswer(status: 429, retryAfter: "0")
        let t503 = APIAnswer(status: 503, body: Array("down".utf8))
        let api = ScriptedAPI(answers: [t429, t429, t429, t429, t503, t503, t503])
        _ = try await Loader(limits: limits, api: api, logger: Logger(label: "t")).load(run: run, ledger: ledger, stop: StopSignal()).end
        #expect(await api.posts.count == 7)
        let recorded = try #require(try ledger.run(id: run))
        let row = try #require(try ledger.report(for: recorded).rows.first)
        #expect(row.status == .failed)
        #expect(row.attempts == 7)
        #expect(row.error?.contains("503") == true)
    }

    @Test("401 stops at once: the row and every unsent row stay pending")
    func unauthorized() async throws {
        let (ledger, run) = try ledger(rows: 5)
        var l = limits
        l.concurrency = 1
        let api = ScriptedAPI(answers: [APIAnswer(status: 401, body: Array(#"{"errors":{"message":"bad key"}}"#.utf8))])
        let end = try await Loader(limits: l, api: api, logger: Logger(label: "t")).load(run: run, ledger: ledger, stop: StopSignal()).end
        guard case .unauthorized = end else { Issue.record("ended \(end)"); return }
        #expect(await api.posts.count == 1)
        #expect(try ledger.counts(run: run).pending == 5)
        // The attempt primed for the next row never left: it is gone, not an open (uncertain) attempt.
        #expect(try ledger.pendingRows(run: run).allSatisfy { !$0.uncertain })
        #expect(try ledger.report(for: #require(try ledger.run(id: run))).attempts.count == 1)
    }

    @Test("primed attempts: each row's attempt is recorded once, before its request, and every one finishes")
    func primedAttempts() async throws {
        let (ledger, run) = try ledger(rows: 40)
        var l = limits
        l.concurrency = 4
        let api = ScriptedAPI(answers: [])
        let end = try await Loader(limits: l, api: api, logger: Logger(label: "t")).load(run: run, ledger: ledger, stop: StopSignal()).end
        #expect(end == .finished)
        #expect(await api.posts.count == 40)
        let report = try ledger.report(for: #require(try ledger.run(id: run)))
        #expect(report.attempts.count == 40)
        #expect(report.attempts.allSatisfy { $0.finishedAt != nil && $0.httpStatus == 201 })
        #expect(Set(report.attempts.map(\.row)).count == 40)
        #expect(try ledger.counts(run: run).created == 40)
    }
}
