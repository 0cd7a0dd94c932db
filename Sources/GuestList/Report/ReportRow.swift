/// One row of a report (SPEC §5). `name`, `email`, `startedAt` and `timeZone` are the normalized values
/// where normalization succeeded, else the source's own text.
public struct ReportRow: Sendable, Equatable {
    public var row: Int
    public var line: Int
    public var status: RowStatus
    public var name: String
    public var email: String
    public var startedAt: String
    public var timeZone: String
    public var httpStatus: Int?
    public var bookingUid: String?
    public var attempts: Int
    public var error: String?
    /// Why a `conflict` row conflicted; nil for other rows.
    public var conflictReason: ConflictReason?
    /// Warnings that did not stop the row (a likely domain typo, a DST choice made).
    public var warnings: [String]
    /// The source's own columns and values, in source order (for `report --original`).
    public var original: [(column: String, value: String)]

    public init(
        row: Int, line: Int, status: RowStatus, name: String, email: String, startedAt: String,
        timeZone: String, httpStatus: Int? = nil, bookingUid: String? = nil, attempts: Int = 0,
        error: String? = nil, conflictReason: ConflictReason? = nil, warnings: [String] = [],
        original: [(column: String, value: String)] = []
    ) {
        self.row = row
        self.line = line
        self.status = status
        self.name = name
        self.email = email
        self.startedAt = startedAt
        self.timeZone = timeZone
        self.httpStatus = httpStatus
        self.bookingUid = bookingUid
        self.attempts = attempts
        self.error = error
        self.conflictReason = conflictReason
        self.warnings = warnings
        self.original = original
    }

    public static func == (a: ReportRow, b: ReportRow) -> Bool {
        a.row == b.row && a.line == b.line && a.status == b.status && a.name == b.name && a.email == b.email
            && a.startedAt == b.startedAt && a.timeZone == b.timeZone && a.httpStatus == b.httpStatus
            && a.bookingUid == b.bookingUid && a.attempts == b.attempts && a.error == b.error && a.conflictReason == b.conflictReason
            && a.warnings == b.warnings && a.original.map(\.column) == b.original.map(\.column)
            && a.original.map(\.value) == b.original.map(\.value)
    }
}
