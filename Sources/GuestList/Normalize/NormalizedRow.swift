/// What the normalize stage made of one row: every field it could read, in the API's types, and a
/// problem for each it could not. `BookingValidator.validate(_:)` takes it from here.
public struct NormalizedRow: Sendable, Equatable {
    /// The request as far as the row could be read. A field that could not be read is absent and
    /// has its problem in `problems`; nothing here has been checked against SPEC §1's other rules yet.
    public var draft: BookingRequest
    /// Reasons the row is invalid, found so far.
    public var problems: [RowProblem]
    /// Things worth showing that do not stop the row (a likely typo in a domain, a DST choice made,
    /// an abbreviation whose season contradicts the date).
    public var warnings: [RowProblem]
    /// The row's cells as the source gave them.
    public var source: SourceFields

    public init(draft: BookingRequest, problems: [RowProblem] = [], warnings: [RowProblem] = [], source: SourceFields) {
        self.draft = draft
        self.problems = problems
        self.warnings = warnings
        self.source = source
    }

    /// Per field, the normalized value where there is one without a problem, else the source's own
    /// text (SPEC §5). Computed on demand: a valid row's report values come from its request.
    public var display: RowDisplay {
        func failed(_ field: String) -> Bool { problems.contains { $0.field == field } }
        return RowDisplay(
            name: !draft.name.isEmpty && !failed("name") ? draft.name : source["name"] ?? "",
            email: draft.email.flatMap { failed("email") ? nil : $0.text } ?? source["email"] ?? "",
            startedAt: draft.startedAt.flatMap { failed("startedAt") ? nil : $0.text } ?? source.start,
            timeZone: draft.timeZone.flatMap { failed("timeZone") ? nil : $0.identifier } ?? source["timeZone"] ?? "")
    }
}
