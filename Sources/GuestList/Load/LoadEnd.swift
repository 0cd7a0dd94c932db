/// Why a load ended.
public enum LoadEnd: Sendable, Equatable {
    /// Every pending row was settled, or set aside as uncertain when its reconciliation could not be made
    /// (`LoadResult.unresolved`).
    case finished
    /// 401/403: no new request was started; the rest stay pending.
    case unauthorized(String)
    /// Nothing could connect after `maxAttempts` tries in a row.
    case unreachable(String)
    /// SIGINT/SIGTERM.
    case interrupted
}
