/// One source record after extract → normalize → validate: everything the record stage writes about
/// it. Made once per record and not patched afterwards; the ledger turns it into its own row type.
public struct CheckedRow: Sendable, Equatable {
    /// The booking a valid row asks for: its key (SPEC §4) and the JSON body to send.
    public struct Booking: Sendable, Equatable {
        public var key: BookingKey
        public var payload: String

        public init(key: BookingKey, payload: String) {
            self.key = key
            self.payload = payload
        }
    }

    /// 1-based record number in the source.
    public var row: Int
    /// The physical line where the record starts.
    public var line: Int
    /// nil when the row is invalid: `problems` says why.
    public var booking: Booking?
    /// The report's `name`, `email`, `startedAt` and `timeZone`: normalized where normalization
    /// succeeded, else the source's own text (SPEC §5).
    public var name: String
    public var email: String
    public var startedAt: String
    public var timeZone: String
    /// The source's own values, aligned with its columns, exactly as read (for `report --original`).
    public var original: [String]
    /// Why the row will not be sent; empty for a valid row.
    public var problems: [RowProblem]
    /// What is worth saying about a row that will be sent anyway.
    public var warnings: [RowProblem]

    public init(
        row: Int, line: Int, booking: Booking?, name: String, email: String, startedAt: String, timeZone: String,
        original: [String], problems: [RowProblem] = [], warnings: [RowProblem] = []
    ) {
        self.row = row
        self.line = line
        self.booking = booking
        self.name = name
        self.email = email
        self.startedAt = startedAt
        self.timeZone = timeZone
        self.original = original
        self.problems = problems
        self.warnings = warnings
    }

    /// The text the ledger and the report keep as the row's error: its problems, one sentence each.
    public var errorText: String? {
        problems.isEmpty ? nil : problems.map(\.message).joined(separator: " ")
    }
}

/// Where the pipeline leaves checked rows, a batch at a time: the ledger when a run is recorded, a
/// scratch store when a list is only validated. Duplicates and keys booked earlier are found by the
/// sink once every row is in (see `Ledger.RunRecording`), so no stage holds every key in memory.
public protocol RowSink {
    /// Takes the next rows, in source order.
    mutating func record(_ rows: [CheckedRow]) throws(GuestListError)
}

/// What reading a whole source found, besides its rows.
public struct SourceSummary: Sendable {
    /// The source's column names (CSV header or XML fields), for `report --original`.
    public var columns: [String]
    /// The text encoding the source was read with.
    public var encoding: String
    /// Set when the source broke after some records were read; the records before it were recorded.
    public var sourceFault: GuestListError?
    /// Records read.
    public var rows: Int
}
