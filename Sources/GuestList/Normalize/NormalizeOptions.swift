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
