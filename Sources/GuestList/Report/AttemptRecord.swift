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
