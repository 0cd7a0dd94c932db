import Foundation
import Testing

@testable import GuestList

/// The ledger on a real SQLite file in a temporary folder.
@Suite("Ledger")
struct LedgerTests {
    static func tempURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString).sqlite")
    }

    static func row(_ n: Int, _ status: RowStatus = .pending) -> LedgerRow {
        LedgerRow(
            row: n, line: n + 1, status: status, key: "ev|g\(n)@example.com|2030-06-01T01:00:00.000Z",
            payload: #"{"email":"g\#(n)@example.com"}"#, name: "G \(n)", email: "g\(n)@example.com",
            startedAt: "2030-06-01T01:00:00.000Z", timeZone: "Asia/Tokyo", original: ["G \(n)", "g\(n)@example.com"])
    }

    @Test("migrations run once and are recorded by name; a newer ledger is refused")
    func migrations() throws {
        let url = Self.tempURL()
        do {
            let ledger = try Ledger(url: url, exclusive: false)
            #expect(try ledger.db.userVersion() == LedgerSchema.currentVersion)
        }
        do {
            let again = try Ledger(url: url, exclusive: false)
            let s = try again.db.statement("SELECT name FROM migrations")
            #expect(try s.step() && s.string(0) == "v1-runs-rows-attempts")
            try again.db.execute("PRAGMA user_version = 99")
        }
        #expect(throws: GuestListError.self) { try Ledger(url: url, exclusive: false) }
        do {
            _ = try Ledger(url: url, exclusive: false)
        } catch {
            #expect(error.code == .ledgerTooNew)
            #expect(error.message.contains("newer version"))
        }
    }

    @Test("a second exclusive opener is refused while the first holds the lock, and admitted after")
    func lock() throws {
        let url = Self.tempURL()
        var first: Ledger? = try Ledger(url: url, exclusive: true)
        do {
            _ = try Ledger(url: url, exclusive: true)
            Issue.record("the second opener got in")
        } catch {
            #expect(error.code == .ledgerInUse)
            #expect(error.message.contains("pid \(getpid())"))
        }
        _ = first
        first = nil
        _ = try Ledger(url: url, exclusive: true)
    }

    @Test("rows, attempts and outcomes: an attempt begun and never finished makes its row uncertain")
    func attempts() throws {
        let ledger = try Ledger(url: Self.tempURL(), exclusive: true)
        let run = try ledger.createRun(
            pipeline: "p", pipelinePath: "/p.yml", source: "/s.csv", sourceHash: "h", encoding: "utf-8",
            columns: ["Name", "Email"], sourceFault: nil, rows: [Self.row(1), Self.row(2), Self.row(3, .invalid)])
        #expect(try ledger.counts(run: run).pending == 2)
        let ids = try ledger.beginAttempts(run: run, rows: [1, 2], at: 100)
        try ledger.record(
            run: run,
            results: [
                AttemptResult(
                    attemptID: ids[0], row: 1, finishedAt: 101, httpStatus: 201, latencyMilliseconds: 5, error: nil,
                    status: .created, bookingUid: "U1", transient: false, uncertain: false, key: Self.row(1).key)
            ])
        // Row 2's attempt never finished: as after a kill -9.
        let pending = try ledger.pendingRows(run: run)
        #expect(pending.map(\.row) == [2])
        #expect(pending.first?.uncertain == true)
        try ledger.closeOrphanedAttempts(run: run)
        #expect(try ledger.pendingRows(run: run).first?.uncertain == true, "still uncertain after closing")
        #expect(try ledger.bookedUid(key: Self.row(1).key!) == "U1")
        #expect(try ledger.finishIfDone(run: run) == false)
        try ledger.settleWithoutAttempt(run: run, row: 2, status: .created, uid: "U2", key: Self.row(2).key, message: nil)
        #expect(try ledger.finishIfDone(run: run))
        let recorded = try #require(try ledger.run(id: run))
        let report = try ledger.report(for: recorded)
        #expect(report.rows.map(\.status) == [.created, .created, .invalid])
        #expect(report.rows.map(\.attempts) == [1, 1, 0])
        #expect(report.rows[0].original.map(\.column) == ["Name", "Email"])
        #expect(report.run.finishedAt != nil)
    }

    @Test("retry reopens failed rows (and conflicts when asked) and unfinishes the run")
    func reopen() throws {
        let ledger = try Ledger(url: Self.tempURL(), exclusive: true)
        let run = try ledger.createRun(
            pipeline: "p", pipelinePath: "/p.yml", source: "/s.csv", sourceHash: "h", encoding: nil, columns: [],
            sourceFault: nil, rows: [Self.row(1, .failed), Self.row(2, .conflict), Self.row(3, .created)])
        #expect(try ledger.run(id: run)?.finishedAt != nil)
        #expect(try ledger.reopen(run: run, statuses: [.failed]) == 1)
        #expect(try ledger.run(id: run)?.finishedAt == nil)
        #expect(try ledger.reopen(run: run, statuses: [.failed, .conflict]) == 1)
        #expect(try ledger.counts(run: run).pending == 2)
    }
}
