/// A row after both the normalize and the validate stage: the request to send, or the problems that
/// make the row `invalid`. Only `BookingValidator` makes one, so a request cannot reach the ledger
/// unchecked.
public struct ValidatedRow: Sendable, Equatable {
    /// The normalized row with the validator's problems added.
    public let row: NormalizedRow

    init(_ row: NormalizedRow) {
        self.row = row
    }

    /// The request to send; nil when the row has a problem.
    public var request: BookingRequest? { row.problems.isEmpty ? row.draft : nil }
    /// Reasons the row is invalid. Empty for a valid row.
    public var problems: [RowProblem] { row.problems }
    /// Things worth showing that do not stop the row.
    public var warnings: [RowProblem] { row.warnings }
    /// The booking key of a valid row (SPEC §4); nil for an invalid one.
    public var key: BookingKey? { request?.key }
    /// What a report shows for the row's name, email, start and zone.
    public var display: RowDisplay { row.display }
}
