import Foundation
import Testing

@testable import GuestList

/// The ledger as the loader uses it (`LoadLedger`), on a real SQLite file: outcome codes, conflict reasons,
/// pages of pending rows, and the v3 migration from a v2 ledger.
@Suite("Ledger for the loader")
struct LedgerLoadTests {
    static func ledger(rows: [CheckedRow]) throws -> (Ledger, Int) {
        let ledger = try Ledger(url: LedgerTests.tempURL(), exclusive: true)
        let run = try ledger.createRun(
            pipeline: "p", pipelinePath: "/p.yml", source: "/s.csv", sourceHash: "h", encoding: nil, columns: [], sourceFault: nil,
            rows: rows)
        return (ledger, run)
    }

    static func result(_ id: Int64, row: Int, http: Int?, error: String? = nil, status: RowStatus? = nil, uid: String? = nil,
                       reason: ConflictReason? = nil, uncertain: Bool = false) -> AttemptResult {
        AttemptResult(
            attemptID: id, row: row, finishedAt: 2, httpStatus: http, error: error, status: status, bookingUid: uid,
            conflictReason: reason, transient: uncertain, uncertain: uncertain)
    }

    @Test("a v2 ledger upgrades to v3: attempts get outcome codes and lose the `uncertain:` prefix; conflicts get a reason")
    func upgradeFromV2() throws {
        let url = LedgerTests.tempURL()
        do {
            let db = try SQLiteDatabase(path: url.path)
            try db.execute(LedgerSchema.migrations[0].sql)
            try db.execute(LedgerSchema.migrations[1].sql)
            try db.execute("PRAGMA user_version = 2")
            try db.execute(
                "INSERT INTO runs (pipeline, pipeline_path, source, source_hash, columns, started_at) VALUES ('p', '/p.yml', '/s.csv', 'h', '[]', 't')")
            // 1 created; 2 conflict; 3 pending after a dropped answer; 4 pending after a 502; 5 pending after a 503;
            // 6 a conflict reopened by `retry --conflicts`; 7 pending with an attempt left open.
            for (n, status) in [(1, "created"), (2, "conflict"), (3, "pending"), (4, "pending"), (5, "pending"), (6, "pending"), (7, "pending")] {
                let r = LedgerTests.row(n)
                try db.statement(
                    "INSERT INTO rows (run_id, row, line, status, booking_key, payload, name, email, started_at, time_zone, original) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]')"
                ).bind(n, r.line, status, r.booking?.key.description, r.booking?.payload, r.name, r.email, r.startedAt, r.timeZone).run()
            }
            for (row, http, error): (Int, Int?, String?) in [
                (1, 201, nil), (2, 409, "Conflict: full"), (3, nil, "uncertain: the connection was closed before an answer came"),
                (4, 502, "uncertain: HTTP 502: bad gateway"), (5, 503, "HTTP 503: down"), (6, 409, "Conflict: full"),
            ] {
                try db.statement("INSERT INTO attempts (run_id, row, started_at, finished_at, http_status, error) VALUES (1, ?, 1, 2, ?, ?)")
                    .bind(row, http, error).run()
            }
            try db.execute("INSERT INTO attempts (run_id, row, started_at) VALUES (1, 7, 3)")
        }
        let ledger = try Ledger(url: url, exclusive: true)
        #expect(try ledger.db.userVersion() == LedgerSchema.currentVersion)
        let s = try ledger.db.statement("SELECT row, outcome, error FROM attempts ORDER BY id")
        var attempts: [String] = []
        while try s.step() { attempts.append("\(s.int(0)) \(s.optionalString(1) ?? "-") \(s.optionalString(2) ?? "-")") }
        #expect(attempts == [
            "1 created -", "2 conflict Conflict: full", "3 uncertain the connection was closed before an answer came",
            "4 uncertain HTTP 502: bad gateway", "5 transient HTTP 503: down", "6 conflict Conflict: full", "7 - -",
        ])
        #expect(try ledger.conflictReasons(run: 1) == [2: .unknown, 6: .unknown])
        try ledger.closeOrphanedAttempts(run: 1)
        let pending = try ledger.pendingRows(run: 1)
        #expect(pending.map(\.row) == [3, 4, 5, 6, 7])
        #expect(pending.filter(\.uncertain).map(\.row) == [3, 4, 7], "a 502 is uncertain too (v2 missed it after a restart)")
        #expect(pending.filter(\.conflictPending).isEmpty, "a reopened conflict is sent again, not looked up")
        #expect(pending.first { $0.row == 7 }.map { $0.key == LedgerTests.row(7).booking?.key } == true)
    }

    @Test("a 409 leaves the row pending and waiting for its lookup; the lookup settles it with a reason and a uid")
    func conflictPendingThenSettled() throws {
        let (ledger, run) = try Self.ledger(rows: [LedgerTests.row(1), LedgerTests.row(2)])
        let ids = try ledger.commit(run: run, results: [], starting: [1, 2], at: 1)
        try ledger.record(run: run, results: [Self.result(ids[0], row: 1, http: 409, error: "Conflict: full")])
        let pending = try ledger.pendingRows(run: run)
        #expect(pending.first?.conflictPending == true && pending.first?.note == "Conflict: full")
        #expect(pending.first?.uncertain == false)
        #expect(pending.last?.uncertain == true, "row 2's attempt is still open")
        try ledger.record(run: run, results: [Self.result(0, row: 1, http: 409, error: "Conflict: full", status: .conflict, uid: "B9", reason: .alreadyBooked)])
        #expect(try ledger.conflictReasons(run: run) == [1: .alreadyBooked])
        let row = try ledger.report(for: #require(try ledger.run(id: run))).rows[0]
        #expect(row.status == .conflict && row.bookingUid == "B9" && row.error == "Conflict: full")
        let attempt = try ledger.db.statement("SELECT outcome FROM attempts WHERE id = ?").bind(Int(ids[0]))
        #expect(try attempt.step() && attempt.string(0) == "conflict")
        // retry --conflicts leaves a guest who is already booked alone (SPEC §4)…
        #expect(try ledger.reopen(run: run, statuses: [.conflict]) == 0)
        // …and reopens a slot that was taken: sent, not looked up; its reason goes when it settles again.
        try ledger.record(run: run, results: [Self.result(0, row: 1, http: 409, error: "Conflict: full", status: .conflict, reason: .slotTaken)])
        #expect(try ledger.reopen(run: run, statuses: [.conflict]) == 1)
        #expect(try ledger.pendingRows(run: run).first?.conflictPending == false)
        try ledger.record(run: run, results: [Self.result(0, row: 1, http: 201, status: .created, uid: "U1")])
        #expect(try ledger.conflictReasons(run: run).isEmpty)
    }

    @Test("pending rows page in source order after a row number")
    func pages() throws {
        let (ledger, run) = try Self.ledger(rows: (1...10).map { LedgerTests.row($0, valid: $0 % 3 != 0) })
        #expect(try ledger.pendingRows(run: run, after: 0, limit: 3).map(\.row) == [1, 2, 4])
        #expect(try ledger.pendingRows(run: run, after: 4, limit: 3).map(\.row) == [5, 7, 8])
        #expect(try ledger.pendingRows(run: run, after: 8, limit: 3).map(\.row) == [10])
        #expect(try ledger.pendingEventTypeIDs(run: run) == ["ev"])
        #expect(try ledger.pendingRows(run: run, after: 0, limit: 1).first?.key == BookingKey(eventTypeId: "ev", email: "g1@example.com", startedAt: "2030-06-01T01:00:00.000Z"))
    }

    @Test("keys another run booked are skipped in one statement, except an uncertain row's")
    func skipBookedElsewhere() throws {
        let (ledger, first) = try Self.ledger(rows: [LedgerTests.row(1), LedgerTests.row(2), LedgerTests.row(3)])
        _ = try ledger.commit(run: first, results: [], starting: [2], at: 1)  // row 2 in flight when its process died
        let second = try LedgerTests.createRun(ledger, [(LedgerTests.row(1), .created), (LedgerTests.row(2), .created)], sourceHash: "h2")
        try ledger.db.statement("UPDATE rows SET booking_uid = 'B' || row WHERE run_id = ?").bind(second).run()
        try ledger.closeOrphanedAttempts(run: first)
        #expect(try ledger.skipKeysBookedElsewhere(run: first, at: 5) == 1)
        let rows = try ledger.report(for: #require(try ledger.run(id: first))).rows
        #expect(rows.map(\.status) == [.skipped, .pending, .pending])
        #expect(rows[0].bookingUid == "B1")
    }
}
