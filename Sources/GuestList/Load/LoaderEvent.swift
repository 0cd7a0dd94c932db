/// What happens to the loader, as its state machine hears it (see `LoaderState`). The loop that carries out
/// the actions turns each finished request, timer, ledger read and signal into one of these.
enum LoaderEvent: Sendable {
    /// A page of pending rows, in source order, after the last row seen; `exhausted` when no more follow.
    case rowsLoaded([PendingRow], exhausted: Bool)
    /// The commit asked for has run: the attempts it started have these ids, in the order asked.
    case recorded(attemptIDs: [Int64])
    /// A POST came back (classified in the request's own task).
    case answered(OutgoingPost, APIAnswer, SendOutcome)
    /// A read of a lookup came back.
    case read(OutgoingRead, OutgoingRead.Reply)
    /// Time passed, or a batch of events has been taken: decide what to commit, start and wake for.
    case tick
    /// SIGINT/SIGTERM: no new request starts; in-flight ones get the grace period.
    case stop
    /// The grace period after the end began has run out: what is still out is abandoned.
    case graceOver
}
