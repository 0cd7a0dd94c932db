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
