/// What one POST attempt came to, as a stable code (`attempts.outcome`): what the ledger queries and the
/// reports count, where the error text is what a person reads.
public enum AttemptCode: String, Sendable, Codable, CaseIterable {
    /// 201 with a booking uid.
    case created
    /// 409.
    case conflict
    /// 400/422 and other 4xx: the API refused the row's data.
    case rejected
    /// 401/403.
    case unauthorized
    /// 429.
    case throttled
    /// 408/503: the API says it did not act on the request; counted against `maxAttempts`.
    case transient
    /// No answer, or one that does not settle it (500/502/504, a 2xx without a uid), although the request may
    /// have reached the API: a timeout, a dropped connection, the process stopping while it was out. The row is
    /// reconciled before it is sent again.
    case uncertain
    /// Nothing could connect: the request never left.
    case unreachable
}
