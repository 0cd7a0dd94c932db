/// A date-time read from a sheet: the wall time, plus the UTC offset when the text carried one.
public struct ParsedDateTime: Sendable, Equatable {
    public var local: LocalDateTime
    /// Seconds east of UTC when the text ended in an offset or `Z`; nil for a local time.
    public var offset: Int?
    /// False when the text held only a date.
    public var hasTime: Bool

    public init(local: LocalDateTime, offset: Int? = nil, hasTime: Bool = true) {
        self.local = local
        self.offset = offset
        self.hasTime = hasTime
    }
}
