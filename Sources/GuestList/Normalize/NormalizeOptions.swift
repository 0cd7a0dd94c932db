import Foundation

/// How the normalize stage reads ambiguous input; set by the pipeline's `normalize:` section.
public struct NormalizeOptions: Sendable, Equatable {
    /// How to read all-numeric dates like `3/6/2030`.
    public enum DateOrder: String, Sendable, CaseIterable { case ymd, mdy, dmy }
    /// What to do with a local time in a DST gap or overlap.
    public enum DSTPolicy: String, Sendable, CaseIterable { case reject, earlier, later }

    public var dateOrder: DateOrder
    public var dst: DSTPolicy
    public var allowPast: Bool
    /// Extra zone names (abbreviations, offsets) mapped to IANA ids; keys compare case-insensitively.
    public var timeZoneAliases: [String: String]
    /// "Now", for the rule that a row starting in the past is invalid. Injected so tests control it.
    public var now: Date

    public init(
        dateOrder: DateOrder = .ymd, dst: DSTPolicy = .reject, allowPast: Bool = false,
        timeZoneAliases: [String: String] = [:], now: Date = Date()
    ) {
        self.dateOrder = dateOrder
        self.dst = dst
        self.allowPast = allowPast
        self.timeZoneAliases = timeZoneAliases
        self.now = now
    }
}

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

/// The outcome of normalizing and validating one row.
public struct NormalizedRow: Sendable, Equatable {
    /// The request to send; nil when `problems` is not empty.
    public var request: BookingRequest?
    /// Reasons the row is invalid. Empty for a valid row.
    public var problems: [RowProblem]
    /// Things worth showing that do not stop the row (a likely typo in a domain, a DST choice made).
    public var warnings: [RowProblem]

    /// For an invalid row, the fields that did normalize (`name`, `email`, `startedAt`, `timeZone`),
    /// so a report can show the normalized value where there is one and the source's text elsewhere
    /// (SPEC §5). Empty for a valid row: read `request` instead.
    public var normalizedFields: [String: String]

    public init(request: BookingRequest?, problems: [RowProblem] = [], warnings: [RowProblem] = [],
                normalizedFields: [String: String] = [:]) {
        self.request = request
        self.problems = problems
        self.warnings = warnings
        self.normalizedFields = normalizedFields
    }
}
