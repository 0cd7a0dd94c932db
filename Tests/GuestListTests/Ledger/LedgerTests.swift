import Foundation
import Testing

@testable import GuestList

/// The ledger on a real SQLite file in a temporary folder.
@Suite("Ledger")
struct LedgerTests {
    static func tempURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString).sqlite")
    }

    /// Row `n` of a source: a booking for g`n`@example.com, or an invalid row.
    static func row(_ n: Int, valid: Bool = true) -> CheckedRow {
        CheckedRow(
            row: n, line: n + 1,
            booking: valid
                ? CheckedRow.Booking(
                    key: BookingKey(eventTypeId: "ev", email: "g\(n)@example.com", startedAt: "2030-06-01T01:00:00.000Z"),
                    payload: #"{"email":"g\#(n)@example.com"}"#) : nil,
            name: "G \(n)", email: "g\(n)@example.com", startedAt: "2030-06-01T01:00:00.000Z", timeZone: "Asia/Tokyo",
            original: ["G \(n)", "g\(n)@example.com"],
            problems: valid ? [] : [RowProblem(field: "email", value: "x", message: "bad")])
    }

    /// A run of `rows`, each then put in the status given, as if it had ended that way.
    static func createRun(_ ledger: Ledger, _ rows: [(CheckedRow, RowStatus)], sourceHash: String = "h", columns: [String] = []) throws -> Int {
        let run = try ledger.createRun(
            pipeline: "p", pipelinePath: "/p.yml", source: "/s.csv", sourceHash: sourceHash, encoding: "utf-8",
            columns: columns, sourceFault: nil, rows: rows.map(\.0))
        for (row, status) in rows where status != .pending && status != .invalid {
            try ledger.db.statement("UPDATE rows SET status = ?, booking_uid = ? WHERE run_id = ? AND row = ?")
                .bind(status.rawValue, status == .created ? "U\(row.row)" : nil, run, row.row).run()
        }
        _ = try ledger.finishIfDone(run: run)
        return run
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
            let s = try again.db.statement("SELECT name FROM migrations ORDER BY version")
            var names: [String] = []
            while try s.step() { names.append(s.string(0)) }
            #expect(names == LedgerSchema.migrations.map(\.name))
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

    @Test("a v1 ledger upgrades: its booked keys are still found and an attempt it left open is still closed as uncertain")
    func upgradeFromV1() throws {
        let url = Self.tempURL()
        do {
            // A ledger as guestlist wrote it before v2: the first migration only, a created row with its `booked`
            // entry, and an attempt left open by a process that died.
            let db = try SQLiteDatabase(path: url.path)
            try db.execute(LedgerSchema.migrations[0].sql)
            try db.execute("PRAGMA user_version = 1")
            try db.execute(
                "INSERT INTO runs (pipeline, pipeline_path, source, source_hash, columns, started_at) VALUES ('p', '/p.yml', '/s.csv', 'h', '[]', 't')")
            for (n, status) in [(1, "created"), (2, "pending")] {
                let r = Self.row(n)
                try db.statement(
                    "INSERT INTO rows (run_id, row, line, status, booking_key, payload, name, email, started_at, time_zone, original, booking_uid) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?)"
                ).bind(n, r.line, status, r.booking?.key.description, r.booking?.payload, r.name, r.email, r.startedAt, r.timeZone, n == 1 ? "U1" : nil).run()
            }
            try db.statement("INSERT INTO booked VALUES (?, 'U1', 1, 1, 't')").bind(Self.row(1).booking?.key.description).run()
            try db.execute("INSERT INTO attempts (run_id, row, started_at, finished_at, http_status) VALUES (1, 1, 1, 2, 201)")
            try db.execute("INSERT INTO attempts (run_id, row, started_at) VALUES (1, 2, 3)")
        }
        let ledger = try Ledger(url: url, exclusive: true)
        #expect(try ledger.db.userVersion() == LedgerSchema.currentVersion)
        #expect(try ledger.bookedKeys() == [Self.row(1).booking!.key.description: "U1"], "the created row's key; not the pending row's")
        #expect(try ledger.bookedKeys(excludingRun: 1) == [:])
        try ledger.closeOrphanedAttempts(run: 1)
        let pending = try ledger.pendingRows(run: 1)
        #expect(pending.map(\.row) == [2])
        #expect(pending.first?.uncertain == true && pending.first?.wasUncertain == true)
        let open = try ledger.db.statement("SELECT COUNT(*) FROM attempts WHERE finished_at IS NULL")
        #expect(try open.step() && open.int(0) == 0)
    }

    @Test("each session closes only what the last one left open, however many sessions came before")
    func openAttemptsBySession() throws {
        let ledger = try Ledger(url: Self.tempURL(), exclusive: true)
        let run = try ledger.createRun(
            pipeline: "p", pipelinePath: "/p.yml", source: "/s.csv", sourceHash: "h", encoding: "utf-8",
            columns: [], sourceFault: nil, rows: (1...4).map { Self.row($0) })
        func openAttempts() throws -> [Int] {
            let s = try ledger.db.statement("SELECT row FROM attempts WHERE finished_at IS NULL ORDER BY row")
            var rows: [Int] = []
            while try s.step() { rows.append(s.int(0)) }
            return rows
        }
        // Session 1 starts rows 1 and 2, finishes row 1 (a 503) and dies with row 2 in flight.
        try ledger.closeOrphanedAttempts(run: run)
        let first = try ledger.beginAttempts(run: run, rows: [1, 2], at: 10)
        try ledger.record(
            run: run,
            results: [
                AttemptResult(
                    attemptID: first[0], row: 1, finishedAt: 11, httpStatus: 503, error: "HTTP 503", status: nil,
                    bookingUid: nil, transient: true, uncertain: false)
            ])
        #expect(try openAttempts() == [2])
        // Session 2 closes row 2's attempt, then starts rows 3 and 4 and dies with both in flight.
        try ledger.closeOrphanedAttempts(run: run)
        #expect(try openAttempts() == [])
        _ = try ledger.beginAttempts(run: run, rows: [3, 4], at: 20)
        #expect(try openAttempts() == [3, 4])
        // Session 3 finds both, although they began after the attempts it has no reason to look at.
        try ledger.closeOrphanedAttempts(run: run)
        #expect(try openAttempts() == [])
        let uncertain = try ledger.pendingRows(run: run).filter(\.uncertain).map(\.row)
        #expect(uncertain == [2, 3, 4])
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
            columns: ["Name", "Email"], sourceFault: nil, rows: [Self.row(1), Self.row(2), Self.row(3, valid: false)])
        #expect(try ledger.counts(run: run).pending == 2)
        let ids = try ledger.beginAttempts(run: run, rows: [1, 2], at: 100)
        try ledger.record(
            run: run,
            results: [
                AttemptResult(
                    attemptID: ids[0], row: 1, finishedAt: 101, httpStatus: 201, latencyMilliseconds: 5, error: nil,
                    status: .created, bookingUid: "U1", transient: false, uncertain: false)
            ])
        // Row 2's attempt never finished: as after a kill -9.
        let pending = try ledger.pendingRows(run: run)
        #expect(pending.map(\.row) == [2])
        #expect(pending.first?.uncertain == true)
        try ledger.closeOrphanedAttempts(run: run)
        #expect(try ledger.pendingRows(run: run).first?.uncertain == true, "still uncertain after closing")
        #expect(try ledger.bookedKeys() == [Self.row(1).booking!.key.description: "U1"])
        #expect(try ledger.finishIfDone(run: run) == false)
        // Reconciliation found row 2's booking: settled without an attempt of its own.
        try ledger.record(
            run: run,
            results: [
                AttemptResult(
                    attemptID: 0, row: 2, finishedAt: 102, httpStatus: nil, error: nil, status: .created, bookingUid: "U2",
                    transient: false, uncertain: false)
            ])
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
        let run = try Self.createRun(ledger, [(Self.row(1), .failed), (Self.row(2), .conflict), (Self.row(3), .created)])
        #expect(try ledger.run(id: run)?.finishedAt != nil)
        #expect(try ledger.reopen(run: run, statuses: [.failed]) == 1)
        #expect(try ledger.run(id: run)?.finishedAt == nil)
        #expect(try ledger.reopen(run: run, statuses: [.failed, .conflict]) == 1)
        #expect(try ledger.counts(run: run).pending == 2)
    }
}

/// The ledger's JSON arrays of strings, written by `JSONString` and read back by hand.
@Suite("JSONText")
struct JSONTextTests {
    @Test(arguments: [
        [], [""], ["a", "b"], ["\u{FEFF}", "x\u{FEFF}"], ["\"", "\\", "\n\r\t\u{08}\u{0C}", "\u{00}\u{1F}\u{7F}"],
        ["山田 太郎", "ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ", "🎉👍🏽", "\u{2028}\u{2029}", "e\u{301}"], ["a,b", "[\"]"],
    ])
    func roundTrips(strings: [String]) {
        #expect(JSONText.decodeStrings(JSONText.encode(strings)) == strings)
    }

    @Test func readsWhatOtherWritersWrite() {
        #expect(JSONText.decodeStrings(#" [ "a" , "\u00e9\ud83c\udf89\/" ] "#) == ["a", "é🎉/"])
        #expect(JSONText.decodeStrings("not json") == [])
        #expect(JSONText.decodeStrings(#"["unterminated"#) == [])
    }

    @Test("random strings round-trip", arguments: 0..<4)
    func randomStrings(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed))
        let alphabet: [Unicode.Scalar] = ["a", "\"", "\\", "\n", "\u{0}", "\u{FEFF}", "é", "\u{301}", "山", "🎉", "\u{2028}", "/", " "]
        for _ in 0..<500 {
            let strings = (0..<Int.random(in: 0...4, using: &random)).map { _ in
                String(String.UnicodeScalarView((0..<Int.random(in: 0...8, using: &random)).map { _ in alphabet.randomElement(using: &random)! }))
            }
            #expect(JSONText.decodeStrings(JSONText.encode(strings)) == strings)
        }
    }
}

/// The key digest is stored in ledgers, so its values are pinned; and nearby keys must not collide.
@Suite("KeyDigest")
struct KeyDigestTests {
    /// Computed independently (a few lines of Python following the doc comment). Changing these means
    /// ledgers written before would look like they hold other keys.
    @Test func valuesArePinned() {
        #expect(KeyDigest.of("") == 3_854_192_178_756_780_324)
        #expect(KeyDigest.of("a") == -1_506_285_390_882_740_743)
        #expect(KeyDigest.of("mzgdPJVBb7RE|guest0@example.com|2030-01-24T04:00:00.000Z") == -3_663_968_666_363_998_745)
    }

    @Test func nearbyKeysDiffer() {
        var seen = Set<Int64>()
        for guest in 0..<20_000 {
            for hour in ["04", "05"] {
                #expect(seen.insert(KeyDigest.of("ev|guest\(guest)@example.com|2030-01-24T\(hour):00:00.000Z")).inserted)
            }
        }
        for length in 0..<24 { #expect(seen.insert(KeyDigest.of(String(repeating: "a", count: length))).inserted) }
    }
}
