/// The final status of a source row (SPEC §4).
public enum RowStatus: String, Sendable, Codable, CaseIterable, Comparable {
    case created, conflict, invalid, duplicate, skipped, failed, pending

    public static func < (a: RowStatus, b: RowStatus) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How many rows of a run ended in each status.
public struct StatusCounts: Sendable, Equatable, Codable {
    public var created = 0, conflict = 0, invalid = 0, duplicate = 0, skipped = 0, failed = 0, pending = 0

    public init() {}

    public subscript(status: RowStatus) -> Int {
        get {
            switch status {
            case .created: created
            case .conflict: conflict
            case .invalid: invalid
            case .duplicate: duplicate
            case .skipped: skipped
            case .failed: failed
            case .pending: pending
            }
        }
        set {
            switch status {
            case .created: created = newValue
            case .conflict: conflict = newValue
            case .invalid: invalid = newValue
            case .duplicate: duplicate = newValue
            case .skipped: skipped = newValue
            case .failed: failed = newValue
            case .pending: pending = newValue
            }
        }
    }

    public var total: Int { RowStatus.allCases.reduce(0) { $0 + self[$1] } }
}

/// A run as shown by `report` and `runs`.
public struct RunInfo: Sendable, Equatable {
    public var id: String
    public var pipeline: String
    /// The source file's path as given in the pipeline, resolved.
    public var source: String
    /// ISO 8601 UTC.
    public var startedAt: String
    /// ISO 8601 UTC; nil while the run is unfinished.
    public var finishedAt: String?
    public var counts: StatusCounts
    /// The text encoding the source was read with.
    public var encoding: String?
    /// The fault that stopped reading the source early (malformed XML, say), if any.
    public var sourceFault: String?
    /// True when the source's content changed between the start of this run and a resume of it.
    public var sourceChanged: Bool

    public init(
        id: String, pipeline: String, source: String, startedAt: String, finishedAt: String?,
        counts: StatusCounts, encoding: String? = nil, sourceFault: String? = nil, sourceChanged: Bool = false
    ) {
        self.id = id
        self.pipeline = pipeline
        self.source = source
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.counts = counts
        self.encoding = encoding
        self.sourceFault = sourceFault
        self.sourceChanged = sourceChanged
    }
}

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
    /// Warnings that did not stop the row (a likely domain typo, a DST choice made).
    public var warnings: [String]
    /// The source's own columns and values, in source order (for `report --original`).
    public var original: [(column: String, value: String)]

    public init(
        row: Int, line: Int, status: RowStatus, name: String, email: String, startedAt: String,
        timeZone: String, httpStatus: Int? = nil, bookingUid: String? = nil, attempts: Int = 0,
        error: String? = nil, warnings: [String] = [], original: [(column: String, value: String)] = []
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
        self.warnings = warnings
        self.original = original
    }

    public static func == (a: ReportRow, b: ReportRow) -> Bool {
        a.row == b.row && a.line == b.line && a.status == b.status && a.name == b.name && a.email == b.email
            && a.startedAt == b.startedAt && a.timeZone == b.timeZone && a.httpStatus == b.httpStatus
            && a.bookingUid == b.bookingUid && a.attempts == b.attempts && a.error == b.error
            && a.warnings == b.warnings && a.original.map(\.column) == b.original.map(\.column)
            && a.original.map(\.value) == b.original.map(\.value)
    }
}

/// One HTTP attempt, for the attempts-over-time chart.
public struct AttemptRecord: Sendable, Equatable {
    public var row: Int
    /// Seconds since the Unix epoch.
    public var startedAt: Double
    public var finishedAt: Double?
    /// nil when no answer came (timeout, dropped connection, crash while in flight).
    public var httpStatus: Int?
    public var error: String?

    public init(row: Int, startedAt: Double, finishedAt: Double?, httpStatus: Int?, error: String?) {
        self.row = row
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.httpStatus = httpStatus
        self.error = error
    }
}

/// Everything a report exporter needs about one run.
public struct RunReport: Sendable, Equatable {
    public var run: RunInfo
    public var rows: [ReportRow]
    public var attempts: [AttemptRecord]

    public init(run: RunInfo, rows: [ReportRow], attempts: [AttemptRecord] = []) {
        self.run = run
        self.rows = rows
        self.attempts = attempts
    }
}
