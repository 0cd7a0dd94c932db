/// A row waiting to be sent, as the loader needs it.
public struct PendingRow: Sendable, Equatable {
    /// The 1-based record number in the source.
    public var row: Int
    public var key: BookingKey
    /// The request body, as recorded.
    public var payload: String
    /// Attempts that count against `limits.maxAttempts`.
    public var transientAttempts: Int
    /// An earlier attempt may have reached the API without its answer arriving: the row must be reconciled
    /// through the read endpoints before it is sent again.
    public var uncertain: Bool
    /// Some attempt of this row was ever uncertain: a booking of this guest in the slot may be the row's own.
    public var wasUncertain: Bool
    /// The last attempt was answered 409 and the lookup that explains it has not finished: look the slot up,
    /// do not send.
    public var conflictPending: Bool
    /// The row's error text, when the next step needs it (a pending conflict's "Conflict: …").
    public var note: String?

    public init(
        row: Int, key: BookingKey, payload: String, transientAttempts: Int = 0, uncertain: Bool = false, wasUncertain: Bool = false,
        conflictPending: Bool = false, note: String? = nil
    ) {
        self.row = row
        self.key = key
        self.payload = payload
        self.transientAttempts = transientAttempts
        self.uncertain = uncertain
        self.wasUncertain = wasUncertain
        self.conflictPending = conflictPending
        self.note = note
    }
}
