/// A problem with one field of one row: it makes the row `invalid` (or, as a warning, is only shown).
public struct RowProblem: Sendable, Equatable, Hashable, Codable {
    /// The booking field (`email`, `startedAt`, `tracking.campaign`, …) or `row` for the whole record.
    public var field: String
    /// The source's own text for that field.
    public var value: String
    /// One sentence an organiser understands, saying what is wrong and, where possible, how to fix it.
    public var message: String

    public init(field: String, value: String, message: String) {
        self.field = field
        self.value = value
        self.message = message
    }
}
