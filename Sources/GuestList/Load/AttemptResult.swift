/// What became of one attempt (and, when final, of its row), for the ledger's next group commit.
public struct AttemptResult: Sendable, Equatable {
    /// The attempt's id; 0 when no attempt of this session settles the row (a lookup did).
    public var attemptID: Int64
    public var row: Int
    /// Wall-clock seconds since 1970.
    public var finishedAt: Double
    public var httpStatus: Int?
    public var latencyMilliseconds: Double?
    public var error: String?
    /// The attempt's code.
    public var outcome: AttemptCode
    /// The row's new status when this settles it; nil when the row stays pending.
    public var status: RowStatus?
    public var bookingUid: String?
    /// Why a `conflict` row conflicts.
    public var conflictReason: ConflictReason?
    /// Counts against `limits.maxAttempts` (a 429 does not).
    public var transient: Bool
    /// The answer never came although the request may have reached the API.
    public var uncertain: Bool

    /// `outcome` defaults to the code the other fields imply.
    public init(
        attemptID: Int64, row: Int, finishedAt: Double, httpStatus: Int?, latencyMilliseconds: Double? = nil, error: String?,
        outcome: AttemptCode? = nil, status: RowStatus?, bookingUid: String?, conflictReason: ConflictReason? = nil,
        transient: Bool, uncertain: Bool
    ) {
        self.attemptID = attemptID
        self.row = row
        self.finishedAt = finishedAt
        self.httpStatus = httpStatus
        self.latencyMilliseconds = latencyMilliseconds
        self.error = error
        self.status = status
        self.bookingUid = bookingUid
        self.conflictReason = conflictReason
        self.transient = transient
        self.uncertain = uncertain
        self.outcome = outcome ?? Self.implied(httpStatus: httpStatus, status: status, uncertain: uncertain)
    }

    /// The code an attempt with this HTTP status and row status has.
    static func implied(httpStatus: Int?, status: RowStatus?, uncertain: Bool) -> AttemptCode {
        if uncertain { return .uncertain }
        switch httpStatus {
        case nil: return status == .created ? .created : .unreachable
        case let code? where (200..<300).contains(code): return .created
        case 409: return .conflict
        case 401, 403: return .unauthorized
        case 429: return .throttled
        case let code? where code == 408 || code >= 500: return .transient
        default: return .rejected
        }
    }
}
