import Foundation
import Testing

@testable import GuestList

/// The JSON and CSV reports of the sample guest lists, byte for byte as guestlist wrote them before the
/// reports were streamed from a ledger cursor (issue 11): the files under Fixtures/Report were written by
/// the in-memory writers, and whatever writes reports now must reproduce them exactly.
///
/// Each sample is read and recorded through the real pipeline into a real ledger; the outcomes a run
/// would give are then set by row number (created with a uid, a conflict, a rejection, a row left
/// pending), with attempts, and the run's times and source path fixed so the files do not depend on the
/// day or the checkout. Set GUESTLIST_RECORD_GOLDEN=1 to write the files anew.
@Suite("Report golden files")
struct ReportGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Report")

    /// A recorded run of `pipeline` with scripted outcomes.
    static func ledger(for pipeline: String) throws -> (Ledger, Ledger.Run) {
        let file = try PipelineFile.load(from: root.appendingPathComponent("Pipelines/\(pipeline).yml"))
        let ledger = try Ledger(url: LedgerTests.tempURL(), exclusive: true)
        let recording = try ledger.beginRecording(pipeline: file.name, pipelinePath: "Pipelines/\(pipeline).yml", source: "")
        var sink = recording
        let summary = try Pipeline(file: file).read(now: Date(timeIntervalSince1970: 1_800_000_000), into: &sink)
        let run = try recording.finish(summary: summary, sourceHash: "fixed")
        let db = ledger.db
        let pending = try db.statement("SELECT row FROM rows WHERE run_id = ? AND status = 'pending' ORDER BY row").bind(run)
        var rows: [Int] = []
        while try pending.step() { rows.append(pending.int(0)) }
        pending.reset()
        for row in rows {
            let attempt = try db.statement("INSERT INTO attempts (run_id, row, started_at, finished_at, http_status, error) VALUES (?, ?, ?, ?, ?, ?)")
            let settle = try db.statement("UPDATE rows SET status = ?, http_status = ?, booking_uid = ?, error = ? WHERE run_id = ? AND row = ?")
            let t = 1_900_000_000 + Double(row)
            switch row % 9 {
            case 3:
                try attempt.bind(run, row, t, t + 0.2, 409, "Conflict: This slot is fully booked").run()
                try settle.bind("conflict", 409, String?.none, "Conflict: This slot is fully booked", run, row).run()
            case 5:
                try attempt.bind(run, row, t, t + 0.2, 503, "HTTP 503: busy").run()
                try attempt.bind(run, row, t + 1, t + 1.2, 422, "The API rejected this row (HTTP 422): name: is too long").run()
                try settle.bind("failed", 422, String?.none, "The API rejected this row (HTTP 422): name: is too long", run, row).run()
            case 7:
                try attempt.bind(run, row, t, Double?.none, Int?.none, String?.none).run()
            default:
                try attempt.bind(run, row, t, t + 0.1, 201, String?.none).run()
                try settle.bind("created", 201, "B\(row)x", String?.none, run, row).run()
            }
        }
        try db.statement("UPDATE runs SET started_at = '2030-01-01T00:00:00Z', finished_at = ?, source = ? WHERE id = ?")
            .bind(rows.contains { $0 % 9 == 7 } ? nil : "2030-01-01T00:10:00Z", "Samples/\(pipeline)", run).run()
        return (ledger, try #require(try ledger.run(id: run)))
    }

    static func expectGolden(_ name: String, _ text: String) throws {
        let url = fixtures.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["GUESTLIST_RECORD_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        guard Array(text.utf8) != Array(expected.utf8) else { return }
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
        Issue.record(
            """
            \(name) differs from its golden file from line \(line + 1):
              got:      \(line < got.count ? String(got[line]) : "(end)")
              expected: \(line < want.count ? String(want[line]) : "(end)")
            """)
    }

    @Test(arguments: ["demo", "spring-summit", "autumn-meetup"])
    func samplesReportAsBefore(pipeline: String) throws {
        let (ledger, run) = try Self.ledger(for: pipeline)
        try Self.expectGolden("\(pipeline).json", Self.render(ledger, run, format: .json))
        try Self.expectGolden("\(pipeline).csv", Self.render(ledger, run, format: .csv))
        try Self.expectGolden("\(pipeline).original.csv", Self.render(ledger, run, format: .csv, original: true))
        try Self.expectGolden(
            "\(pipeline).problems.json", Self.render(ledger, run, format: .json, statuses: [.invalid, .failed, .conflict, .pending]))
    }
}

extension ReportGoldenTests {
    /// The report as `guestlist report` writes it.
    static func render(_ ledger: Ledger, _ run: Ledger.Run, format: ReportFormat, original: Bool = false, statuses: Set<RowStatus>? = nil) throws -> String {
        try ReportExporter(format: format, statuses: statuses, original: original).render(try ledger.report(for: run))
    }
}
