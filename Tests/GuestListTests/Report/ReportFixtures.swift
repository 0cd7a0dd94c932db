@testable import GuestList

/// Small, fixed reports shared by the report tests; their values exercise escaping on purpose.
enum ReportFixtures {
    static let counts: StatusCounts = {
        var counts = StatusCounts()
        counts.created = 1
        counts.conflict = 1
        counts.invalid = 1
        counts.duplicate = 1
        counts.skipped = 1
        counts.failed = 1
        counts.pending = 0
        return counts
    }()

    static let run = RunInfo(
        id: "r-0001", pipeline: "spring-summit", source: "/data/spring summit.csv",
        startedAt: "2026-03-01T09:00:00Z", finishedAt: "2026-03-01T09:00:05Z", counts: counts,
        encoding: "utf-8", sourceFault: nil, sourceChanged: false)

    static let rows: [ReportRow] = [
        ReportRow(
            row: 1, line: 2, status: .created, name: "山田 太郎", email: "taro@example.com",
            startedAt: "2030-03-16T02:00:00.000Z", timeZone: "Asia/Tokyo", httpStatus: 201, bookingUid: "bk_1",
            attempts: 1, original: [("Full Name", "山田 太郎"), ("E-mail", "taro@example.com"), ("Phone", "+81")]),
        ReportRow(
            row: 2, line: 3, status: .conflict, name: "Jane \"JJ\" Doe", email: "jane@example.com",
            startedAt: "2030-03-16T02:00:00.000Z", timeZone: "Asia/Tokyo", httpStatus: 409, attempts: 1,
            error: "409: the slot is taken",
            original: [("Full Name", "Jane \"JJ\" Doe"), ("E-mail", "jane@example.com"), ("Phone", "-5")]),
        ReportRow(
            row: 3, line: 4, status: .invalid, name: "=HYPERLINK(\"http://x\")", email: "not-an-email",
            startedAt: "2030-02-30 10:00", timeZone: "Mars/Base", error: "email: not valid,\nsee line 4",
            warnings: ["domain may be a typo"],
            original: [("Full Name", "=HYPERLINK(\"http://x\")"), ("E-mail", "not-an-email"),
                       ("Phone", "+81 90-1234-5678")]),
        ReportRow(
            row: 4, line: 6, status: .duplicate, name: "<script>alert(1)</script>", email: "dup@example.com",
            startedAt: "2030-03-16T02:00:00.000Z", timeZone: "Asia/Tokyo", error: "same booking as row 1",
            original: [("Full Name", "<script>alert(1)</script>"), ("E-mail", "dup@example.com"), ("Phone", "")]),
        ReportRow(
            row: 5, line: 7, status: .skipped, name: "Skip Me", email: "skip@example.com",
            startedAt: "2030-03-16T02:00:00.000Z", timeZone: "Asia/Tokyo",
            original: [("Full Name", "Skip Me"), ("E-mail", "skip@example.com"), ("Phone", "")]),
        ReportRow(
            row: 6, line: 8, status: .failed, name: "Back\\slash\ttab", email: "fail@example.com",
            startedAt: "2030-03-16T02:00:00.000Z", timeZone: "Asia/Tokyo", httpStatus: 422, attempts: 3,
            error: "422: name is too long",
            original: [("Full Name", "Back\\slash\ttab"), ("E-mail", "fail@example.com"), ("Phone", "@home")]),
    ]

    static let attempts: [AttemptRecord] = [
        AttemptRecord(row: 1, startedAt: 1000.0, finishedAt: 1000.2, httpStatus: 201, error: nil),
        AttemptRecord(row: 2, startedAt: 1000.5, finishedAt: 1000.7, httpStatus: 409, error: nil),
        AttemptRecord(row: 6, startedAt: 1001.0, finishedAt: 1001.1, httpStatus: 429, error: nil),
        AttemptRecord(row: 6, startedAt: 1002.0, finishedAt: nil, httpStatus: nil, error: "timed out"),
        AttemptRecord(row: 6, startedAt: 1004.0, finishedAt: 1004.1, httpStatus: 422, error: nil),
    ]

    static let small = RunReport(run: run, rows: rows, attempts: attempts)

    /// A few hundred rows with a 429 storm and retries, for the browser test and the screenshot.
    static func large(rows count: Int = 300) -> RunReport {
        let statuses: [RowStatus] = [.created, .created, .created, .created, .created, .created, .skipped,
                                     .conflict, .invalid, .failed, .duplicate]
        var rows: [ReportRow] = []
        var attempts: [AttemptRecord] = []
        var counts = StatusCounts()
        var reasons = ConflictCounts()
        for index in 1...count {
            let status = index == count ? .pending : statuses[(index * 7) % statuses.count]
            counts[status] += 1
            let reason: ConflictReason? = status == .conflict ? ConflictReason.allCases[index % 3] : nil
            if let reason { reasons[reason] += 1 }
            rows.append(ReportRow(
                row: index, line: index + 1, status: status, name: index % 3 == 0 ? "佐藤 花子 \(index)" : "Guest \(index)",
                email: "guest\(index)@example.com", startedAt: "2030-03-16T02:00:00.000Z", timeZone: "Asia/Tokyo",
                httpStatus: status == .created ? 201 : nil, attempts: status == .created ? 1 : 0,
                error: status == .failed ? "422: name is too long" : status == .invalid ? "email: not valid" : nil,
                conflictReason: reason,
                warnings: index % 17 == 0 ? ["timeZone: EST is read as New York's clock, which is on summer time (UTC−04:00)"] : []))
            let t = 1_700_000_000 + Double(index) * 0.2
            if (40...70).contains(index) {
                attempts.append(AttemptRecord(row: index, startedAt: t, finishedAt: t, httpStatus: 429, error: nil))
            }
            if index % 50 == 0 {
                attempts.append(AttemptRecord(row: index, startedAt: t, finishedAt: nil, httpStatus: nil, error: "timeout"))
                attempts.append(AttemptRecord(row: index, startedAt: t + 1, finishedAt: t + 1, httpStatus: 503, error: nil))
            }
            let code = status == .created ? 201 : status == .conflict ? 409 : status == .failed ? 422 : nil
            if let code {
                attempts.append(AttemptRecord(row: index, startedAt: t + 2, finishedAt: t + 2.1, httpStatus: code, error: nil))
            }
        }
        let run = RunInfo(
            id: "20260301-0900-7f3a", pipeline: "spring-summit", source: "/data/spring-summit.csv",
            startedAt: "2026-03-01T09:00:00Z", finishedAt: nil, counts: counts, encoding: "shift_jis",
            sourceFault: "malformed XML at line 612: unclosed tag <guest>", sourceChanged: true, conflictReasons: reasons)
        return RunReport(run: run, rows: rows, attempts: attempts)
    }
}
