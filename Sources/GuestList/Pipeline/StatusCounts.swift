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
